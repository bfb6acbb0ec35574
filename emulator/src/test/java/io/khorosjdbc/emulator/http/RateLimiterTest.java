package io.khorosjdbc.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.khorosjdbc.emulator.RateLimit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sliding window on a clock the test moves by hand, so the edges can be checked exactly. */
class RateLimiterTest {
  private static final long MS = 1_000_000L;
  private final AtomicLong clock = new AtomicLong(1_000_000 * MS);
  private final RateLimiter limiter = new RateLimiter(RateLimit.parse("3/1000ms"), clock::get);

  private void at(long ms) {
    clock.set(1_000_000 * MS + ms * MS);
  }

  @Test
  void aRequestLeavesTheWindowExactlyOneWindowAfterItArrived() {
    at(0);
    assertEquals(0, limiter.acquire("demo"));
    at(300);
    assertEquals(0, limiter.acquire("demo"));
    assertEquals(0, limiter.acquire("demo"));
    at(999);
    assertEquals(
        1 * MS, limiter.acquire("demo"), "refused until the first one leaves, 1 ms from now");
    at(1000);
    assertEquals(0, limiter.acquire("demo"));
    assertEquals(300 * MS, limiter.acquire("demo"), "the two of 300 ms are still in the window");
    at(1300);
    assertEquals(0, limiter.acquire("demo"));
  }

  @Test
  void refusalsAreNotRecorded() {
    at(0);
    for (int i = 0; i < 3; i++) {
      limiter.acquire("demo");
    }
    at(500);
    for (int i = 0; i < 10; i++) {
      assertEquals(500 * MS, limiter.acquire("demo"));
    }
    at(1000);
    assertEquals(0, limiter.acquire("demo"));
  }

  @Test
  void eachCompanyHasItsOwnWindowAndClearEmptiesThem() {
    at(0);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, limiter.acquire("demo"));
    }
    assertEquals(0, limiter.acquire("acme"));
    assertEquals(1000 * MS, limiter.acquire("demo"));
    limiter.clear();
    assertEquals(0, limiter.acquire("demo"));
  }

  @Test
  void offAdmitsEverything() {
    RateLimiter off = new RateLimiter(RateLimit.OFF, clock::get);
    for (int i = 0; i < 1000; i++) {
      assertEquals(0, off.acquire("demo"));
    }
  }
}
