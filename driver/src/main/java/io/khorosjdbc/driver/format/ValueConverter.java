package io.khorosjdbc.driver.format;

import java.util.Objects;

/**
 * Converts one column's string values to Calcite's internal representation of the column's
 * {@link ColumnType}: VARCHAR → {@code String}, BIGINT → {@code Long}, DOUBLE → {@code Double},
 * BOOLEAN → {@code Boolean}, TIMESTAMP → {@code Long} epoch milliseconds of the UTC wall clock.
 *
 * <p>Built once per column; thread-safe. Values other than VARCHAR are read without surrounding
 * whitespace, and a blank one is {@code null}.
 */
public final class ValueConverter {

    @FunctionalInterface
    private interface Conversion {
        Object convert(String value) throws ValueFormatException;
    }

    private final Conversion conversion;

    /**
     * @param type the column's type
     * @param timestamps how to read TIMESTAMP values; required for TIMESTAMP, ignored otherwise
     */
    public ValueConverter(ColumnType type, TimestampParser timestamps) {
        this.conversion = switch (Objects.requireNonNull(type, "type")) {
            case VARCHAR -> raw -> raw; // text is kept exactly as delivered, spaces included
            case BIGINT -> stripped(ValueConverter::toLong);
            case DOUBLE -> stripped(ValueConverter::toDouble);
            case BOOLEAN -> stripped(ValueConverter::toBoolean);
            case TIMESTAMP -> stripped(Objects.requireNonNull(timestamps, "timestamps (needed for TIMESTAMP)")::parse);
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

    private static Long toLong(String value) throws ValueFormatException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ValueFormatException(value, ColumnType.BIGINT,
                    "expected a whole number such as 42 or -7 (no decimals, at most 19 digits)");
        }
    }

    private static Double toDouble(String value) throws ValueFormatException {
        // Java also accepts a trailing type suffix ("1.5d"), which is not a number in any export.
        char last = value.charAt(value.length() - 1);
        if (last == 'd' || last == 'D' || last == 'f' || last == 'F') {
            throw notADouble(value);
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw notADouble(value);
        }
    }

    private static ValueFormatException notADouble(String value) {
        return new ValueFormatException(value, ColumnType.DOUBLE, "expected a number such as 3.25, -1 or 1.5E3");
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
