package io.khorosjdbc.driver.format;

import io.khorosjdbc.driver.format.TimestampFormat.Shape;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the {@link TimestampFormat} of one timestamp column in one export file, from its values.
 *
 * <p>A value in epoch millis, a year-first dash date, a slash date with AM/PM or a dot date shows
 * its format by itself, and the column's first non-empty value decides it. A slash date with a
 * 24-hour clock does not: {@code 01/02/2019 10:00:00} is 1 February day first and 2 January month
 * first. Such a column is decided by the first value whose first field is above 12 (day first) or
 * whose second is (month first). Until then a value whose two readings differ cannot be read: the
 * reader must {@link #learn} from the values after it, looking at most {@link #LOOK_AHEAD_ROWS}
 * rows ahead, and fail with {@link #undecidable} if they do not decide either.
 *
 * <p>Once decided the format never changes: a later value in another style is an error, never read
 * another way. With the {@code dateFormat} pattern, that pattern decides instead of the data; only
 * a column whose first value does not fit it but is epoch millis or a year-first dash date, which
 * cannot be misread, is read in that form.
 *
 * <p>One detector per column and file; not thread-safe.
 */
public final class FormatDetector {

  /**
   * Rows a reader reads ahead of a value whose day and month cannot be told apart yet, looking for
   * one that tells them: enough for a column of mixed dates, bounded so that an export is never
   * held in memory.
   */
  public static final int LOOK_AHEAD_ROWS = 10_000;

  static final String RECOGNISED =
      "expected yyyy-MM-dd HH:mm:ss, ISO-8601 (2019-02-01T10:00:00Z), "
          + "MM/dd/yyyy hh:mm:ss a, dd/MM/yyyy HH:mm:ss, MM/dd/yyyy HH:mm:ss, dd.MM.yyyy HH:mm:ss or "
          + "epoch milliseconds; for another format set dateFormat to its java.time pattern";
  private static final String SLASH =
      "expected dd/MM/yyyy HH:mm:ss or MM/dd/yyyy HH:mm:ss, the "
          + "format of this column in this export";
  private static final Pattern SLASH_DATE =
      Pattern.compile(
          "(\\d{1,2})/(\\d{1,2})/(\\d{4})(?: (\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?");

  private final TimestampFormat custom;
  private TimestampFormat format;

  /** A 24-hour slash date has been seen, so only a slash date can decide the column. */
  private boolean slashes;

  /**
   * @param custom the {@code dateFormat} pattern, or {@code null} to detect the format
   */
  public FormatDetector(TimestampFormat custom) {
    this.custom = custom;
  }

  /** The column's format, or {@code null} while undecided. */
  public TimestampFormat format() {
    return format;
  }

  public boolean decided() {
    return format != null;
  }

  /**
   * Learns what one (trimmed, non-empty) value shows about the column's format; a reader calls it
   * on every value before reading it, and on the values it reads ahead.
   *
   * @return {@code true} when the value means one instant day first and another month first and the
   *     column is undecided: it cannot be read before a later value decides
   */
  public boolean learn(String value) {
    if (format != null || custom != null) {
      return false;
    }
    switch (TimestampFormat.shapeOf(value)) {
      case DAY_FIRST_SLASH -> format = TimestampFormat.DAY_FIRST_SLASH;
      case MONTH_FIRST_SLASH -> format = TimestampFormat.MONTH_FIRST_SLASH;
      case AMBIGUOUS_SLASH -> {
        slashes = true;
        return true;
      }
      case EITHER_SLASH -> slashes = true;
      case EPOCH_MILLIS -> decideUnlessSlashes(TimestampFormat.EPOCH_MILLIS);
      case ISO -> decideUnlessSlashes(TimestampFormat.ISO);
      case US -> decideUnlessSlashes(TimestampFormat.US);
      case DAY_FIRST_DOT -> decideUnlessSlashes(TimestampFormat.DAY_FIRST_DOT);
      case UNKNOWN -> {
        // decides nothing; reading it fails
      }
    }
    return false;
  }

  private void decideUnlessSlashes(TimestampFormat shown) {
    if (!slashes) {
      format = shown;
    }
  }

  /**
   * The format to read one (trimmed, non-empty) value in: the column's, or the one this value
   * decides.
   *
   * @throws ValueFormatException if the value fits no format, or another style than the column's
   *     earlier values
   * @throws IllegalStateException if {@link #learn} said the value needs a decision first
   */
  public TimestampFormat formatFor(String value) throws ValueFormatException {
    if (format != null) {
      return format;
    }
    if (custom != null) {
      return decideCustom(value);
    }
    if (learn(value)) {
      throw new IllegalStateException(
          "'" + value + "' can only be read once the column is decided");
    }
    if (format != null) {
      return format;
    }
    if (TimestampFormat.shapeOf(value) == Shape.EITHER_SLASH) {
      return TimestampFormat.DAY_FIRST_SLASH; // day and month are equal: both readings agree
    }
    throw new ValueFormatException(value, ColumnType.TIMESTAMP, slashes ? SLASH : RECOGNISED);
  }

  private TimestampFormat decideCustom(String value) throws ValueFormatException {
    try {
      custom.parse(value, ZoneOffset.UTC, ZoneOffset.UTC);
      format = custom;
      return custom;
    } catch (DateTimeException | NumberFormatException e) {
      // the first value does not fit the pattern: only a form that cannot be misread is read
    }
    Shape shape = TimestampFormat.shapeOf(value);
    if (shape == Shape.ISO || shape == Shape.EPOCH_MILLIS) {
      format = shape == Shape.ISO ? TimestampFormat.ISO : TimestampFormat.EPOCH_MILLIS;
      return format;
    }
    throw new ValueFormatException(value, ColumnType.TIMESTAMP, custom.expectation());
  }

  /**
   * The message for a value that stays ambiguous after looking ahead: it names the value and asks
   * for {@code dateFormat}, with both patterns spelled like the value.
   *
   * @param rowsAhead how many rows after the value's row were read without a decision
   */
  public static String undecidable(
      String table, String column, long row, String value, int rowsAhead) {
    return String.format(
        Locale.ROOT,
        "table %s, column %s, row %d: cannot tell whether '%s' is "
            + "day first (%s) or month first (%s): neither it nor the column's values in the %d "
            + "row(s) after it have a day or month above 12; set dateFormat=%s if days come first "
            + "or dateFormat=%s if months do",
        table,
        column,
        row,
        value,
        TimestampFormat.DAY_FIRST_SLASH,
        TimestampFormat.MONTH_FIRST_SLASH,
        rowsAhead,
        patternLike(value, true),
        patternLike(value, false));
  }

  /** The java.time pattern of a 24-hour slash date spelled like {@code sample}. */
  static String patternLike(String sample, boolean dayFirst) {
    Matcher m = SLASH_DATE.matcher(sample);
    if (!m.matches()) {
      return (dayFirst ? TimestampFormat.DAY_FIRST_SLASH : TimestampFormat.MONTH_FIRST_SLASH)
          .pattern();
    }
    String first = (dayFirst ? "d" : "M").repeat(m.group(1).length());
    String second = (dayFirst ? "M" : "d").repeat(m.group(2).length());
    StringBuilder pattern = new StringBuilder(first).append('/').append(second).append("/yyyy");
    if (m.group(4) != null) {
      pattern.append(' ').append("H".repeat(m.group(4).length())).append(":mm");
    }
    if (m.group(6) != null) {
      pattern.append(":ss");
    }
    if (m.group(7) != null) {
      pattern.append('.').append("S".repeat(m.group(7).length()));
    }
    return pattern.toString();
  }
}
