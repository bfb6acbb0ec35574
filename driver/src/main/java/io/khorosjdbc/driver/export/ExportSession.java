package io.khorosjdbc.driver.export;

import static java.util.Objects.requireNonNull;

import io.khorosjdbc.driver.api.ExportRequest;
import io.khorosjdbc.driver.api.RequestBudget;
import io.khorosjdbc.driver.catalog.ColumnFeedback;
import io.khorosjdbc.driver.error.SqlState;
import io.khorosjdbc.driver.export.cache.ExportCache;
import io.khorosjdbc.driver.export.cache.TenantCache;
import java.io.Closeable;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection's side of the export layer: its settings and export cache, and the queries it runs
 * on the tenant's shared {@link TenantScheduler}. Closing it stops those queries at once and leaves
 * the scheduler (the last connection to leave closes it).
 */
public final class ExportSession implements Closeable {
  private final TenantScheduler scheduler;
  private final ExportSettings settings;
  private final Optional<TenantCache> cache;

  /** Weak, so a query that is never closed is simply forgotten. */
  private final Set<QueryControl> queries = Collections.newSetFromMap(new WeakHashMap<>());

  private volatile boolean closed;
  private volatile ColumnFeedback columns = ColumnFeedback.NONE;

  public ExportSession(
      TenantScheduler scheduler, ExportSettings settings, Optional<TenantCache> cache) {
    this.scheduler = requireNonNull(scheduler, "scheduler");
    this.settings = requireNonNull(settings, "settings");
    this.cache = requireNonNull(cache, "cache");
  }

  public TenantScheduler scheduler() {
    return scheduler;
  }

  public ExportSettings settings() {
    return settings;
  }

  public Optional<TenantCache> cache() {
    return cache;
  }

  /** Who corrects a table when an export shows the tenant's columns differ from it. */
  public void columnFeedback(ColumnFeedback feedback) {
    this.columns = requireNonNull(feedback, "feedback");
  }

  ColumnFeedback columnFeedback() {
    return columns;
  }

  /** A query's control, watched for its cancel flag and deadline until it ends. */
  public QueryControl newQuery(
      AtomicBoolean cancelFlag, long timeoutMillis, RequestBudget.Priority priority) {
    QueryControl control = new QueryControl(cancelFlag, timeoutMillis, priority);
    synchronized (queries) {
      queries.add(control);
    }
    if (closed) {
      control.stop("connection closed");
    }
    scheduler.watch(control);
    return control;
  }

  /**
   * Starts (or joins) the export for {@code spec}: from the export cache when it holds the window,
   * else through the scheduler. Rows are read through the returned handle.
   */
  public RunningExport start(ExportSpec spec, QueryControl control) {
    JobRecord record = scheduler.ledger().open(spec);
    if (closed) {
      record.finished(JobRecord.State.CANCELLED, "connection closed");
      throw new ExportException(SqlState.CONNECTION_CLOSED, "connection closed");
    }
    Optional<ExportCache.Entry> hit = cache.flatMap(c -> c.find(spec));
    if (hit.isPresent()) {
      return RunningExport.fromCache(this, spec, record, control, hit.get());
    }
    RunningExport export =
        new RunningExport(this, spec, record, control, cache.map(c -> c.fill(spec)).orElse(null));
    scheduler.attach(export, request(spec), settings);
    return export;
  }

  /**
   * {@code splitWindow=auto}: pieces only where the tenant's learned job model says they pay for
   * their requests under the budget.
   */
  public SplitPolicy autoSplit(int maxPieces) {
    RequestBudget budget = scheduler.budget();
    Duration interval =
        budget.isUnlimited() ? Duration.ZERO : budget.window().dividedBy(budget.permits());
    return new SplitPolicy.Auto(scheduler.durations(), interval, maxPieces);
  }

  /** The API request for a spec, in this connection's locale, zone and end-time convention. */
  ExportRequest request(ExportSpec spec) {
    long endTime = settings.endTimeInclusive() ? spec.end() - 1 : spec.end();
    return new ExportRequest(
        spec.report().exportId(),
        spec.report().marketing(),
        spec.start(),
        endTime,
        spec.metrics(),
        spec.format(),
        settings.apiLocale(),
        settings.apiTimeZone().getId(),
        spec.parameters());
  }

  /** Stops every query of this connection at once and leaves the scheduler. */
  @Override
  public void close() {
    closed = true;
    List<QueryControl> all;
    synchronized (queries) {
      all = List.copyOf(queries);
      queries.clear();
    }
    all.forEach(control -> control.stop("connection closed"));
    scheduler.budget().wakeWaiters();
    scheduler.leave();
  }
}
