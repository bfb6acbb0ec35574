package io.khorosjdbc.emulator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How timestamps are printed in export files. The real pattern is undocumented; {@link #SQL} is the
 * emulator's default because it is what most BI tools read without help.
 */
public enum DateFormatStyle {
    /** {@code 2019-02-01 13:45:00} */
    SQL(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)),
    /** {@code 2019-02-01T13:45:00.000-06:00} (ISO-8601 with offset; Z for UTC) */
    ISO(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT)),
    /** {@code 02/01/2019 01:45:00 PM} */
    US(DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US)),
    /** {@code 1549028700000} (epoch milliseconds; the zone does not matter) */
    EPOCH(null);

    private final DateTimeFormatter formatter;

    DateFormatStyle(DateTimeFormatter formatter) {
        this.formatter = formatter;
    }

    public String format(Instant t, ZoneId zone) {
        return formatter == null ? Long.toString(t.toEpochMilli()) : formatter.format(t.atZone(zone));
    }
}
