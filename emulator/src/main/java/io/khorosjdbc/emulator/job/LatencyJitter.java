package io.khorosjdbc.emulator.job;

import io.khorosjdbc.emulator.world.Rng;

/**
 * Spreads job latencies: each job's latency is multiplied by a factor drawn uniformly from [1 -
 * percent/100, 1 + percent/100]. Real exports do not all take the same time, and a benchmark of "60
 * s ± 20 %" jobs shows how a client's polling copes with that; the factor follows from the seed and
 * the job's sequence number, so a run is repeatable.
 *
 * @param percent 0 (every job takes exactly its latency) to 100
 */
public record LatencyJitter(long seed, int percent) {
  public LatencyJitter {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("latency jitter must be 0 to 100 percent: " + percent);
    }
  }

  /**
   * The latency of job number {@code jobNumber} (0 for the first job created) whose plain latency
   * is {@code latencyMillis}.
   */
  public long apply(long latencyMillis, long jobNumber) {
    if (percent == 0 || latencyMillis <= 0) {
      return latencyMillis;
    }
    double u = Rng.of(seed, Rng.code("latency-jitter"), jobNumber).nextDouble();
    double factor = 1 + percent / 100.0 * (2 * u - 1);
    return Math.round(latencyMillis * factor);
  }
}
