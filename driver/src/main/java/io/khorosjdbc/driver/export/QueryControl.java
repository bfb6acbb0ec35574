package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.CallGroup;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A statement's cancel flag and deadline, checked by every wait and every row, plus the HTTP calls
 * made for the statement. {@code Statement.cancel()}, {@code setQueryTimeout} and
 * {@code Connection.close()} stop polling and downloading at once: the runner's watchdog notices
 * the flag or the deadline and cancels the calls in flight, which closes their sockets and wakes
 * any thread blocked on them.
 */
public final class QueryControl {
  private final AtomicBoolean cancelFlag;
  private final long deadlineNanos;
  private final CallGroup calls = new CallGroup();
  private volatile String abortReason;

  /**
   * @param cancelFlag set by the statement's cancel (or the connection's close)
   * @param timeoutMillis the statement's query timeout, 0 for none
   */
  public QueryControl(AtomicBoolean cancelFlag, long timeoutMillis) {
    this.cancelFlag = cancelFlag;
    this.deadlineNanos = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
  }

  public boolean isCancelled() {
    return cancelFlag.get() || abortReason != null;
  }

  /** The HTTP calls made for this query. */
  public CallGroup calls() {
    return calls;
  }

  /** Whether the query must stop now (cancelled, aborted or out of time); never throws. */
  public boolean shouldStop() {
    return isCancelled() || (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0);
  }

  /** Stops the query for a reason other than cancel or timeout (e.g. its connection closed). */
  public void abort(String reason) {
    abortReason = reason;
    calls.cancel();
  }

  /** Throws if the query was cancelled or ran out of time. */
  public void check() {
    String aborted = abortReason;
    if (aborted != null) {
      throw new ExportException(aborted);
    }
    if (cancelFlag.get()) {
      throw new ExportException("query cancelled");
    }
    if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
      cancelFlag.set(true);
      throw new ExportException("query timed out (Statement.setQueryTimeout or "
          + "discoveryTimeout); raise the timeout or narrow the time window");
    }
  }

  /** Sleeps up to {@code millis}, waking early to notice a cancel or the deadline. */
  public void sleep(long millis) {
    long until = System.nanoTime() + millis * 1_000_000L;
    while (true) {
      check();
      long left = until - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        Thread.sleep(Math.min(25, Math.max(1, left / 1_000_000L)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ExportException("query interrupted");
      }
    }
  }
}
