package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.emulator.job.JobRegistry;
import io.khorosjdbc.emulator.job.LatencyJitter;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * "60 s ± 20 %": each job's latency is scaled by a factor from [0.8, 1.2], the same in every run.
 */
class JobLatencyJitterTest {
  @Test
  void latenciesStayWithinTheBoundsAndSpreadAcrossThem() {
    LatencyJitter jitter = new LatencyJitter(42, 20);
    LongSummaryStatistics stats =
        LongStream.range(0, 2000).map(n -> jitter.apply(60_000, n)).summaryStatistics();
    assertTrue(stats.getMin() >= 48_000 && stats.getMax() <= 72_000, stats.toString());
    assertTrue(
        stats.getMin() < 49_000 && stats.getMax() > 71_000, "uses the whole range: " + stats);
    assertEquals(60_000, stats.getAverage(), 1_000, "uniform around the latency");
  }

  @Test
  void theFactorFollowsFromTheSeedAndTheJobNumber() {
    List<Long> first = latencies(new LatencyJitter(42, 20));
    assertEquals(first, latencies(new LatencyJitter(42, 20)), "same seed, same latencies");
    assertNotEquals(first, latencies(new LatencyJitter(43, 20)), "another seed, other latencies");
    assertTrue(first.stream().distinct().count() > 1, "jobs differ from each other");
    assertEquals(
        List.of(60_000L, 60_000L, 60_000L),
        latencies(new LatencyJitter(42, 0)).subList(0, 3),
        "0 % = no jitter");
  }

  @Test
  void theJobRegistryAppliesItInCreationOrder() {
    JobRegistry a = new JobRegistry(42, 20);
    JobRegistry b = new JobRegistry(42, 20);
    LatencyJitter jitter = new LatencyJitter(42, 20);
    for (int n = 0; n < 10; n++) {
      long readyAt = a.create(null, 1_000_000, 60_000).readyAt();
      assertEquals(1_000_000 + jitter.apply(60_000, n), readyAt, "job " + n);
      assertEquals(readyAt, b.create(null, 1_000_000, 60_000).readyAt());
    }
  }

  @Test
  void theEmulatorJitters() {
    // A seed whose first job gets a factor below 0.1 under ±100 %: it completes long before its 1 s
    // latency.
    long seed =
        LongStream.range(1, 10_000)
            .filter(s -> new LatencyJitter(s, 100).apply(1000, 0) < 100)
            .findFirst()
            .orElseThrow();
    try (KhorosEmulator emu =
        KhorosEmulator.builder()
            .seed(seed)
            .jobLatencyMillis(1000)
            .jobLatencyJitterPercent(100)
            .rateLimit(RateLimit.OFF)
            .build()
            .start()) {
      assertEquals(100, emu.config().jobLatencyJitterPercent());
      ApiClient api = new ApiClient(emu);
      String statusUrl =
          ApiClient.json(api.create("response", Windows.days(Windows.MONDAY, 1)))
              .at("/result/statusUrl")
              .asText();
      ApiClient.sleep(500);
      assertEquals("COMPLETED", api.status(statusUrl).at("/result/result/detail").asText());
    }
  }

  @Test
  void thePercentageIsZeroToHundred() {
    assertEquals(0, KhorosEmulator.builder().config().jobLatencyJitterPercent());
    assertThrows(
        IllegalArgumentException.class,
        () -> KhorosEmulator.builder().jobLatencyJitterPercent(101).config());
    assertThrows(IllegalArgumentException.class, () -> new LatencyJitter(1, -1));
  }

  private static List<Long> latencies(LatencyJitter jitter) {
    List<Long> out = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      out.add(jitter.apply(60_000, n));
    }
    return out;
  }
}
