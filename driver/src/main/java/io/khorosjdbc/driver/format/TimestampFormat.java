package io.khorosjdbc.driver.format;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;

/**
 * One way an export spells its timestamps: a built-in style or the {@code dateFormat} pattern.
 * {@link FormatDetector} chooses one per column and file; {@link TimestampParser} reads values with
 * it.
 *
 * <p>Built-in styles:
 *
 * <ul>
 *   <li>{@link #ISO}: year first with dashes, {@code 2019-02-01 10:00:00} (the common form, read
 *       without java.time's parser), with an optional fraction, {@code T} instead of the space, an
 *       offset or {@code Z}, seconds left out, or a bare date meaning its midnight;
 *   <li>{@link #EPOCH_MILLIS}: at least 10 digits, optional {@code -};
 *   <li>{@link #US}: {@code 02/01/2019 10:00:00 AM}, month first with a 12-hour clock;
 *   <li>{@link #DAY_FIRST_SLASH} {@code 01/02/2019 10:00:00} and {@link #MONTH_FIRST_SLASH} {@code
 *       02/01/2019 10:00:00}, 24-hour clock: the same shape, told apart from the data;
 *   <li>{@link #DAY_FIRST_DOT}: {@code 01.02.2019 10:00:00}.
 * </ul>
 *
 * The slash and dot styles also accept one-digit days, months and hours, no seconds, a fraction, or
 * no time at all. Built-in styles are STRICT, so 2019-02-30 is an error, not Feb 28. A {@code
 * dateFormat} pattern keeps java.time's default (SMART) resolver, because STRICT would reject the
 * common {@code yyyy} (year-of-era without an era).
 *
 * <p>Immutable and thread-safe.
 */
public final class TimestampFormat {

  /** What a single value shows about the style it is written in; see {@link #shapeOf}. */
  enum Shape {
    EPOCH_MILLIS,
    ISO,
    US,
    DAY_FIRST_DOT,
    /** a slash date with a 24-hour clock whose first field is above 12: day first */
    DAY_FIRST_SLASH,
    /** a slash date with a 24-hour clock whose second field is above 12: month first */
    MONTH_FIRST_SLASH,
    /** a slash date with a 24-hour clock, day and month both 12 or less and different */
    AMBIGUOUS_SLASH,
    /** a slash date with a 24-hour clock whose first two fields are equal: both readings agree */
    EITHER_SLASH,
    /** none of the above (or both fields above 12) */
    UNKNOWN
  }

  public static final TimestampFormat ISO =
      new TimestampFormat(
          "yyyy-MM-dd HH:mm:ss or ISO-8601 " + "(2019-02-01T10:00:00Z)", null, null);
  public static final TimestampFormat EPOCH_MILLIS =
      new TimestampFormat("epoch milliseconds (1549015200000)", null, null);
  public static final TimestampFormat US =
      new TimestampFormat(
          "MM/dd/yyyy hh:mm:ss a",
          builtIn("M/d/uuuu h:mm[:ss] a", Locale.US),
          Layout.of("MM/dd/yyyy hh:mm:ss a"));
  public static final TimestampFormat DAY_FIRST_SLASH =
      twentyFourHour("dd/MM/yyyy HH:mm:ss", "d/M/uuuu");
  public static final TimestampFormat MONTH_FIRST_SLASH =
      twentyFourHour("MM/dd/yyyy HH:mm:ss", "M/d/uuuu");
  public static final TimestampFormat DAY_FIRST_DOT =
      twentyFourHour("dd.MM.yyyy HH:mm:ss", "d.M.uuuu");

  private static final DateTimeFormatter ISO_T = isoDateTime('T');
  private static final DateTimeFormatter ISO_SPACE = isoDateTime(' ');
  private static final int MIN_EPOCH_MILLIS_DIGITS = 10;

  private final String pattern;

  /** The general parser; null for ISO and epoch millis, which have their own code. */
  private final DateTimeFormatter formatter;

  /** The fixed-width spelling read without a formatter, or null. */
  private final Layout layout;

  private final boolean custom;

  private TimestampFormat(String pattern, DateTimeFormatter formatter, Layout layout) {
    this(pattern, formatter, layout, false);
  }

  private TimestampFormat(
      String pattern, DateTimeFormatter formatter, Layout layout, boolean custom) {
    this.pattern = pattern;
    this.formatter = formatter;
    this.layout = layout;
    this.custom = custom;
  }

  /**
   * The format of the {@code dateFormat} connection property.
   *
   * @throws IllegalArgumentException if {@code pattern} is not a valid {@link DateTimeFormatter}
   *     pattern
   */
  public static TimestampFormat ofPattern(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    try {
      return new TimestampFormat(
          pattern,
          new DateTimeFormatterBuilder()
              .parseCaseInsensitive()
              .appendPattern(pattern)
              .toFormatter(Locale.US),
          null,
          true);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "dateFormat '"
              + pattern
              + "' is not a valid "
              + "java.time.format.DateTimeFormatter pattern: "
              + e.getMessage(),
          e);
    }
  }

  private static TimestampFormat twentyFourHour(String pattern, String date) {
    DateTimeFormatter formatter =
        new DateTimeFormatterBuilder()
            .appendPattern(date)
            .optionalStart()
            .appendLiteral(' ')
            .appendPattern("H:mm[:ss]")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    return new TimestampFormat(pattern, formatter, Layout.of(pattern));
  }

  private static DateTimeFormatter builtIn(String pattern, Locale locale) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(pattern)
        .toFormatter(locale)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  /**
   * ISO local date, separator, ISO local time, then an optional offset ({@code Z}, {@code +01:00}
   * or {@code +0100}).
   */
  private static DateTimeFormatter isoDateTime(char separator) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .append(DateTimeFormatter.ISO_LOCAL_DATE)
        .appendLiteral(separator)
        .append(DateTimeFormatter.ISO_LOCAL_TIME)
        .optionalStart()
        .appendOffset("+HH:MM:ss", "Z")
        .optionalEnd()
        .optionalStart()
        .appendOffset("+HHMM", "Z")
        .optionalEnd()
        .toFormatter(Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  /** The pattern (or description) shown to users, e.g. {@code dd/MM/yyyy HH:mm:ss}. */
  public String pattern() {
    return pattern;
  }

  /** What a value of this format looks like, for error messages. */
  String expectation() {
    return custom
        ? "expected the dateFormat pattern '" + pattern + "'"
        : "expected " + pattern + ", the format of this column in this export";
  }

  /**
   * Reads one (trimmed) value. Values without an offset are wall-clock times in {@code zone}: in a
   * daylight-saving gap they move forward, in an overlap the earlier instant is used.
   *
   * @param fixedOffset {@code zone}'s offset when it never changes (UTC), else {@code null}
   * @return epoch milliseconds
   * @throws DateTimeException if the value is not in this format
   */
  long parse(String value, ZoneId zone, ZoneOffset fixedOffset) {
    if (this == EPOCH_MILLIS) {
      if (!isEpochMillis(value)) {
        throw new DateTimeException("not epoch milliseconds: " + value);
      }
      return Long.parseLong(value);
    }
    if (this == ISO) {
      return value.length() == 19 && value.charAt(10) == ' '
          ? sqlSeconds(value, zone, fixedOffset)
          : parseIso(value, zone);
    }
    if (layout != null) {
      LocalDateTime local = layout.read(value);
      if (local != null) {
        return fixedOffset != null
            ? local.toEpochSecond(fixedOffset) * 1000L
            : local.atZone(zone).toInstant().toEpochMilli();
      }
    }
    return toEpochMillis(formatter.parse(value), zone);
  }

  /**
   * The common {@code yyyy-MM-dd HH:mm:ss} without a formatter and with constant positions: this
   * runs once per value of most timestamp columns, where java.time's parser was a third of a scan's
   * time. Fields out of range (Feb 30) still fail, in {@link LocalDateTime#of}.
   */
  private static long sqlSeconds(String value, ZoneId zone, ZoneOffset fixedOffset) {
    if (value.charAt(4) != '-'
        || value.charAt(7) != '-'
        || value.charAt(13) != ':'
        || value.charAt(16) != ':') {
      return parseIso(
          value, zone); // another ISO spelling of the same length, e.g. 2019-02-01 10:00+01
    }
    int year = digits(value, 0, 4);
    int month = digits(value, 5, 7);
    int day = digits(value, 8, 10);
    int hour = digits(value, 11, 13);
    int minute = digits(value, 14, 16);
    int second = digits(value, 17, 19);
    if (fixedOffset != null && isCommonDate(month, day, hour, minute, second)) {
      long seconds = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
      return (seconds - fixedOffset.getTotalSeconds()) * 1000L;
    }
    LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
    return fixedOffset != null
        ? local.toEpochSecond(fixedOffset) * 1000L
        : local.atZone(zone).toInstant().toEpochMilli();
  }

  /**
   * Fields that every month has (days 1 to 28), so no calendar is needed to know the date exists;
   * others go through {@link LocalDateTime#of}, which checks them and names what is wrong.
   */
  private static boolean isCommonDate(int month, int day, int hour, int minute, int second) {
    return month >= 1
        && month <= 12
        && day >= 1
        && day <= 28
        && hour <= 23
        && minute <= 59
        && second <= 59;
  }

  /**
   * Days since 1970-01-01 of a proleptic Gregorian date, as {@link LocalDate#toEpochDay()} counts
   * them, without building one: this runs for most timestamp values of a scan.
   */
  static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  private static int digits(String value, int from, int to) {
    int result = 0;
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new DateTimeException("not a digit at " + i + ": " + value);
      }
      result = result * 10 + (c - '0');
    }
    return result;
  }

  private static long parseIso(String value, ZoneId zone) {
    int length = value.length();
    if (length < 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
      throw new DateTimeException("not yyyy-MM-dd: " + value);
    }
    if (length == 10) {
      return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE)
          .atStartOfDay(zone)
          .toInstant()
          .toEpochMilli();
    }
    char separator = value.charAt(10);
    if (separator == 'T' || separator == 't') {
      return toEpochMillis(ISO_T.parse(value), zone);
    }
    return toEpochMillis(ISO_SPACE.parse(value), zone);
  }

  /**
   * Works for any parsed form: with an offset (resolved to an instant by java.time), without one,
   * or a bare date.
   */
  private static long toEpochMillis(TemporalAccessor parsed, ZoneId zone) {
    if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
      return Instant.from(parsed).toEpochMilli();
    }
    LocalDate date = LocalDate.from(parsed);
    if (!parsed.isSupported(ChronoField.NANO_OF_DAY)) {
      return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }
    return LocalDateTime.of(date, LocalTime.from(parsed)).atZone(zone).toInstant().toEpochMilli();
  }

  /**
   * The style a single value shows, from a few characters and without parsing it: epoch millis, a
   * year-first dash date, a slash date with AM/PM, a dot date, or a 24-hour slash date, which is
   * day first when its first field is above 12, month first when its second is, and otherwise
   * cannot be told from this value alone.
   */
  static Shape shapeOf(String value) {
    if (isEpochMillis(value)) {
      return Shape.EPOCH_MILLIS;
    }
    int length = value.length();
    if (length >= 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
      return Shape.ISO;
    }
    int slash = value.indexOf('/');
    if (slash == 1 || slash == 2) {
      return endsWithAmPm(value) ? Shape.US : slashShape(value, slash);
    }
    if (length >= 8 && (value.charAt(1) == '.' || value.charAt(2) == '.')) {
      return Shape.DAY_FIRST_DOT;
    }
    return Shape.UNKNOWN;
  }

  private static Shape slashShape(String value, int slash) {
    int second = value.indexOf('/', slash + 1);
    if (second != slash + 2 && second != slash + 3) {
      return Shape.UNKNOWN;
    }
    int first = number(value, 0, slash);
    int next = number(value, slash + 1, second);
    if (first < 0 || next < 0) {
      return Shape.UNKNOWN;
    }
    if (first > 12) {
      return next > 12 ? Shape.UNKNOWN : Shape.DAY_FIRST_SLASH;
    }
    if (next > 12) {
      return Shape.MONTH_FIRST_SLASH;
    }
    return first == next ? Shape.EITHER_SLASH : Shape.AMBIGUOUS_SLASH;
  }

  private static boolean endsWithAmPm(String value) {
    int length = value.length();
    if (length < 3) {
      return false;
    }
    char m = value.charAt(length - 1);
    char a = value.charAt(length - 2);
    return (m == 'M' || m == 'm') && (a == 'A' || a == 'a' || a == 'P' || a == 'p');
  }

  /** The decimal number in {@code value[from, to)}, or -1 if that is not all digits. */
  private static int number(String value, int from, int to) {
    int result = 0;
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      result = result * 10 + (c - '0');
    }
    return result;
  }

  static boolean isEpochMillis(String value) {
    int start = !value.isEmpty() && value.charAt(0) == '-' ? 1 : 0;
    if (value.length() - start < MIN_EPOCH_MILLIS_DIGITS) {
      return false;
    }
    for (int i = start; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return pattern;
  }

  /**
   * A fixed-width spelling such as {@code dd/MM/yyyy HH:mm:ss} read without java.time's parser,
   * like {@link #sqlSeconds}. Fields out of range (Feb 30) still fail, in {@link LocalDateTime#of}.
   */
  private static final class Layout {
    private final int length;
    private final int year;
    private final int month;
    private final int day;
    private final int hour;
    private final int minute;
    private final int second;

    /** Where {@code AM}/{@code PM} starts, or -1 for a 24-hour clock. */
    private final int amPm;

    private final int[] literalAt;
    private final char[] literals;

    private Layout(String template) {
      this.length = template.length();
      this.year = template.indexOf("yyyy");
      this.month = template.indexOf("MM");
      this.day = template.indexOf("dd");
      this.amPm = template.indexOf(" a") < 0 ? -1 : template.indexOf(" a") + 1;
      this.hour = amPm < 0 ? template.indexOf("HH") : template.indexOf("hh");
      this.minute = template.indexOf("mm");
      this.second = template.indexOf("ss");
      int count = 0;
      for (int i = 0; i < length; i++) {
        count += isLiteral(template, i) ? 1 : 0;
      }
      this.literalAt = new int[count];
      this.literals = new char[count];
      for (int i = 0, j = 0; i < length; i++) {
        if (isLiteral(template, i)) {
          literalAt[j] = i;
          literals[j++] = template.charAt(i);
        }
      }
    }

    static Layout of(String template) {
      return new Layout(template.replace(" a", " aa"));
    }

    private static boolean isLiteral(String template, int i) {
      return "yMdHhmsa".indexOf(template.charAt(i)) < 0;
    }

    /** The wall-clock time, or {@code null} if the value does not have exactly this spelling. */
    LocalDateTime read(String value) {
      if (value.length() != length) {
        return null;
      }
      for (int i = 0; i < literalAt.length; i++) {
        if (value.charAt(literalAt[i]) != literals[i]) {
          return null;
        }
      }
      int y = number(value, year, year + 4);
      int mo = number(value, month, month + 2);
      int d = number(value, day, day + 2);
      int h = number(value, hour, hour + 2);
      int mi = number(value, minute, minute + 2);
      int s = number(value, second, second + 2);
      if ((y | mo | d | h | mi | s) < 0) {
        return null;
      }
      if (amPm >= 0) {
        h = twentyFourHour(h, value.charAt(amPm), value.charAt(amPm + 1));
      }
      return LocalDateTime.of(y, mo, d, h, mi, s);
    }

    private static int twentyFourHour(int clockHour, char a, char m) {
      if (clockHour < 1 || clockHour > 12 || (m != 'M' && m != 'm')) {
        throw new DateTimeException("not a 12-hour clock time: " + clockHour + " " + a + m);
      }
      if (a == 'A' || a == 'a') {
        return clockHour % 12;
      }
      if (a == 'P' || a == 'p') {
        return clockHour % 12 + 12;
      }
      throw new DateTimeException("neither AM nor PM: " + a + m);
    }
  }
}
