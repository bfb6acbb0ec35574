package io.khorosjdbc.driver.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.export.JobDurations.Estimate;
import io.khorosjdbc.driver.export.JobDurations.Model;
import io.khorosjdbc.driver.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobDurationsTest {
  private static final String REPORT = "conversation";

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(1_750_000_000_000L);

  private Path file() {
    return dir.resolve("job-durations.json");
  }

  /** A new view of the file, as a new JVM would have. */
  private JobDurations durations() {
    return new JobDurations(Optional.of(file()), clock);
  }

  private void record(JobDurations durations, String report, double days, long millis) {
    clock.advance(Duration.ofMinutes(1));
    durations.record(report, days, millis);
  }

  private static void assertWithin(double expected, double actual, double fraction) {
    assertTrue(
        Math.abs(actual - expected) <= fraction * Math.abs(expected),
        actual + " is not within " + fraction * 100 + "% of " + expected);
  }

  @Test
  void withoutHistoryThereIsNoEstimate() {
    JobDurations durations = durations();
    assertEquals(Optional.empty(), durations.estimate(REPORT, 7));
    assertEquals(Optional.empty(), durations.model(REPORT));
  }

  @Test
  void oneJobIsEnoughForAnEstimateWithAWideSpread() {
    JobDurations durations = durations();
    record(durations, REPORT, 7, 42_000);

    assertEquals(
        Optional.of(new Estimate(42_000, JobDurations.SINGLE_SAMPLE_SPREAD, 1)),
        durations.estimate(REPORT, 30));
  }

  @Test
  void jobsThatAlwaysTakeAMinuteAreExpectedToTakeAMinuteWithASmallSpread() {
    JobDurations durations = durations();
    for (double days : new double[] {1, 7, 30, 3, 14, 1}) {
      record(durations, REPORT, days, 60_000);
    }

    for (double window : new double[] {0.5, 7, 30, 365}) {
      assertEquals(
          new Estimate(60_000, JobDurations.MIN_SPREAD, 6),
          durations.estimate(REPORT, window).orElseThrow());
    }
  }

  @Test
  void jobsOfAboutAMinuteAreExpectedToTakeAboutAMinuteOverTheWindowsSeen() {
    JobDurations durations = durations();
    long[] millis = {59_000, 60_000, 61_000, 60_500, 59_500, 60_000};
    double[] days = {1, 7, 30, 3, 14, 1};
    for (int i = 0; i < millis.length; i++) {
      record(durations, REPORT, days[i], millis[i]);
    }

    for (double window : new double[] {1, 7, 30}) {
      Estimate estimate = durations.estimate(REPORT, window).orElseThrow();
      assertWithin(60_000, estimate.expectedMillis(), 0.02);
      assertEquals(JobDurations.MIN_SPREAD, estimate.relativeSpread(), 1e-9);
    }
  }

  @Test
  void jobsOfTenSecondsPlusTwoSecondsPerDayGiveThatModelBack() {
    JobDurations durations = durations();
    record(durations, REPORT, 1, 12_000);
    record(durations, REPORT, 7, 24_000);
    record(durations, REPORT, 30, 70_000);

    Model model = durations.model(REPORT).orElseThrow();
    assertWithin(10_000, model.fixedMillis(), 0.05);
    assertWithin(2_000, model.millisPerDay(), 0.05);
    assertEquals(3, model.samples());
    assertWithin(
        10_000 + 2_000 * 90, durations.estimate(REPORT, 90).orElseThrow().expectedMillis(), 0.05);
  }

  @Test
  void aNewInstanceOnTheSameFileGivesTheSameEstimate() {
    JobDurations first = durations();
    record(first, REPORT, 1, 12_500);
    record(first, REPORT, 7, 23_000);
    record(first, REPORT, 30, 71_000);
    record(first, "other", 2, 5_000);

    JobDurations next = durations();
    assertEquals(first.model(REPORT), next.model(REPORT));
    assertEquals(first.estimate(REPORT, 14), next.estimate(REPORT, 14));
    assertEquals(first.estimate("other", 14), next.estimate("other", 14));
  }

  @Test
  void twoProcessesRecordingAtOnceKeepEachOthersJobs() {
    JobDurations first = durations();
    JobDurations second = durations();
    record(first, REPORT, 1, 12_000);
    record(second, REPORT, 7, 24_000);
    record(first, REPORT, 30, 70_000);

    assertEquals(3, durations().model(REPORT).orElseThrow().samples());
    assertEquals(3, first.model(REPORT).orElseThrow().samples());
  }

  @Test
  void reportsAreLearnedSeparately() {
    JobDurations durations = durations();
    record(durations, "conversation", 7, 70_000);
    record(durations, "agent_activity", 7, 7_000);

    assertEquals(70_000, durations.estimate("conversation", 7).orElseThrow().expectedMillis());
    assertEquals(7_000, durations.estimate("agent_activity", 7).orElseThrow().expectedMillis());
  }

  @Test
  void jobsThatTakeLessForLongerWindowsGiveAModelWithoutNegativeCoefficients() {
    JobDurations durations = durations();
    record(durations, REPORT, 1, 100_000);
    record(durations, REPORT, 10, 70_000);
    record(durations, REPORT, 30, 40_000);

    Model model = durations.model(REPORT).orElseThrow();
    assertEquals(0, model.millisPerDay());
    assertEquals(70_000, model.fixedMillis(), 1e-6);
    assertTrue(durations.estimate(REPORT, 365).orElseThrow().expectedMillis() > 0);
  }

  @Test
  void jobsProportionalToTheirWindowGiveAModelWithoutNegativeFixedTime() {
    JobDurations durations = durations();
    record(durations, REPORT, 1, 500);
    record(durations, REPORT, 10, 30_000);
    record(durations, REPORT, 30, 95_000);

    Model model = durations.model(REPORT).orElseThrow();
    assertEquals(0, model.fixedMillis());
    assertWithin(3_150, model.millisPerDay(), 0.05);
  }

  @Test
  void windowsOfSimilarLengthGiveTheMeanDuration() {
    JobDurations durations = durations();
    record(durations, REPORT, 6, 30_000);
    record(durations, REPORT, 7, 50_000);

    Model model = durations.model(REPORT).orElseThrow();
    assertEquals(new Model(40_000, 0, 0.25, 2), model);
  }

  @Test
  void onlyTheMostRecentJobsCount() {
    JobDurations durations = durations();
    for (int i = 0; i < JobDurations.KEPT_PER_REPORT; i++) {
      record(durations, REPORT, 7, 500_000);
    }
    for (int i = 0; i < JobDurations.KEPT_PER_REPORT; i++) {
      record(durations, REPORT, 7, 20_000);
    }

    assertEquals(
        new Estimate(20_000, JobDurations.MIN_SPREAD, JobDurations.KEPT_PER_REPORT),
        durations().estimate(REPORT, 7).orElseThrow());
  }

  @Test
  void aDamagedFileReadsAsEmptyAndTheNextJobRepairsIt() throws IOException {
    Files.writeString(file(), "{\"reports\": {\"conversation\": [ {\"days\": 7, ");
    JobDurations durations = durations();
    assertEquals(Optional.empty(), durations.model(REPORT));

    record(durations, REPORT, 7, 30_000);
    assertEquals(30_000, durations().estimate(REPORT, 7).orElseThrow().expectedMillis());
  }

  @Test
  void theFileHoldsTheDocumentedFormat() throws IOException {
    record(durations(), REPORT, 7, 30_000);

    String json = Files.readString(file());
    for (String field :
        List.of(
            "\"format\" : 1",
            "\"reports\" : {",
            "\"conversation\" : [",
            "\"days\" : 7.0",
            "\"millis\" : 30000",
            "\"at\" : " + clock.millis())) {
      assertTrue(json.contains(field), field + " in " + json);
    }
  }

  @Test
  void withoutAFileTheHistoryIsKeptInMemory() {
    JobDurations durations = new JobDurations(Optional.empty(), clock);
    record(durations, REPORT, 7, 30_000);

    assertEquals(30_000, durations.estimate(REPORT, 7).orElseThrow().expectedMillis());
  }

  @Test
  void aFileThatCannotBeWrittenLeavesTheHistoryInMemory() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
    JobDurations durations =
        new JobDurations(Optional.of(notADirectory.resolve("job-durations.json")), clock);
    record(durations, REPORT, 7, 30_000);
    record(durations, REPORT, 7, 40_000);

    assertEquals(35_000, durations.estimate(REPORT, 7).orElseThrow().expectedMillis());
  }

  @Test
  void impossibleMeasurementsAreRefused() {
    JobDurations durations = durations();
    assertThrows(IllegalArgumentException.class, () -> durations.record(REPORT, -1, 1_000));
    assertThrows(IllegalArgumentException.class, () -> durations.record(REPORT, Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> durations.record(REPORT, 7, -1));
    assertThrows(IllegalArgumentException.class, () -> durations.estimate(REPORT, -1));
  }
}
