package io.khorosjdbc.driver.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
  private static final PollSchedule DEFAULT =
      new PollSchedule(Duration.ofMillis(200), Duration.ofSeconds(5));

  /** When a job that becomes ready at {@code readyAt} is seen, following the schedule. */
  private static long noticedAt(PollSchedule schedule, long readyAt) {
    long now = schedule.firstDelayMillis();
    while (now < readyAt) {
      now += schedule.nextDelayMillis(now);
    }
    return now;
  }

  @Test
  void aReadyJobIsNoticedWithinFivePercentOfItsTimePlus250Milliseconds() {
    for (long readyAt = 1; readyAt <= 3_600_000; readyAt += readyAt / 7 + 13) {
      long late = noticedAt(DEFAULT, readyAt) - readyAt;
      assertTrue(late <= 0.05 * readyAt + 250, "job of " + readyAt + " ms seen " + late + " late");
    }
  }

  @Test
  void longJobsArePolledLessOftenButNeverRarelierThanTheMaximum() {
    assertEquals(250, DEFAULT.nextDelayMillis(0));
    assertEquals(750, DEFAULT.nextDelayMillis(10_000));
    assertEquals(5_000, DEFAULT.nextDelayMillis(3_600_000));
  }

  @Test
  void aTenMinuteJobTakesAFewHundredPollsAtMost() {
    int polls = 0;
    long now = DEFAULT.firstDelayMillis();
    while (now < 600_000) {
      now += DEFAULT.nextDelayMillis(now);
      polls++;
    }
    assertTrue(polls < 250, polls + " polls");
  }
}
