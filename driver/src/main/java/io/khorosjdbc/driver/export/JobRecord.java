package io.khorosjdbc.driver.export;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One query's use of an export, shown as a row of the {@code exports} system table: the job it
 * created or joined (or the cache entry it read), how far it got, and what it read. Written by the
 * scheduler's and the query's threads, hence volatile fields and atomic counters.
 */
public final class JobRecord {
  /** Where the query's export is in its life. */
  public enum State {
    QUEUED,
    RUNNING,
    READY,
    DOWNLOADING,
    DONE,
    FAILED,
    CANCELLED
  }

  /**
   * How the query came by its job: it created it, joined one that another query of this JVM
   * started, took over one saved in the cache directory by an earlier query or process, or read the
   * export cache (no job at all).
   */
  public enum Origin {
    NEW,
    SHARED,
    SAVED,
    CACHE
  }

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final long id = SEQUENCE.incrementAndGet();
  private final ExportSpec spec;
  private final long createdAt = System.currentTimeMillis();
  private volatile State state = State.QUEUED;
  private volatile Origin origin = Origin.NEW;
  private volatile ExportJob job;
  private volatile long finishedAt;
  private volatile String error;
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  JobRecord(ExportSpec spec) {
    this.spec = spec;
  }

  void attached(ExportJob job, Origin origin) {
    this.job = job;
    this.origin = origin;
  }

  /** The export's body comes from the driver's cache: no job runs on the server. */
  void servedFromCache() {
    origin = Origin.CACHE;
    state = State.READY;
  }

  public boolean fromCache() {
    return origin == Origin.CACHE;
  }

  public Origin origin() {
    return origin;
  }

  void downloading() {
    state = State.DOWNLOADING;
  }

  void addRow() {
    rows.incrementAndGet();
  }

  void addRows(long count) {
    rows.addAndGet(count);
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

  /** The query's own state; while it waits, its job's. */
  public State state() {
    State own = state;
    ExportJob current = job;
    if (own != State.QUEUED || current == null) {
      return own;
    }
    return switch (current.state) {
      case QUEUED, CREATING -> State.QUEUED;
      case RUNNING -> State.RUNNING;
      case READY, EXPIRED -> State.READY;
      case FAILED -> State.FAILED;
    };
  }

  public String workflowId() {
    ExportJob current = job;
    return current == null || current.handle == null ? null : current.handle.workflowId();
  }

  public String runId() {
    ExportJob current = job;
    return current == null || current.handle == null ? null : current.handle.runId();
  }

  public long createdAt() {
    return createdAt;
  }

  public long readyAt() {
    ExportJob current = job;
    return current == null ? 0 : current.readyAt;
  }

  public long finishedAt() {
    return finishedAt;
  }

  /** Status polls of its job so far (shared with every query that joined the job). */
  public int polls() {
    ExportJob current = job;
    return current == null ? 0 : current.polls;
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
    ExportJob current = job;
    return fromCache()
        ? "from the driver's export cache"
        : current == null ? "not created" : current.ids();
  }
}
