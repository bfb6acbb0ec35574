package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.CallGroup;
import io.khorosjdbc.driver.api.ExportHandle;
import io.khorosjdbc.driver.api.ExportRequest;
import io.khorosjdbc.driver.api.RequestBudget;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One export job on the server, shared by every query of the tenant that needs exactly this export
 * (same report, window, columns, parameters, format, locale and time zone). Its state belongs to
 * the {@link TenantScheduler}, which changes it under its own lock; queries only wait for {@link
 * #ready()}.
 *
 * <pre>
 *   QUEUED --create--> CREATING --201--> RUNNING --poll: COMPLETED--> READY --link gone--> EXPIRED
 *      |                  |                 |  \--poll: FAILED, unknown, timeout--> FAILED
 *      '-- nobody waits: dropped             '-- nobody waits: polls pause until a query attaches
 * </pre>
 */
final class ExportJob {
  /** Where a job is in its life on the server. */
  enum State {
    QUEUED,
    CREATING,
    RUNNING,
    READY,
    FAILED,
    EXPIRED
  }

  final String key;
  final ExportSpec spec;
  final ExportRequest request;
  final ExportSettings settings;
  private final CompletableFuture<String> ready = new CompletableFuture<>();
  final Set<RunningExport> waiters = new HashSet<>();
  volatile State state = State.QUEUED;
  volatile ExportHandle handle;

  /** When the create was sent (wall-clock ms): the job's age is counted from it. */
  long createdAt;

  /** When a poll last saw the job RUNNING; the job finished after it. */
  long lastSeenRunningAt;

  volatile long readyAt;
  volatile int polls;

  /** Whether the job holds one of the tenant's job slots (created and someone waits for it). */
  boolean holdsSlot;

  ScheduledFuture<?> nextPoll;

  /** The create or poll in flight, cancelled when the scheduler closes or nobody waits. */
  CallGroup calls;

  ExportJob(String key, ExportSpec spec, ExportRequest request, ExportSettings settings) {
    this.key = key;
    this.spec = spec;
    this.request = request;
    this.settings = settings;
  }

  /** Completes with the download URL, or fails with an {@link ExportException}. */
  CompletableFuture<String> ready() {
    return ready;
  }

  /** Background work (column discovery) yields to queries someone is waiting for. */
  RequestBudget.Priority priority() {
    return waiters.stream().anyMatch(w -> w.priority() == RequestBudget.Priority.INTERACTIVE)
        ? RequestBudget.Priority.INTERACTIVE
        : RequestBudget.Priority.BACKGROUND;
  }

  /** Job ids for messages: what support needs to find the job on the server. */
  String ids() {
    return handle == null
        ? "not created yet"
        : "workflowId=" + handle.workflowId() + ", runId=" + handle.runId();
  }

  double windowDays() {
    return (spec.end() - spec.start()) / 86_400_000.0;
  }
}
