package io.khorosjdbc.driver.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.khorosjdbc.driver.catalog.ReportCatalog;
import io.khorosjdbc.driver.catalog.ReportDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A window is cut only when the tenant's jobs show that pieces pay for their requests. */
class SplitPolicyTest {
  private static final long DAY = 86_400_000L;
  private static final ReportDefinition RESPONSE =
      ReportCatalog.builtIn().report("response").orElseThrow();

  /** At 20 requests a minute. */
  private static SplitPolicy.Auto auto(JobDurations durations) {
    return new SplitPolicy.Auto(durations, Duration.ofSeconds(3), 4);
  }

  private static JobDurations history(long fixedMillis, long millisPerDay) {
    JobDurations durations = new JobDurations(Optional.empty(), Clock.systemUTC());
    for (int days : new int[] {1, 7, 30, 90}) {
      durations.record("response", days, fixedMillis + millisPerDay * days);
    }
    return durations;
  }

  @Test
  void withoutHistoryAWindowIsOneExport() {
    SplitPolicy policy = auto(new JobDurations(Optional.empty(), Clock.systemUTC()));

    assertEquals(0, policy.pieceMillis(RESPONSE, 365 * DAY));
  }

  @Test
  void jobsThatTakeAsLongForAnyWindowAreNeverCut() {
    SplitPolicy policy = auto(history(30_000, 0));

    assertEquals(0, policy.pieceMillis(RESPONSE, 90 * DAY));
  }

  @Test
  void jobsThatGrowWithTheWindowAreCutWhenThePiecesSaveMoreThanTheirRequestsCost() {
    SplitPolicy policy = auto(history(5_000, 2_000)); // a 90-day job takes 185 s

    assertEquals(0, policy.pieceMillis(RESPONSE, DAY), "a day is not worth 12 s of budget");
    // T(k) = 5 s + 180 s / k + (k - 1) x 4 requests x 3 s: 185, 107, 89, 86 s; a fourth piece
    // saves less than 5%.
    assertEquals(30 * DAY, policy.pieceMillis(RESPONSE, 90 * DAY), "three pieces of 30 days");
  }

  @Test
  void noiseInAModelOfShortJobsNeverCutsAWindowEvenWithoutABudget() {
    SplitPolicy policy = new SplitPolicy.Auto(history(20, 1), Duration.ZERO, 4);

    assertEquals(0, policy.pieceMillis(RESPONSE, 90 * DAY), "pieces would save < 1 s");
  }

  @Test
  void aFixedSplitIsAlwaysTheSame() {
    assertEquals(7 * DAY, new SplitPolicy.Fixed(7 * DAY).pieceMillis(RESPONSE, 90 * DAY));
  }
}
