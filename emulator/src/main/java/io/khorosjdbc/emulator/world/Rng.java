package io.khorosjdbc.emulator.world;

import java.util.List;

/**
 * A tiny SplitMix64 generator. Every random choice in the emulator comes from an {@code Rng} keyed
 * by the seed and by what is being generated (export, hour, index), so any slice of the synthetic
 * world can be regenerated on its own and comes out identical in every process.
 */
public final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private long state;

  private Rng(long state) {
    this.state = state;
  }

  /** A generator keyed by the given values, in order. */
  public static Rng of(long... keys) {
    return new Rng(hash(keys));
  }

  /** A well-mixed hash of the given values, in order. */
  private static long hash(long... keys) {
    long h = 0x243F6A8885A308D3L;
    for (long k : keys) {
      h = mix(h + GOLDEN + mix(k));
    }
    return h;
  }

  /** A stable 64-bit code for a string (String.hashCode is too weak to key generators with). */
  public static long code(String s) {
    long h = 1125899906842597L;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + s.charAt(i);
    }
    return mix(h);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in [0, bound). */
  public int nextInt(int bound) {
    return (int) Math.floorMod(nextLong(), (long) bound);
  }

  /** Uniform in [lo, hi). */
  public long between(long lo, long hi) {
    return hi <= lo ? lo : lo + Math.floorMod(nextLong(), hi - lo);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  public boolean chance(double p) {
    return nextDouble() < p;
  }

  public <T> T pick(List<T> items) {
    return items.get(nextInt(items.size()));
  }

  public String pick(String... items) {
    return items[nextInt(items.length)];
  }

  /**
   * A count with the given mean: the integer part plus one with the probability of the fraction.
   */
  public int count(double mean) {
    int whole = (int) mean;
    return whole + (chance(mean - whole) ? 1 : 0);
  }
}
