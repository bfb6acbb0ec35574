package io.khorosjdbc.driver.format;

import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads BIGINT and DOUBLE values written in one locale's digits symbols: {@code 1,234.5} in {@code
 * en_US}, {@code 1.234,5} in {@code de_DE}, {@code 1 234,5} in {@code fr_FR} (a narrow no-break
 * space; a no-break space or a plain space is read alike).
 *
 * <p>Strict: grouping is optional, but where it is used every group after the first has exactly
 * three digits and the first has one to three, and a value that is not a number in this locale is
 * an error. So {@code 1.234} is 1234 in {@code de_DE} and 1.234 in {@code en_US}, and {@code 1,5}
 * is an error in {@code en_US}: there is no guessing across locales. DOUBLE also takes an exponent
 * ({@code 1.5E3}) and Java's {@code NaN} and {@code Infinity}.
 *
 * <p>Immutable and thread-safe.
 */
public final class LocaleNumbers {

  private final String name;
  private final char decimal;
  private final char grouping;

  /** The locale groups with a (narrow) no-break space: any space is read as grouping. */
  private final boolean spaceGrouping;

  private final char minus;
  private final String wholeExpected;
  private final String numberExpected;

  private LocaleNumbers(Locale locale) {
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
    this.name = locale.toString();
    this.decimal = symbols.getDecimalSeparator();
    this.grouping = symbols.getGroupingSeparator();
    this.spaceGrouping = isSpace(grouping);
    this.minus = symbols.getMinusSign();
    this.wholeExpected =
        "expected a whole number in locale "
            + name
            + " such as 42, "
            + minus
            + "7 or 1"
            + grouping
            + "234 (no decimals, at most 19 digits)";
    this.numberExpected =
        "expected a number in locale "
            + name
            + " such as 3"
            + decimal
            + "25, "
            + minus
            + "1, 1"
            + grouping
            + "234"
            + decimal
            + "5 or 1"
            + decimal
            + "5E3";
  }

  /** The rules of {@code locale}'s {@link DecimalFormatSymbols}. */
  public static LocaleNumbers of(Locale locale) {
    return new LocaleNumbers(Objects.requireNonNull(locale, "locale"));
  }

  /**
   * The rules of a locale spelled as in the {@code apiLocale} property: {@code en_US}, {@code
   * de-DE}, {@code fr}.
   */
  public static LocaleNumbers of(String locale) {
    return of(
        Locale.forLanguageTag(Objects.requireNonNull(locale, "locale").trim().replace('_', '-')));
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\u00a0' || c == '\u202f';
  }

  private boolean isGrouping(char c) {
    return c == grouping || spaceGrouping && isSpace(c);
  }

  /**
   * Reads a whole number (trimmed, non-empty).
   *
   * @throws ValueFormatException if it is not one in this locale, or does not fit in a long
   */
  public long parseLong(String value) throws ValueFormatException {
    int length = value.length();
    if (length
        <= 18) { // plain digits this short cannot overflow: the common case, in one tight loop
      int i = value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0;
      long result = 0;
      for (int j = i; j < length; j++) {
        char c = value.charAt(j);
        if (c < '0' || c > '9') {
          return parseGrouped(value);
        }
        result = result * 10 + (c - '0');
      }
      if (i < length) {
        return value.charAt(0) == '-' ? -result : result;
      }
    }
    return parseGrouped(value);
  }

  /**
   * {@link #parseLong} for values with grouping, a locale's minus sign, or 19 characters and more.
   */
  private long parseGrouped(String value) throws ValueFormatException {
    int length = value.length();
    int i = 0;
    boolean negative = false;
    char first = value.charAt(0);
    if (first == '-' || first == minus) {
      negative = true;
      i = 1;
    } else if (first == '+') {
      i = 1;
    }
    long result = 0; // accumulated negatively, so that Long.MIN_VALUE fits
    int digits = 0;
    int group = -1; // digits since the last grouping separator; -1 before the first
    for (; i < length; i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        int digit = c - '0';
        if (result < Long.MIN_VALUE / 10 || result * 10 < Long.MIN_VALUE + digit) {
          throw new ValueFormatException(value, ColumnType.BIGINT, wholeExpected);
        }
        result = result * 10 - digit;
        digits++;
        group = group < 0 ? -1 : group + 1;
      } else if (isGrouping(c) && (group < 0 ? digits >= 1 && digits <= 3 : group == 3)) {
        group = 0;
      } else {
        throw new ValueFormatException(value, ColumnType.BIGINT, wholeExpected);
      }
    }
    if (digits == 0 || group >= 0 && group != 3 || !negative && result == Long.MIN_VALUE) {
      throw new ValueFormatException(value, ColumnType.BIGINT, wholeExpected);
    }
    return negative ? result : -result;
  }

  /**
   * Reads a number (trimmed, non-empty).
   *
   * @throws ValueFormatException if it is not one in this locale
   */
  public double parseDouble(String value) throws ValueFormatException {
    String java = javaSpelling(value);
    if (java == null) {
      throw new ValueFormatException(value, ColumnType.DOUBLE, numberExpected);
    }
    return Double.parseDouble(java);
  }

  /**
   * The value as {@link Double#parseDouble} reads it, or {@code null} if it is not a number here.
   */
  private String javaSpelling(String value) {
    switch (value) {
      case "NaN", "Infinity", "+Infinity", "-Infinity" -> {
        return value;
      }
      default -> {
        // a number in digits
      }
    }
    int length = value.length();
    boolean rewrite = decimal != '.'; // Java's spelling differs from the value's: build it
    int i = 0;
    char first = value.charAt(0);
    if (first == '-' || first == minus || first == '+') {
      rewrite |= first != '-' && first != '+';
      i = 1;
    }
    int digits = 0;
    int group = -1; // digits since the last grouping separator; -1 before the first
    for (; i < length; i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
        group = group < 0 ? -1 : group + 1;
      } else if (isGrouping(c) && (group < 0 ? digits >= 1 && digits <= 3 : group == 3)) {
        group = 0;
        rewrite = true;
      } else {
        break;
      }
    }
    if (group >= 0 && group != 3) {
      return null;
    }
    if (i < length && value.charAt(i) == decimal) {
      for (i++; i < length && value.charAt(i) >= '0' && value.charAt(i) <= '9'; i++) {
        digits++;
      }
    }
    if (digits == 0) {
      return null;
    }
    if (i < length && (value.charAt(i) == 'E' || value.charAt(i) == 'e')) {
      i++;
      if (i < length
          && (value.charAt(i) == '-' || value.charAt(i) == minus || value.charAt(i) == '+')) {
        rewrite |= value.charAt(i) == minus && minus != '-';
        i++;
      }
      int exponentDigits = 0;
      for (; i < length && value.charAt(i) >= '0' && value.charAt(i) <= '9'; i++) {
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return null;
      }
    }
    if (i != length) {
      return null;
    }
    return rewrite ? rewritten(value) : value;
  }

  /** A value already known to be a number here, in Java's spelling: no grouping, '.', '-'. */
  private String rewritten(String value) {
    StringBuilder java = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9' || c == 'E' || c == 'e' || c == '+') {
        java.append(c);
      } else if (c == decimal) {
        java.append('.');
      } else if (c == '-' || c == minus) {
        java.append('-');
      } // else a grouping separator
    }
    return java.toString();
  }

  @Override
  public String toString() {
    return name;
  }
}
