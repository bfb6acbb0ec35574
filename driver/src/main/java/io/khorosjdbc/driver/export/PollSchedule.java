package io.khorosjdbc.driver.export;

import java.time.Duration;

/**
 * When to poll a job's status next. The first poll comes after {@code initial}; after that the
 * wait is 5% of the time the job has run so far plus 250 ms, never more than {@code max}. A job
 * that becomes ready between two polls is therefore noticed at most 5% of its running time plus
 * 250 ms late (the wait before a poll is bounded by the time already run, which is less than
 * the job's), while a long job is polled less and less often.
 */
public record PollSchedule(Duration initial, Duration max) {
  private static final double SHARE_OF_ELAPSED = 0.05;
  private static final long FLOOR_MILLIS = 250;

  public long firstDelayMillis() {
    return initial.toMillis();
  }

  /** The wait before the next poll, after a job has run {@code elapsedMillis}. */
  public long nextDelayMillis(long elapsedMillis) {
    long proportional = (long) (SHARE_OF_ELAPSED * elapsedMillis) + FLOOR_MILLIS;
    return Math.max(1, Math.min(max.toMillis(), proportional));
  }
}
