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

  private final ColumnType type;
  private final Timestamps timestamps;
  private final LocaleNumbers numbers;

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
    this.type = Objects.requireNonNull(type, "type");
    this.numbers = Objects.requireNonNull(numbers, "numbers");
    this.timestamps =
        type == ColumnType.TIMESTAMP
            ? Objects.requireNonNull(timestamps, "timestamps (needed for TIMESTAMP)")
            : null;
  }

  /**
   * The value in the column's representation, or {@code null} for {@code null}: what {@link
   * #convertInto} writes, as an object, for one value at a time (a scan converts into batches).
   */
  public Object convert(String raw) throws ValueFormatException {
    ColumnBatch one = new ColumnBatch(new ColumnBatch.Kind[] {ColumnBatch.Kind.of(type)}, 1, 1);
    convertInto(raw, one, 0);
    return one.valueAt(0, 0);
  }

  /**
   * Sets {@code field} of the row {@code batch} is filling to the value, without making an object
   * of a number. The field's kind is {@link ColumnBatch.Kind#of} this column's type. Text is kept
   * exactly as delivered, spaces included; other values are read without surrounding whitespace,
   * and a blank one is null.
   */
  public void convertInto(String raw, ColumnBatch batch, int field) throws ValueFormatException {
    String value = type == ColumnType.VARCHAR ? raw : stripped(raw);
    if (value == null) {
      batch.setNull(field);
      return;
    }
    switch (type) {
      case BIGINT -> batch.setLong(field, numbers.parseLong(value));
      case TIMESTAMP -> batch.setLong(field, timestamps.read(value));
      case DOUBLE -> batch.setDouble(field, numbers.parseDouble(value));
      case VARCHAR -> batch.set(field, value);
      case BOOLEAN -> batch.set(field, toBoolean(value));
    }
  }

  /** The value without surrounding whitespace, or null when it is null or blank. */
  private static String stripped(String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    if (plain(raw.charAt(0)) && plain(raw.charAt(raw.length() - 1))) {
      return raw; // most values: no need to look for whitespace
    }
    String value = raw.strip();
    return value.isEmpty() ? null : value;
  }

  /** A printable ASCII character, which is never whitespace. */
  private static boolean plain(char c) {
    return c > ' ' && c < 127;
  }

  private static Boolean toBoolean(String value) throws ValueFormatException {
    // the usual spellings first, by plain equals: no hashing, no case-blind comparison
    if (value.equals("true") || value.equals("1")) {
      return Boolean.TRUE;
    }
    if (value.equals("false") || value.equals("0")) {
      return Boolean.FALSE;
    }
    if (isWord(value, "true", "yes")) {
      return Boolean.TRUE;
    }
    if (isWord(value, "false", "no")) {
      return Boolean.FALSE;
    }
    throw new ValueFormatException(value, ColumnType.BOOLEAN, "expected true/false, 1/0 or yes/no");
  }

  private static boolean isWord(String value, String word, String other) {
    return value.equalsIgnoreCase(word) || value.equalsIgnoreCase(other);
  }
}
