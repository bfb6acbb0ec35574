package io.khorosjdbc.driver.format;

import java.util.Locale;
import java.util.Objects;

/**
 * Converts one column's string values to Calcite's internal representation of the column's {@link
 * ColumnType}: VARCHAR → {@code String}, BIGINT → {@code Long}, DOUBLE → {@code Double}, BOOLEAN →
 * {@code Boolean}, TIMESTAMP → {@code Long} epoch milliseconds of the UTC wall clock.
 *
 * <p>Values other than VARCHAR are read without surrounding whitespace, and a blank one is {@code
 * null}. Numbers are read in a locale's symbols ({@link LocaleNumbers}); timestamps by a {@link
 * Timestamps} reader, which for a scan is the column's {@link FormatDetector} in that file.
 * Thread-safe when the timestamp reader is.
 */
public final class ValueConverter {

  /** Reads one trimmed, non-empty timestamp value as epoch milliseconds. */
  @FunctionalInterface
  public interface Timestamps {
    long read(String value) throws ValueFormatException;
  }

  @FunctionalInterface
  private interface Conversion {
    Object convert(String value) throws ValueFormatException;
  }

  private final Conversion conversion;

  /**
   * Numbers in {@code en_US}; timestamps in the first form that fits each value ({@link
   * TimestampParser#parse(String)}).
   *
   * @param type the column's type
   * @param timestamps how to read TIMESTAMP values; required for TIMESTAMP, ignored otherwise
   */
  public ValueConverter(ColumnType type, TimestampParser timestamps) {
    this(type, timestamps == null ? null : timestamps::parse, LocaleNumbers.of(Locale.US));
  }

  /**
   * @param type the column's type
   * @param timestamps how to read TIMESTAMP values; required for TIMESTAMP, ignored otherwise
   * @param numbers how to read BIGINT and DOUBLE values
   */
  public ValueConverter(ColumnType type, Timestamps timestamps, LocaleNumbers numbers) {
    Objects.requireNonNull(numbers, "numbers");
    this.conversion =
        switch (Objects.requireNonNull(type, "type")) {
          case VARCHAR -> raw -> raw; // text is kept exactly as delivered, spaces included
          case BIGINT -> stripped(numbers::parseLong);
          case DOUBLE -> stripped(numbers::parseDouble);
          case BOOLEAN -> stripped(ValueConverter::toBoolean);
          case TIMESTAMP ->
              stripped(
                  Objects.requireNonNull(timestamps, "timestamps (needed for TIMESTAMP)")::read);
        };
  }

  /** The value in the column's representation, or {@code null} for {@code null}. */
  public Object convert(String raw) throws ValueFormatException {
    return raw == null ? null : conversion.convert(raw);
  }

  private static Conversion stripped(Conversion conversion) {
    return raw -> {
      String value = raw.strip(); // returns raw itself when there is nothing to strip
      return value.isEmpty() ? null : conversion.convert(value);
    };
  }

  private static Boolean toBoolean(String value) throws ValueFormatException {
    if (value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("yes")) {
      return Boolean.TRUE;
    }
    if (value.equalsIgnoreCase("false") || value.equals("0") || value.equalsIgnoreCase("no")) {
      return Boolean.FALSE;
    }
    throw new ValueFormatException(value, ColumnType.BOOLEAN, "expected true/false, 1/0 or yes/no");
  }
}
