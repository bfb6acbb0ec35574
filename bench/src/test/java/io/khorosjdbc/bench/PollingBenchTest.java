package io.khorosjdbc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The baseline poller's schedule is arithmetic, so it is checked here; nothing is waited for. */
class PollingBenchTest {
  @Test
  void baselinePollerFollowsItsSchedule() {
    // polls at 15, 33, 54.6, 80.52 s
    assertEquals(14_000, PollingBench.baselineOvershoot(1_000), 1e-6);
    assertEquals(33_000 - 16_000, PollingBench.baselineOvershoot(16_000), 1e-6);
    assertEquals(80_520 - 60_000, PollingBench.baselineOvershoot(60_000), 1e-6);
  }

  @Test
  void capsTheWaitAtTwoMinutes() {
    double t = 0;
    double wait = 15_000;
    while (wait < 120_000) {
      t += wait;
      wait *= 1.2;
    }
    // once capped, consecutive polls are 2 minutes apart
    double late = t + 10 * 120_000;
    assertEquals(120_000 - 1, PollingBench.baselineOvershoot(late - 120_000 + 1), 1.0);
  }

  @Test
  void targetIsFivePercentPlusAQuarterSecond() {
    assertEquals(300, PollingBench.target(1_000), 1e-9);
    assertEquals(6_250, PollingBench.target(120_000), 1e-9);
  }
}
