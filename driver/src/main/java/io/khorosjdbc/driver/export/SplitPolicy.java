package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.catalog.ReportDefinition;
import java.time.Duration;
import java.util.Optional;

/**
 * How long the pieces of an event export may be. Splitting a window runs its pieces in parallel,
 * but each piece costs its own create, polls and download link out of a budget of 20 requests a
 * minute, so it pays only when jobs take much longer for longer windows.
 */
public sealed interface SplitPolicy {

  /**
   * The piece length for a window of {@code windowMillis}, 0 for one piece (the API's own limit,
   * e.g. Raw Author's 90 days, is applied by the planner in any case).
   */
  long pieceMillis(ReportDefinition report, long windowMillis);

  /** Whether pieces align to multiples of their length counted from a Monday (so they repeat). */
  boolean aligned();

  /** A fixed piece length ({@code splitWindow=7d}), aligned; 0 cuts only where the API requires. */
  record Fixed(long pieceMillis) implements SplitPolicy {
    @Override
    public long pieceMillis(ReportDefinition report, long windowMillis) {
      return pieceMillis;
    }

    @Override
    public boolean aligned() {
      return true;
    }
  }

  /**
   * {@code splitWindow=auto}: the number of pieces {@code k} (1 to {@code maxPieces}) that
   * minimises the expected time to the last row, from the tenant's learned job model ({@code fixed
   * + perDay × days}, see {@link JobDurations}) and the budget: {@code T(k) = fixed + perDay × days
   * / k + (k - 1) × REQUESTS_PER_PIECE × window / permits}. Without a model (no history yet) a
   * window is one export.
   *
   * @param durations the tenant's learned job durations
   * @param requestInterval the budget's time per request ({@code window / permits}); zero when
   *     unlimited
   * @param maxPieces the most pieces one window is cut into ({@code maxConcurrentExports})
   */
  record Auto(JobDurations durations, Duration requestInterval, int maxPieces)
      implements SplitPolicy {
    /** A piece costs a create, about two polls and a download link. */
    static final int REQUESTS_PER_PIECE = 4;

    private static final long HOUR = 3_600_000L;
    private static final double MIN_SAVING_MILLIS = 1_000;

    @Override
    public long pieceMillis(ReportDefinition report, long windowMillis) {
      Optional<JobDurations.Model> model = durations.model(report.table());
      if (model.isEmpty() || maxPieces <= 1) {
        return 0;
      }
      double days = windowMillis / 86_400_000.0;
      int best = 1;
      double bestTime = Double.MAX_VALUE;
      for (int k = 1; k <= maxPieces; k++) {
        double time =
            model.get().fixedMillis()
                + model.get().millisPerDay() * days / k
                + (k - 1) * REQUESTS_PER_PIECE * (double) requestInterval.toMillis();
        // Another piece must save at least 5% and a second: noise in a model of jobs that take
        // as long for any window must not cut windows (nor, without a budget, cut them to the max).
        if (time < bestTime * 0.95 && bestTime - time >= MIN_SAVING_MILLIS) {
          best = k;
          bestTime = time;
        }
      }
      if (best == 1) {
        return 0;
      }
      long piece = (windowMillis + best - 1) / best;
      return (piece + HOUR - 1) / HOUR * HOUR;
    }

    @Override
    public boolean aligned() {
      return false;
    }
  }
}
