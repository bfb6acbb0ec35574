package io.khorosjdbc.driver.format;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Reads timestamps in the zone an export was requested in and returns the instant as epoch
 * milliseconds, which is also Calcite's encoding of that instant's UTC wall clock.
 *
 * <p>Scans read each column in the {@link TimestampFormat} a {@link FormatDetector} chose for it
 * ({@link #parse(String, TimestampFormat)}). {@link #parse(String)} reads a lone value, without a
 * column to learn from, in the first of these forms that fits it:
 *
 * <ol>
 *   <li>the custom pattern, if one was given (the {@code dateFormat} connection property);
 *   <li>epoch milliseconds: at least 10 digits, optional {@code -};
 *   <li>ISO-8601 date-time with {@code T} or a space, optional seconds, fraction and offset: {@code
 *       2019-02-01T10:00:00Z}, {@code 2019-02-01T10:00:00+01:00}, {@code 2019-02-01 10:00:00.123};
 *   <li>a date, {@code 2019-02-01}, meaning its midnight;
 *   <li>US style {@code 02/01/2019 10:00:00 AM} (month first; seconds optional);
 *   <li>day first with dots, {@code 01.02.2019 10:00:00}.
 * </ol>
 *
 * A slash date with a 24-hour clock is day first in some tenants and month first in others: only a
 * column's values can tell, so {@link #parse(String)} refuses it.
 *
 * <p>Values without an offset are wall-clock times in {@code sourceZone}; in a daylight-saving gap
 * they move forward, in an overlap the earlier instant is used. Values with an offset denote that
 * instant. Immutable and thread-safe.
 */
public final class TimestampParser {

  private final ZoneId sourceZone;

  /** The source zone's offset when it never changes (UTC), for the fast path; else null. */
  private final ZoneOffset fixedOffset;

  private final TimestampFormat custom;
  private final String acceptedForms;

  /**
   * @param sourceZone the zone of values that carry no offset
   * @param customPattern the {@code dateFormat} pattern, or {@code null}
   * @throws IllegalArgumentException if {@code customPattern} is not a valid pattern
   */
  public TimestampParser(ZoneId sourceZone, String customPattern) {
    this.sourceZone = Objects.requireNonNull(sourceZone, "sourceZone");
    this.fixedOffset =
        sourceZone.getRules().isFixedOffset()
            ? sourceZone.getRules().getOffset(Instant.EPOCH)
            : null;
    this.custom = customPattern == null ? null : TimestampFormat.ofPattern(customPattern);
    this.acceptedForms =
        "expected "
            + (customPattern == null ? "" : "the dateFormat pattern '" + customPattern + "', ")
            + "epoch milliseconds (1549015200000), ISO-8601 (2019-02-01T10:00:00Z, "
            + "2019-02-01T10:00:00+01:00, 2019-02-01 10:00:00.123), a date (2019-02-01), US style "
            + "(02/01/2019 10:00:00 AM) or day first with dots (01.02.2019 10:00:00); set the "
            + "dateFormat connection property to a java.time.format.DateTimeFormatter pattern "
            + "that matches the data";
  }

  /** The {@code dateFormat} pattern, or {@code null}. */
  public TimestampFormat customFormat() {
    return custom;
  }

  /**
   * Reads one (trimmed) value in {@code format}.
   *
   * @return epoch milliseconds
   * @throws ValueFormatException if the value is not in that format
   */
  public long parse(String value, TimestampFormat format) throws ValueFormatException {
    try {
      return format.parse(value, sourceZone, fixedOffset);
    } catch (DateTimeException | NumberFormatException e) {
      throw new ValueFormatException(value, ColumnType.TIMESTAMP, format.expectation());
    }
  }

  /**
   * Reads one (trimmed) value in the first form that fits it (see the class comment).
   *
   * @return epoch milliseconds
   * @throws ValueFormatException if no accepted form matches; its message lists the forms
   */
  public long parse(String value) throws ValueFormatException {
    Objects.requireNonNull(value, "value");
    if (custom != null) {
      try {
        return custom.parse(value, sourceZone, fixedOffset);
      } catch (DateTimeException e) {
        // not in the custom form: the built-in forms may still match
      }
    }
    TimestampFormat format =
        switch (TimestampFormat.shapeOf(value)) {
          case EPOCH_MILLIS -> TimestampFormat.EPOCH_MILLIS;
          case ISO -> TimestampFormat.ISO;
          case US -> TimestampFormat.US;
          case DAY_FIRST_DOT -> TimestampFormat.DAY_FIRST_DOT;
          default -> null;
        };
    try {
      if (format != null) {
        return format.parse(value, sourceZone, fixedOffset);
      }
    } catch (DateTimeException | NumberFormatException e) {
      // reported below with every accepted form
    }
    throw new ValueFormatException(value, ColumnType.TIMESTAMP, acceptedForms);
  }
}
