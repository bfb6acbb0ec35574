package io.khorosjdbc.driver.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Polls go where they buy the most: near a job's expected end, within the budget's pace. */
class PollPlanTest {
  /** The budget's pace at 20 requests a minute: 60% of 3 s. */
  private static final long MIN_GAP = 1_800;

  private static final long MAX_GAP = 60_000;

  private static PollPlan learned(long expectedMillis, double spread) {
    return new PollPlan(
        MIN_GAP, MAX_GAP, Optional.of(new JobDurations.Estimate(expectedMillis, spread, 5)));
  }

  /**
   * The polls a job that finishes at {@code doneAt} gets: their count, and how late the last is.
   */
  private static long[] pollsAndLateness(PollPlan plan, long doneAt) {
    long now = 0;
    int polls = 0;
    do {
      now += plan.nextDelayMillis(now);
      polls++;
    } while (now < doneAt);
    return new long[] {polls, now - doneAt};
  }

  @Test
  void aJobOfTheLearnedDurationPlusOrMinusTwentyPercentIsSeenWithinTheTargets() {
    for (long expected : new long[] {10_000, 60_000, 300_000}) {
      PollPlan plan = learned(expected, 0.10); // jobs uniform in E ± 20%: mean deviation 10%
      double late = 0;
      double polls = 0;
      long worst = 0;
      int jobs = 0;
      for (long doneAt = expected * 8 / 10;
          doneAt <= expected * 12 / 10;
          doneAt += expected / 200) {
        long[] seen = pollsAndLateness(plan, doneAt);
        polls += seen[0];
        late += seen[1];
        worst = Math.max(worst, seen[1]);
        jobs++;
      }
      assertTrue(late / jobs <= 0.05 * expected + 1_000, expected + ": mean " + late / jobs);
      assertTrue(worst <= 0.10 * expected + 2_000, expected + ": worst " + worst);
      assertTrue(
          polls / jobs + 2 <= 6,
          expected
              + ": "
              + (polls / jobs + 2)
              + " requests per export with the create and the download link");
    }
  }

  @Test
  void nothingIsPolledBeforeTheLikelyRangeOfTheEstimate() {
    PollPlan plan = learned(100_000, 0.10);

    assertEquals(80_000, plan.nextDelayMillis(0), "straight to E(1 - 2 x spread)");
    assertEquals(
        8_000 + MIN_GAP / 2, plan.nextDelayMillis(80_000), "then every 8% of E + minGap / 2");
  }

  @Test
  void whileFewJobsWereSeenTheLikelyRangeStartsLower() {
    PollPlan fromTwoJobs =
        new PollPlan(MIN_GAP, MAX_GAP, Optional.of(new JobDurations.Estimate(100_000, 0.05, 2)));

    assertEquals(70_000, fromTwoJobs.nextDelayMillis(0), "E(1 - 30%) until five jobs were seen");
  }

  @Test
  void aJobThatOutlivesItsEstimateIsPolledByItsOwnAgeAsWithoutOne() {
    PollPlan plan = learned(10_000, 0.10);
    PollPlan cold = new PollPlan(MIN_GAP, MAX_GAP, Optional.empty());

    assertEquals(cold.nextDelayMillis(50_000), plan.nextDelayMillis(50_000));
    assertEquals(5_000 + MIN_GAP / 2, cold.nextDelayMillis(50_000), "10% of its age + minGap/2");
  }

  @Test
  void withoutAnEstimateAJobIsSeenWithinTenPercentOfItsTimePlusTheGapAndPollsThinOut() {
    PollPlan cold = new PollPlan(MIN_GAP, MAX_GAP, Optional.empty());
    for (long doneAt = 1; doneAt <= 3_600_000; doneAt += doneAt / 7 + 13) {
      long late = pollsAndLateness(cold, doneAt)[1];
      assertTrue(late <= 0.10 * doneAt + MIN_GAP, doneAt + " ms: seen " + late + " ms late");
    }
    assertTrue(
        pollsAndLateness(cold, 3_600_000)[0] < 120,
        "an hour's job is polled less than twice a minute");
  }

  @Test
  void noWaitIsShorterThanTheBudgetAllowsNorLongerThanTheMaximum() {
    PollPlan cold = new PollPlan(MIN_GAP, MAX_GAP, Optional.empty());

    assertEquals(MIN_GAP, cold.nextDelayMillis(0));
    assertEquals(MAX_GAP, cold.nextDelayMillis(10_000_000));
  }
}
