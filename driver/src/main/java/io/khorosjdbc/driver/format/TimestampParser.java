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
 * Reads the timestamp spellings exports use and returns the instant as epoch milliseconds, which
 * is also Calcite's encoding of that instant's UTC wall clock.
 *
 * <p>Accepted forms, in this order:
 * <ol>
 *   <li>the custom {@link DateTimeFormatter} pattern, if one was given (the {@code dateFormat}
 *       connection property);</li>
 *   <li>epoch milliseconds: at least 10 digits, optional {@code -};</li>
 *   <li>ISO-8601 date-time with {@code T} or a space, optional seconds, fraction and offset:
 *       {@code 2019-02-01T10:00:00Z}, {@code 2019-02-01T10:00:00+01:00},
 *       {@code 2019-02-01 10:00:00.123};</li>
 *   <li>a date, {@code 2019-02-01}, meaning its midnight;</li>
 *   <li>US style {@code 02/01/2019 10:00:00 AM} (month first; seconds optional).</li>
 * </ol>
 * Values without an offset are wall-clock times in {@code sourceZone} (the zone the export was
 * requested in); in a daylight-saving gap they move forward, in an overlap the earlier instant is
 * used. Values with an offset denote that instant.
 *
 * <p>Immutable and thread-safe: the formatters are built once and {@link DateTimeFormatter} is
 * itself thread-safe. The form is chosen by looking at a few characters, so a value costs one parse.
 */
public final class TimestampParser {

    private static final DateTimeFormatter ISO_T = isoDateTime('T');
    private static final DateTimeFormatter ISO_SPACE = isoDateTime(' ');
    private static final DateTimeFormatter US = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("M/d/uuuu h:mm[:ss] a")
            .toFormatter(Locale.US)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int MIN_EPOCH_MILLIS_DIGITS = 10;
    // Built-in forms are STRICT so 2019-02-30 is an error, not silently Feb 28. A custom pattern keeps
    // the default (SMART) because STRICT would reject the common "yyyy" (year-of-era without an era).

    private final ZoneId sourceZone;
    /** The source zone's offset when it never changes (UTC), for the fast path; else null. */
    private final ZoneOffset fixedOffset;
    private final DateTimeFormatter custom;
    private final String acceptedForms;

    /**
     * @param sourceZone the zone of values that carry no offset
     * @param customPattern a {@link DateTimeFormatter} pattern tried before the built-in forms, or {@code null}
     * @throws IllegalArgumentException if {@code customPattern} is not a valid pattern
     */
    public TimestampParser(ZoneId sourceZone, String customPattern) {
        this.sourceZone = Objects.requireNonNull(sourceZone, "sourceZone");
        this.fixedOffset = sourceZone.getRules().isFixedOffset()
                ? sourceZone.getRules().getOffset(Instant.EPOCH) : null;
        this.custom = customPattern == null ? null : compile(customPattern);
        this.acceptedForms = "expected " + (customPattern == null ? "" : "the dateFormat pattern '" + customPattern + "', ")
                + "epoch milliseconds (1549015200000), ISO-8601 (2019-02-01T10:00:00Z, "
                + "2019-02-01T10:00:00+01:00, 2019-02-01 10:00:00.123), a date (2019-02-01) or US style "
                + "(02/01/2019 10:00:00 AM); set the dateFormat connection property to a "
                + "java.time.format.DateTimeFormatter pattern that matches the data";
    }

    private static DateTimeFormatter compile(String pattern) {
        try {
            return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.US);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dateFormat '" + pattern + "' is not a valid "
                    + "java.time.format.DateTimeFormatter pattern: " + e.getMessage(), e);
        }
    }

    /** ISO local date, separator, ISO local time, then an optional offset ({@code Z}, {@code +01:00} or {@code +0100}). */
    private static DateTimeFormatter isoDateTime(char separator) {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .append(DateTimeFormatter.ISO_LOCAL_DATE)
                .appendLiteral(separator)
                .append(DateTimeFormatter.ISO_LOCAL_TIME)
                .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
                .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
                .toFormatter(Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    /**
     * Parses one (already trimmed) value.
     *
     * @return epoch milliseconds
     * @throws ValueFormatException if no accepted form matches; its message lists the forms
     */
    public long parse(String value) throws ValueFormatException {
        Objects.requireNonNull(value, "value");
        if (custom != null) {
            try {
                return toEpochMillis(custom.parse(value));
            } catch (DateTimeException e) {
                // not in the custom form: the built-in forms may still match
            }
        }
        try {
            return parseBuiltIn(value);
        } catch (DateTimeException | NumberFormatException e) {
            throw new ValueFormatException(value, ColumnType.TIMESTAMP, acceptedForms);
        }
    }

    private long parseBuiltIn(String value) throws ValueFormatException {
        if (isEpochMillis(value)) {
            return Long.parseLong(value);
        }
        int length = value.length();
        if (length >= 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
            if (length == 10) {
                return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE)
                        .atStartOfDay(sourceZone).toInstant().toEpochMilli();
            }
            char separator = value.charAt(10);
            if (separator == ' ' && length == 19) {
                return parseSqlSeconds(value);
            }
            if (separator == 'T' || separator == 't') {
                return toEpochMillis(ISO_T.parse(value));
            }
            if (separator == ' ') {
                return toEpochMillis(ISO_SPACE.parse(value));
            }
        } else if (value.indexOf('/') > 0) {
            return toEpochMillis(US.parse(value));
        }
        throw new ValueFormatException(value, ColumnType.TIMESTAMP, acceptedForms);
    }

    /**
     * The common {@code yyyy-MM-dd HH:mm:ss} form without a formatter: this runs once per value of
     * every timestamp column, where java.time's parser was a third of a scan's time. Fields out of
     * range (Feb 30) still fail, in {@link LocalDateTime#of}.
     */
    private long parseSqlSeconds(String value) {
        LocalDateTime local = LocalDateTime.of(digits(value, 0, 4), digits(value, 5, 7),
                digits(value, 8, 10), digits(value, 11, 13), digits(value, 14, 16), digits(value, 17, 19));
        if (value.charAt(13) != ':' || value.charAt(16) != ':') {
            throw new DateTimeException("not yyyy-MM-dd HH:mm:ss: " + value);
        }
        return fixedOffset != null
                ? local.toEpochSecond(fixedOffset) * 1000L
                : local.atZone(sourceZone).toInstant().toEpochMilli();
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

    private static boolean isEpochMillis(String value) {
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

    /** Works for any parsed form: with an offset (resolved to an instant by java.time), without one, or a bare date. */
    private long toEpochMillis(TemporalAccessor parsed) {
        if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(parsed).toEpochMilli();
        }
        LocalDate date = LocalDate.from(parsed);
        if (!parsed.isSupported(ChronoField.NANO_OF_DAY)) {
            return date.atStartOfDay(sourceZone).toInstant().toEpochMilli();
        }
        return LocalDateTime.of(date, LocalTime.from(parsed)).atZone(sourceZone).toInstant().toEpochMilli();
    }
}
