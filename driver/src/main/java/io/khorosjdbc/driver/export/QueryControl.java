package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.CallGroup;
import io.khorosjdbc.driver.api.RequestBudget;
import io.khorosjdbc.driver.error.SqlState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A statement's cancel flag and deadline, the HTTP calls made for it, and the one way it waits.
 * {@code Statement.cancel()}, {@code setQueryTimeout} and {@code Connection.close()} stop the query
 * at once: the tenant scheduler notices the flag (or the deadline's timer fires) and calls {@link
 * #stop}, which cancels the calls in flight (closing their sockets) and completes {@link
 * #stopped()}, waking every {@link #await} of the query. Nothing sleeps and re-checks.
 */
public final class QueryControl {
  private final AtomicBoolean cancelFlag;
  private final long deadlineNanos;
  private final long timeoutMillis;
  private final CallGroup calls;
  private final CompletableFuture<ExportException> stopped = new CompletableFuture<>();

  /**
   * @param cancelFlag set by the statement's cancel (or the connection's close)
   * @param timeoutMillis the statement's query timeout, 0 for none
   * @param priority how the query's requests queue for the tenant's request budget
   */
  public QueryControl(
      AtomicBoolean cancelFlag, long timeoutMillis, RequestBudget.Priority priority) {
    this.cancelFlag = cancelFlag;
    this.timeoutMillis = timeoutMillis;
    this.deadlineNanos = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
    this.calls = new CallGroup(priority);
  }

  /** The HTTP calls made for this query. */
  public CallGroup calls() {
    return calls;
  }

  public RequestBudget.Priority priority() {
    return calls.priority();
  }

  /** Milliseconds until the deadline (at least 1), or 0 when the query has no timeout. */
  long millisToDeadline() {
    return deadlineNanos == 0 ? 0 : Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000L);
  }

  long timeoutMillis() {
    return timeoutMillis;
  }

  /** Whether the query must stop now (cancelled, aborted or out of time); never throws. */
  public boolean shouldStop() {
    return stopped.isDone()
        || cancelFlag.get()
        || (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0);
  }

  /** Completes when the query is stopped, with why. */
  CompletableFuture<ExportException> stopped() {
    return stopped;
  }

  /** Stops the query because its connection closed; see {@link #stop(ExportException)}. */
  public void stop(String reason) {
    stop(new ExportException(SqlState.CONNECTION_CLOSED, reason));
  }

  /** Stops the query: cancels its calls and wakes its waits. Idempotent; the first reason wins. */
  void stop(ExportException why) {
    if (stopped.complete(why)) {
      calls.cancel();
    }
  }

  /** Stops the query if its cancel flag is set or its deadline passed; true if it is stopped. */
  boolean stopIfDue() {
    if (!stopped.isDone()) {
      if (cancelFlag.get()) {
        stop(new ExportException(SqlState.CANCELLED, "query cancelled"));
      } else if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
        stop(new ExportException(SqlState.TIMED_OUT, timedOut()));
      }
    }
    return stopped.isDone();
  }

  /** Throws if the query was cancelled, aborted or ran out of time. */
  public void check() {
    if (stopIfDue()) {
      cancelFlag.set(true);
      ExportException why = stopped.join();
      throw new ExportException(why.state(), why.getMessage());
    }
  }

  /**
   * Waits for {@code result}, or until the query stops, whichever comes first: the one wait of the
   * export layer.
   *
   * @throws ExportException when the query stopped, or the result failed with one
   */
  <T> T await(CompletableFuture<T> future) {
    check();
    try {
      CompletableFuture.anyOf(future, stopped).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(new ExportException(SqlState.CANCELLED, "query interrupted"));
    } catch (ExecutionException e) {
      // reported below, from the future that failed
    }
    check();
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExportException(SqlState.CANCELLED, "query interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof ExportException ee
          ? ee
          : new ExportException(String.valueOf(cause.getMessage()), cause);
    }
  }

  /** Waits {@code millis}, or less if the query stops (then throws). */
  void pause(long millis) {
    CompletableFuture<Void> timer = new CompletableFuture<>();
    timer.completeOnTimeout(null, millis, TimeUnit.MILLISECONDS);
    await(timer);
  }

  private static String timedOut() {
    return "query timed out (Statement.setQueryTimeout or discoveryTimeout); raise the timeout "
        + "or narrow the time window";
  }
}
