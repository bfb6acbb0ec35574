package io.khorosjdbc.driver.api;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;

/**
 * The HTTP calls made on behalf of one query, so that all of them can be stopped at once: a
 * cancelled group cancels its calls in flight (which closes their sockets and wakes any thread
 * blocked reading them, including retry waits) and every call added later. Thread-safe.
 */
public final class CallGroup {

  private final Set<Call> calls = ConcurrentHashMap.newKeySet();
  private final RequestBudget.Priority priority;
  private volatile boolean cancelled;

  /** A group whose requests queue for the tenant's request budget at {@code priority}. */
  public CallGroup(RequestBudget.Priority priority) {
    this.priority = Objects.requireNonNull(priority, "priority");
  }

  /** A group of requests a user is waiting for. */
  public CallGroup() {
    this(RequestBudget.Priority.INTERACTIVE);
  }

  public RequestBudget.Priority priority() {
    return priority;
  }

  /** Cancels every call in flight and every later one. Idempotent. */
  public void cancel() {
    cancelled = true;
    calls.forEach(Call::cancel);
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Calls currently in flight (a download stays in flight until it is closed). */
  public int size() {
    return calls.size();
  }

  void add(Call call) {
    calls.add(call);
    if (cancelled) {
      call.cancel();
    }
  }

  void remove(Call call) {
    calls.remove(call);
  }
}
