package io.khorosjdbc.emulator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How timestamps are printed in export files. The real pattern is undocumented (values follow "the
 * Company setting or the Locale"); {@link #SQL} is the emulator's default because it is what most
 * BI tools read without help. On the command line an underscore may be written as a hyphen ({@code
 * --date-format dmy-slash}).
 */
public enum DateFormatStyle {
  /** {@code 2019-02-01 13:45:00} */
  SQL(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)),
  /** {@code 2019-02-01T13:45:00.000-06:00} (ISO-8601 with offset; Z for UTC) */
  ISO(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT)),
  /** {@code 02/01/2019 01:45:00 PM} */
  US(DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US)),
  /** {@code 1549028700000} (epoch milliseconds; the zone does not matter) */
  EPOCH(null),
  /** {@code 01/02/2019 13:45:00}: day first, 24-hour clock (en_GB, fr_FR, es_ES style) */
  DMY_SLASH(DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss", Locale.ROOT)),
  /** {@code 01.02.2019 13:45:00}: day first with dots (de_DE style) */
  DMY_DOT(DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss", Locale.ROOT)),
  /** {@code 02/01/2019 13:45:00}: month first with a 24-hour clock */
  MDY_24H(DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT));

  private final DateTimeFormatter formatter;

  DateFormatStyle(DateTimeFormatter formatter) {
    this.formatter = formatter;
  }

  public String format(Instant t, ZoneId zone) {
    return formatter == null ? Long.toString(t.toEpochMilli()) : formatter.format(t.atZone(zone));
  }
}
