package io.khorosjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TimeZone;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WallClockTimestampsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UTC",
        "America/New_York",
        "Europe/Berlin",
        "Australia/Lord_Howe", // a half-hour daylight-saving shift
        "Asia/Kolkata",
        "Pacific/Apia" // skipped a whole day in 2011
      })
  void givesAvaticasTimestampForEveryValueIncludingAroundTransitions(String zone) {
    Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone(zone), Locale.ROOT);
    WallClockTimestamps timestamps = new WallClockTimestamps(calendar);
    long from = Instant.parse("2010-01-01T00:00:00Z").toEpochMilli();
    long to = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      assertSame(calendar, timestamps, random.nextLong(from, to));
    }
    // every seven minutes of two years: each transition's hour, in both directions
    for (long t = Instant.parse("2011-01-01T00:00:00Z").toEpochMilli();
        t < Instant.parse("2013-01-01T00:00:00Z").toEpochMilli();
        t += 419_999) {
      assertSame(calendar, timestamps, t);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MIN_VALUE / 4, -1, 0, 1, 999, -86_400_001})
  void givesAvaticasTimestampAtTheEdges(long millis) {
    Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone("Europe/Berlin"), Locale.ROOT);
    assertSame(calendar, new WallClockTimestamps(calendar), millis);
  }

  private static void assertSame(Calendar calendar, WallClockTimestamps timestamps, long millis) {
    Timestamp expected = DateTimeUtils.unixTimestampToSqlTimestamp(millis, calendar);
    Timestamp actual = timestamps.of(millis);
    assertEquals(expected, actual, () -> "wall clock " + millis);
    assertEquals(expected.getNanos(), actual.getNanos(), () -> "nanos of " + millis);
  }
}
