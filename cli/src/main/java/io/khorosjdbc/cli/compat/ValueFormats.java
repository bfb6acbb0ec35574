package io.khorosjdbc.cli.compat;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a column's values look like, in the capture's vocabulary (the emulator's replay reads it):
 * see {@link ColumnFormat}. This is not the driver's {@code format.FormatDetector}, on purpose: the
 * driver decides how to read a column (it treats every year-first dash style as one, and decides
 * day-first slash dates from the data), while a capture must name the exact pattern the tenant sent
 * so that a replay can send it again. {@code TableReport} compares the type found here with the
 * type the driver gives the column, and lists the columns that disagree.
 */
public interface ValueFormats {

  /**
   * The type and format of a column.
   *
   * @param columnName the column's key (e.g. {@code CREATED_TIME}), a hint where values are
   *     ambiguous
   * @param values distinct non-blank values of the column (a sample; possibly empty)
   */
  ColumnFormat detect(String columnName, Collection<String> values);

  /** The detector the check uses. */
  static ValueFormats builtIn() {
    return Simple.INSTANCE;
  }

  /**
   * A column's detected type and format.
   *
   * @param type {@code timestamp}, {@code long}, {@code double}, {@code boolean}, {@code string}
   *     (no whitespace), {@code text} or {@code empty} (no value seen)
   * @param format for timestamps a {@link DateTimeFormatter} pattern or {@code epoch-millis}; for
   *     numbers {@code plain} (1234.5), {@code grouped} (1,234.5), {@code decimal-comma} (1234,5)
   *     or {@code grouped-decimal-comma} (1.234,5); for booleans the two spellings as seen, e.g.
   *     {@code true/false}; else empty
   */
  record ColumnFormat(String type, String format) {
    public static final ColumnFormat EMPTY = new ColumnFormat("empty", "");
  }

  /**
   * Regular expressions and a list of timestamp patterns; the first pattern that reads every value
   * wins.
   */
  final class Simple implements ValueFormats {
    static final Simple INSTANCE = new Simple();

    /** Patterns tried in this order. */
    static final List<String> TIMESTAMP_PATTERNS =
        List.of(
            "yyyy-MM-dd HH:mm:ss",
            "yyyy-MM-dd HH:mm:ss.SSS",
            "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
            "yyyy-MM-dd'T'HH:mm:ssXXX",
            "yyyy-MM-dd'T'HH:mm:ss.SSS",
            "yyyy-MM-dd'T'HH:mm:ss",
            "yyyy-MM-dd HH:mm",
            "MM/dd/yyyy hh:mm:ss a",
            "MM/dd/yyyy h:mm a",
            "MM/dd/yyyy HH:mm:ss",
            "dd/MM/yyyy HH:mm:ss",
            "dd.MM.yyyy HH:mm:ss",
            "dd/MM/yyyy HH:mm",
            "dd.MM.yyyy HH:mm",
            "yyyy-MM-dd");

    private static final Pattern INT = Pattern.compile("-?\\d+");
    private static final Pattern DOT_DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern COMMA_DECIMAL = Pattern.compile("-?\\d+,\\d+");
    private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern GROUPED_DOT = Pattern.compile("-?\\d{1,3}(\\.\\d{3})+(,\\d+)?");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("1\\d{12}");
    private static final Pattern TIME_NAME = Pattern.compile(".*(TIME|DATE|_AT|_ON)$");
    private static final List<List<String>> BOOLEANS =
        List.of(List.of("true", "false"), List.of("yes", "no"));

    private Simple() {}

    @Override
    public ColumnFormat detect(String columnName, Collection<String> values) {
      if (values.isEmpty()) {
        return ColumnFormat.EMPTY;
      }
      String key = columnName.toUpperCase(Locale.ROOT);
      if (TIME_NAME.matcher(key).matches()
          && values.stream().allMatch(v -> EPOCH_MILLIS.matcher(v).matches())) {
        return new ColumnFormat("timestamp", "epoch-millis");
      }
      for (String pattern : TIMESTAMP_PATTERNS) {
        DateTimeFormatter f = formatter(pattern);
        if (values.stream().allMatch(v -> parses(f, v))) {
          return new ColumnFormat("timestamp", pattern);
        }
      }
      ColumnFormat number = number(values);
      if (number != null) {
        return number;
      }
      for (List<String> words : BOOLEANS) {
        if (values.stream().allMatch(v -> words.contains(v.toLowerCase(Locale.ROOT)))) {
          return new ColumnFormat(
              "boolean", spelling(values, words.get(0)) + "/" + spelling(values, words.get(1)));
        }
      }
      boolean text =
          values.stream().anyMatch(v -> v.strip().chars().anyMatch(Character::isWhitespace));
      return new ColumnFormat(text ? "text" : "string", "");
    }

    /** How the values spell {@code word}, or the word in the case of the other values. */
    private static String spelling(Collection<String> values, String word) {
      for (String v : values) {
        if (v.equalsIgnoreCase(word)) {
          return v;
        }
      }
      String other = values.iterator().next();
      if (other.equals(other.toUpperCase(Locale.ROOT))) {
        return word.toUpperCase(Locale.ROOT);
      }
      return Character.isUpperCase(other.charAt(0))
          ? Character.toUpperCase(word.charAt(0)) + word.substring(1)
          : word;
    }

    /**
     * The number style every value fits, preferring plain, then grouped, then the decimal-comma
     * styles.
     */
    private static ColumnFormat number(Collection<String> values) {
      boolean allInt = true;
      boolean plain = true;
      boolean grouped = true;
      boolean decimalComma = true;
      boolean groupedDecimalComma = true;
      boolean groupSeen = false;
      boolean decimals = false;
      boolean commaDecimals = false;
      for (String v : values) {
        boolean isInt = INT.matcher(v).matches();
        boolean dot = DOT_DECIMAL.matcher(v).matches();
        boolean comma = COMMA_DECIMAL.matcher(v).matches();
        boolean group = GROUPED.matcher(v).matches();
        boolean dotGroup = GROUPED_DOT.matcher(v).matches();
        allInt &= isInt;
        plain &= isInt || dot;
        grouped &= isInt || dot || group;
        decimalComma &= isInt || comma;
        groupedDecimalComma &= isInt || comma || dotGroup;
        groupSeen |= group;
        decimals |= dot || group && v.indexOf('.') >= 0;
        commaDecimals |= comma || dotGroup && v.indexOf(',') >= 0;
      }
      if (allInt) {
        return new ColumnFormat("long", "plain");
      }
      if (plain) {
        return new ColumnFormat("double", "plain");
      }
      if (grouped && groupSeen) {
        return new ColumnFormat(decimals ? "double" : "long", "grouped");
      }
      if (decimalComma) {
        return new ColumnFormat("double", "decimal-comma");
      }
      if (groupedDecimalComma) {
        return new ColumnFormat(commaDecimals ? "double" : "long", "grouped-decimal-comma");
      }
      return null;
    }

    private static DateTimeFormatter formatter(String pattern) {
      return new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern(pattern.replace("yyyy", "uuuu"))
          .toFormatter(Locale.US)
          .withResolverStyle(ResolverStyle.STRICT);
    }

    private static boolean parses(DateTimeFormatter f, String value) {
      try {
        f.parse(value);
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }
  }
}
