package io.khorosjdbc.driver.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The driver's one retry policy: which failures are worth repeating, and how long to wait.
 *
 * <p>Waits grow exponentially from {@code baseDelay} (doubling per retry) up to {@code maxDelay},
 * with "equal jitter" (a random point in the upper half of the step) so that many clients hit by
 * the same outage do not retry in lock step. A server's {@code Retry-After} replaces the computed
 * wait, capped at {@code maxDelay}. {@link RetryInterceptor} applies the policy to single HTTP
 * requests, {@link AnalyticsClient#download} to the two-step redirect, and the export runner to a
 * download that breaks off mid-body; all three ask this class.
 *
 * @param maxRetries how many times one operation is repeated after its first attempt (0: never)
 * @param baseDelay the wait before the first retry (before jitter)
 * @param maxDelay the longest wait, also the cap on {@code Retry-After}
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {

  /** No retries: every failure is reported at once. */
  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative");
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
  }

  /** The wait before retry number {@code retry} (0-based), in ms, jittered. */
  public long backoffMillis(int retry) {
    long cap = maxDelay.toMillis();
    long step = baseDelay.toMillis() << Math.min(retry, 30);
    long bounded = Math.max(0, Math.min(cap, step < 0 ? cap : step));
    long half = bounded / 2;
    return half
        + (bounded - half == 0 ? 0 : ThreadLocalRandom.current().nextLong(bounded - half + 1));
  }

  /**
   * The wait before retry {@code retry}: the server's {@code Retry-After} (capped) when it sent
   * one.
   */
  public long waitMillis(int retry, long retryAfterMillis) {
    return retryAfterMillis >= 0
        ? Math.min(retryAfterMillis, maxDelay.toMillis())
        : backoffMillis(retry);
  }

  /**
   * Whether an I/O failure of an idempotent request is worth repeating: resets, timeouts, broken
   * bodies and refused connections are; an unknown host, a certificate problem, an API error that
   * was already judged, or a cancelled call are not.
   */
  public static boolean isTransient(IOException e) {
    if (e instanceof ApiException
        || e instanceof UnknownHostException
        || e instanceof SSLHandshakeException
        || e instanceof SSLPeerUnverifiedException) {
      return false;
    }
    return !isCancellation(e);
  }

  /** OkHttp reports a cancelled call as an IOException "Canceled"; so do our own waits. */
  static boolean isCancellation(IOException e) {
    return "Canceled".equals(e.getMessage())
        || (e instanceof InterruptedIOException
            && !(e instanceof java.net.SocketTimeoutException)
            && !"timeout".equals(e.getMessage()));
  }

  /**
   * Sleeps {@code millis}, waking every few ms to notice {@code cancelled} (a cancelled query or
   * call), and the thread's interrupt.
   *
   * @throws InterruptedIOException "Canceled" when cancelled or interrupted while waiting
   */
  public static void sleep(long millis, BooleanSupplier cancelled) throws InterruptedIOException {
    long until = System.nanoTime() + millis * 1_000_000L;
    while (true) {
      if (cancelled.getAsBoolean()) {
        throw new InterruptedIOException("Canceled");
      }
      long left = until - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        Thread.sleep(Math.max(1, Math.min(20, left / 1_000_000L)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Canceled");
      }
    }
  }
}
