package io.khorosjdbc.emulator;

import java.time.Instant;

/** Fixed windows for tests, so results do not depend on today's date. */
final class Windows {
  static final long DAY = 86_400_000L;

  /** Monday 2019-03-04 00:00 UTC. */
  static final long MONDAY = Instant.parse("2019-03-04T00:00:00Z").toEpochMilli();

  private Windows() {}

  /** startTime/endTime query pairs for [start, start + days). */
  static String days(long start, int days) {
    return "startTime=" + start + "&endTime=" + (start + days * DAY);
  }
}
