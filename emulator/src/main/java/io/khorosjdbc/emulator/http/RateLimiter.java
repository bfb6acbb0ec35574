package io.khorosjdbc.emulator.http;

import io.khorosjdbc.emulator.RateLimit;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The request rate limit of each company, as a sliding window: a request is admitted if fewer than
 * {@code permits} admitted requests of the same company arrived within the last {@code window}. A
 * sliding window rather than fixed buckets, because the API only documents "20 per minute" and a
 * fixed bucket would let a client burst 40 requests across a bucket boundary, so a client paced
 * against the emulator could still be refused by the real service. Refused requests are not
 * recorded, so a client that keeps retrying is admitted as soon as its oldest request ages out.
 */
final class RateLimiter {
  private final RateLimit limit;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final Map<String, ArrayDeque<Long>> admitted = new HashMap<>();

  RateLimiter(RateLimit limit) {
    this(limit, System::nanoTime);
  }

  RateLimiter(RateLimit limit, LongSupplier nanoClock) {
    this.limit = limit;
    this.windowNanos = limit.window().toNanos();
    this.nanoClock = nanoClock;
  }

  RateLimit limit() {
    return limit;
  }

  /**
   * Admits one request of {@code company} and returns 0, or refuses it (recording nothing) and
   * returns the nanoseconds until the oldest admitted request leaves the window.
   */
  synchronized long acquire(String company) {
    if (limit.isOff()) {
      return 0;
    }
    long now = nanoClock.getAsLong();
    ArrayDeque<Long> times = admitted.computeIfAbsent(company, c -> new ArrayDeque<>());
    while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
      times.pollFirst();
    }
    if (times.size() < limit.permits()) {
      times.addLast(now);
      return 0;
    }
    return Math.max(1, times.peekFirst() + windowNanos - now);
  }

  /** Forgets every admitted request (the emulator's reset). */
  synchronized void clear() {
    admitted.clear();
  }
}
