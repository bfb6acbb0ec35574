package io.khorosjdbc.driver.format;

import java.io.IOException;
import java.util.Locale;

/**
 * A value in an export cannot be read as its column's type. It knows only the value and the type;
 * the caller adds the report, row and column. Checked (an {@link IOException}, like every other
 * problem with the file's content) so that callers cannot forget to add that context.
 */
public final class ValueFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Values can be megabytes long; a message only needs to show which one it was. */
  private static final int MAX_SHOWN_VALUE = 100;

  private final String value;
  private final ColumnType expectedType;
  private final String expected;

  /**
   * @param value the offending value
   * @param expectedType the type it should have had
   * @param expected what such a value looks like and, where useful, how to change that
   */
  public ValueFormatException(String value, ColumnType expectedType, String expected) {
    super("cannot read '" + shorten(value) + "' as " + expectedType + ": " + expected);
    this.value = value;
    this.expectedType = expectedType;
    this.expected = expected;
  }

  /**
   * The message a query fails with: {@code table <t>, column <C>, row <n>: '<value>' is not a
   * <TYPE> (<what was expected>); set typeMode=strings to read the column as text}.
   *
   * @param row the 1-based row of the export file
   */
  public String describe(String table, String column, long row) {
    return String.format(
        Locale.ROOT,
        "table %s, column %s, row %d: '%s' is not a %s (%s); set "
            + "typeMode=strings to read the column as text",
        table,
        column,
        row,
        shorten(value),
        expectedType,
        expected);
  }

  /** The value as it appeared in the file. */
  public String value() {
    return value;
  }

  /** The type it was to be read as. */
  public ColumnType expectedType() {
    return expectedType;
  }

  /** What such a value looks like, e.g. {@code expected true/false, 1/0 or yes/no}. */
  public String expected() {
    return expected;
  }

  private static String shorten(String value) {
    return value.length() <= MAX_SHOWN_VALUE ? value : value.substring(0, MAX_SHOWN_VALUE) + "…";
  }
}
