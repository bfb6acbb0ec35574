package io.khorosjdbc.emulator.replay;

import io.khorosjdbc.emulator.world.Rng;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

/**
 * Synthetic values for one captured column, as text already formatted the way the tenant's were:
 * the captured type and format, about the captured share of empty values, lengths within the
 * captured range and about as many distinct values as the captured band. Values depend only on the
 * seed, the column and the row, so every run serves the same file.
 */
final class ReplayValues {
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

  private ReplayValues() {}

  /**
   * The rows of the distinct-count band {@code band} a column's values are drawn from; 0 = a new
   * value per row.
   */
  static int poolSize(String band) {
    return switch (band) {
      case "0", "1" -> 1;
      case "2-10" -> 5;
      case "11-100" -> 30;
      case "101-1000" -> 300;
      default -> 0;
    };
  }

  /** Rows an hour for a captured row-count band (the middle of the band, roughly). */
  static int rowsPerHour(String band) {
    return switch (band) {
      case "0" -> 0;
      case "1" -> 1;
      case "2-10" -> 5;
      case "11-100" -> 30;
      case "101-1000" -> 300;
      default -> 2000;
    };
  }

  /**
   * The generator of a column.
   *
   * @param anchor whether the column carries the row's own time (the export selects rows by it)
   */
  static Function<ReplayExport.Row, Object> of(
      ReplayCapture.Column column, boolean anchor, long seed, ZoneId zone) {
    long code = Rng.code("replay:" + column.apiName());
    int pool = poolSize(column.distinct());
    double nullShare = Math.max(0, Math.min(1, column.nullShare()));
    int min = Math.max(1, column.minLength());
    int max = Math.max(min, column.maxLength());
    Function<Instant, String> time = timeFormat(column.format(), zone);
    return row -> {
      // Exactly floor(n * share) of an hour's first n rows are empty, spread evenly.
      long k = row.index();
      if (Math.floor((k + 1) * nullShare) > Math.floor(k * nullShare)) {
        return null;
      }
      long index = pool == 0 ? row.key() : k % pool;
      Rng r = Rng.of(seed, code, index);
      int length = index == 0 ? max : index == 1 ? min : (int) r.between(min, max + 1L);
      return switch (column.type()) {
        case "empty" -> null;
        case "timestamp" ->
            time.apply(
                Instant.ofEpochMilli(
                    anchor
                        ? row.time()
                        : pool == 0
                            ? row.time() - r.between(0, 86_400) * 1000L
                            : Math.floorDiv(row.time(), 3_600_000L) * 3_600_000L
                                - (index + 1) * 3_600_000L
                                + r.between(0, 3600) * 1000L));
        case "long" -> number(r, length, 0, column.format());
        case "double" -> number(r, length, 2, column.format());
        case "boolean" -> bool(index, column.format());
        case "text" -> words(r, length);
        default -> letters(r, length);
      };
    };
  }

  private static Function<Instant, String> timeFormat(String format, ZoneId zone) {
    if (format.equals("epoch-millis")) {
      return t -> Long.toString(t.toEpochMilli());
    }
    DateTimeFormatter f;
    try {
      f = DateTimeFormatter.ofPattern(format.isEmpty() ? "yyyy-MM-dd HH:mm:ss" : format, Locale.US);
    } catch (IllegalArgumentException e) {
      f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.US);
    }
    DateTimeFormatter formatter = f;
    return t -> formatter.format(t.atZone(zone));
  }

  /**
   * A number of about {@code length} characters in the captured style, with {@code decimals}
   * decimals when it fits.
   */
  static String number(Rng r, int length, int decimals, String style) {
    boolean grouped = style.equals("grouped") || style.equals("grouped-decimal-comma");
    boolean comma = style.equals("decimal-comma") || style.equals("grouped-decimal-comma");
    int places = decimals > 0 && length >= decimals + 2 ? decimals : 0;
    if (grouped && places > 1 && length - places - 1 < 5 && length - 2 >= 5) {
      places = 1; // keep room for a group separator, which is what the capture saw
    }
    int room = places > 0 ? length - places - 1 : length;
    int digits = 1;
    while (digits < room && (grouped ? digits + 1 + digits / 3 : digits + 1) <= room) {
      digits++;
    }
    StringBuilder whole = new StringBuilder();
    for (int i = 0; i < digits; i++) {
      whole.append(i == 0 && digits > 1 ? 1 + r.nextInt(9) : r.nextInt(10));
    }
    String text = grouped ? group(whole.toString(), comma ? '.' : ',') : whole.toString();
    if (places > 0) {
      StringBuilder fraction = new StringBuilder();
      for (int i = 0; i < places; i++) {
        // No trailing zero: a tenant's "12.50" would read back as a shorter value elsewhere.
        fraction.append(i == places - 1 ? 1 + r.nextInt(9) : r.nextInt(10));
      }
      text += (comma ? ',' : '.') + fraction.toString();
    }
    return text;
  }

  private static String group(String digits, char separator) {
    StringBuilder out = new StringBuilder();
    int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    out.append(digits, 0, first);
    for (int i = first; i < digits.length(); i += 3) {
      out.append(separator).append(digits, i, i + 3);
    }
    return out.toString();
  }

  private static String bool(long index, String format) {
    String[] words = format.contains("/") ? format.split("/", 2) : new String[] {"true", "false"};
    return index % 2 == 0 ? words[0] : words[1];
  }

  /** Lower-case letters, capitalised: never a number, a boolean or a date. */
  private static String letters(Rng r, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      char c = LETTERS.charAt(r.nextInt(LETTERS.length()));
      sb.append(i == 0 ? Character.toUpperCase(c) : c);
    }
    return sb.toString();
  }

  /** Words of letters separated by single spaces, {@code length} characters in all. */
  private static String words(Rng r, int length) {
    if (length < 3) {
      return letters(r, length);
    }
    StringBuilder sb = new StringBuilder(letters(r, Math.min(length - 2, 1 + r.nextInt(7))));
    while (sb.length() < length) {
      int left = length - sb.length();
      if (left <= 2) {
        sb.append(letters(r, left).toLowerCase(Locale.ROOT));
      } else {
        sb.append(' ')
            .append(letters(r, Math.min(left - 1, 1 + r.nextInt(7))).toLowerCase(Locale.ROOT));
      }
    }
    return sb.toString();
  }
}
