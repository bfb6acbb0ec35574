package io.khorosjdbc.driver.export;

import java.util.Optional;

/**
 * When to ask a running job's status next. Every poll spends one request of a budget the tenant
 * shares (20 a minute), so polls go where they buy the most: near the moment the job is expected to
 * finish.
 *
 * <ul>
 *   <li>With an {@link JobDurations.Estimate estimate} of the job's duration {@code E} (learned
 *       from this tenant's past jobs) and its relative spread {@code s}, the job is expected to
 *       finish within {@code E(1 ± u)}, {@code u = clamp(2s, 20%, 50%)} (at least 30% while fewer
 *       than five jobs were seen). Nothing is polled before {@code E(1 - u)}; from there polls come
 *       every {@code 8% of E + minGap / 2} (but at least {@code minGap}) until {@code E(1 + u)}. A
 *       job ending in that range is therefore seen at most that late, half that on average.
 *   <li>Without an estimate, or once the job outlives it, polls come every {@code 10% of the time
 *       run so far + minGap / 2}, at least {@code minGap}: a job is seen at most about 10% of its
 *       running time late, and a long job is polled less and less often.
 * </ul>
 *
 * Every wait lies within {@code [minGap, maxGap]}, except the jump to {@code E(1 - u)}. {@code
 * minGap} is derived from the budget ({@code 60% of window / permits}, 1.8 s at 20 a minute) or
 * {@code pollInitialDelay}, whichever is larger, so that one job never polls faster than its share
 * of the budget allows.
 *
 * @param minGapMillis the shortest wait before a poll
 * @param maxGapMillis the longest wait between polls
 * @param estimate the expected duration of this job, when the tenant's history gives one
 */
public record PollPlan(
    long minGapMillis, long maxGapMillis, Optional<JobDurations.Estimate> estimate) {
  private static final double STEP_SHARE_OF_ESTIMATE = 0.08;
  private static final double STEP_SHARE_OF_ELAPSED = 0.10;

  /**
   * The likely range is at least E ± 20%: a spread learned from a few jobs is easily too small (the
   * bench saw jobs of ±20% learned as ±5%, and the early ones first polled too late).
   */
  private static final double MIN_MARGIN = 0.2;

  /**
   * Fewer jobs than this can all fall on one side of the true mean (the bench's first four 300 s
   * jobs were all long), so the likely range starts lower until there are more.
   */
  private static final int FEW_SAMPLES = 5;

  private static final double MIN_MARGIN_FEW_SAMPLES = 0.3;

  public PollPlan {
    if (minGapMillis < 1 || maxGapMillis < minGapMillis) {
      throw new IllegalArgumentException(
          "need 1 <= minGap <= maxGap, got " + minGapMillis + ", " + maxGapMillis);
    }
  }

  /** The wait before the next poll of a job that has run {@code elapsedMillis} since its create. */
  public long nextDelayMillis(long elapsedMillis) {
    long elapsed = Math.max(0, elapsedMillis);
    if (estimate.isPresent()) {
      double expected = estimate.get().expectedMillis();
      double floor = estimate.get().samples() < FEW_SAMPLES ? MIN_MARGIN_FEW_SAMPLES : MIN_MARGIN;
      double margin = Math.min(0.5, Math.max(floor, 2 * estimate.get().relativeSpread()));
      double earliest = expected * (1 - margin);
      double latest = expected * (1 + margin);
      if (elapsed < earliest) {
        // One jump to the start of the likely range, even past maxGap: polls before it buy nothing.
        return Math.max(minGapMillis, (long) Math.ceil(earliest - elapsed));
      }
      if (elapsed < latest) {
        return bounded(STEP_SHARE_OF_ESTIMATE * expected + minGapMillis / 2.0);
      }
    }
    return bounded(STEP_SHARE_OF_ELAPSED * elapsed + minGapMillis / 2.0);
  }

  private long bounded(double millis) {
    return Math.max(minGapMillis, Math.min(maxGapMillis, (long) Math.ceil(millis)));
  }
}
