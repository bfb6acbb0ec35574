package io.khorosjdbc.driver.format;

import java.io.IOException;

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

    /**
     * @param value the offending value
     * @param expectedType the type it should have had
     * @param expected what such a value looks like and, where useful, how to change that
     */
    public ValueFormatException(String value, ColumnType expectedType, String expected) {
        super("cannot read '" + shorten(value) + "' as " + expectedType + ": " + expected);
        this.value = value;
        this.expectedType = expectedType;
    }

    /** The value as it appeared in the file. */
    public String value() {
        return value;
    }

    /** The type it was to be read as. */
    public ColumnType expectedType() {
        return expectedType;
    }

    private static String shorten(String value) {
        return value.length() <= MAX_SHOWN_VALUE ? value : value.substring(0, MAX_SHOWN_VALUE) + "…";
    }
}
