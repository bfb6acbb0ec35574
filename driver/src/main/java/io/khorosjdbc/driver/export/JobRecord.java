package io.khorosjdbc.driver.export;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The live record of one export job, shown by the {@code exports} system table. Written by the
 * runner's threads, read by queries, hence volatile fields and atomic counters.
 */
public final class JobRecord {
  /** Where a job is in its life. */
  public enum State { QUEUED, RUNNING, READY, DOWNLOADING, DONE, FAILED, CANCELLED }

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final long id = SEQUENCE.incrementAndGet();
  private final ExportSpec spec;
  private final long createdAt = System.currentTimeMillis();
  private volatile State state = State.QUEUED;
  private volatile boolean fromCache;
  private volatile String workflowId;
  private volatile String runId;
  private volatile long readyAt;
  private volatile long finishedAt;
  private volatile int polls;
  private volatile String error;
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  JobRecord(ExportSpec spec) {
    this.spec = spec;
  }

  void running(String workflowId, String runId) {
    this.workflowId = workflowId;
    this.runId = runId;
    this.state = State.RUNNING;
  }

  /** The export's body comes from the driver's cache: no job runs on the server. */
  void servedFromCache() {
    fromCache = true;
    state = State.READY;
  }

  public boolean fromCache() {
    return fromCache;
  }

  void polled() {
    polls++;
  }

  void ready() {
    readyAt = System.currentTimeMillis();
    state = State.READY;
  }

  void downloading() {
    state = State.DOWNLOADING;
  }

  void addRow() {
    rows.incrementAndGet();
  }

  void bytes(long total) {
    bytes.set(total);
  }

  void finished(State end, String message) {
    if (finishedAt == 0) {
      finishedAt = System.currentTimeMillis();
      state = end;
      error = message;
    }
  }

  public long id() {
    return id;
  }

  public ExportSpec spec() {
    return spec;
  }

  public State state() {
    return state;
  }

  public String workflowId() {
    return workflowId;
  }

  public String runId() {
    return runId;
  }

  public long createdAt() {
    return createdAt;
  }

  public long readyAt() {
    return readyAt;
  }

  public long finishedAt() {
    return finishedAt;
  }

  public int polls() {
    return polls;
  }

  public long rows() {
    return rows.get();
  }

  public long bytes() {
    return bytes.get();
  }

  public String error() {
    return error;
  }

  /** Job ids for messages: what support needs to find the job on the server. */
  public String ids() {
    return fromCache ? "from the driver's export cache"
        : "workflowId=" + workflowId + ", runId=" + runId;
  }
}
