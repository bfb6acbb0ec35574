package io.khorosjdbc.driver.jdbc;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Calendar;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * Makes the {@link Timestamp} that Avatica's {@code getObject} makes for a Calcite TIMESTAMP value
 * (epoch milliseconds of the wall clock), at a fraction of the cost. Avatica builds every value
 * through {@code Timestamp.valueOf(LocalDateTime)}, a calendar computation that cost a fifth of a
 * full scan. The result differs from the wall clock by an amount that only changes at the time
 * zones' transitions, so it is computed once per hour of wall clock and reused; an hour that holds
 * a transition is computed exactly for every value. Not thread-safe: one per result set.
 */
public final class WallClockTimestamps {
  private static final long HOUR = 3_600_000L;
  private static final int SLOTS = 1024; // a power of two: an hour's slot is its low bits

  private final Calendar calendar;
  private final long[] hours = new long[SLOTS];
  private final long[] shifts = new long[SLOTS];

  /**
   * @param calendar the calendar Avatica uses for the result set (its time zone's offsets)
   */
  public WallClockTimestamps(Calendar calendar) {
    this.calendar = calendar;
    Arrays.fill(hours, Long.MIN_VALUE);
  }

  /** The value {@code DateTimeUtils.unixTimestampToSqlTimestamp(wallMillis, calendar)} returns. */
  public Timestamp of(long wallMillis) {
    long hour = Math.floorDiv(wallMillis, HOUR);
    int slot = (int) (hour & (SLOTS - 1));
    if (hours[slot] != hour) {
      long start = hour * HOUR;
      long shift = shift(start);
      if (shift != shift(start + HOUR - 1)) {
        return exact(wallMillis); // a transition within this hour: no single shift holds
      }
      hours[slot] = hour;
      shifts[slot] = shift;
    }
    return new Timestamp(wallMillis + shifts[slot]);
  }

  private long shift(long wallMillis) {
    return exact(wallMillis).getTime() - wallMillis;
  }

  private Timestamp exact(long wallMillis) {
    return DateTimeUtils.unixTimestampToSqlTimestamp(wallMillis, calendar);
  }
}
