package io.khorosjdbc.driver.export;

import static java.util.Objects.requireNonNull;

import io.khorosjdbc.driver.api.AnalyticsClient;
import io.khorosjdbc.driver.api.Download;
import io.khorosjdbc.driver.api.ExportHandle;
import io.khorosjdbc.driver.api.ExportRequest;
import io.khorosjdbc.driver.api.JobStatus;
import io.khorosjdbc.driver.api.TenantLimiter;
import io.khorosjdbc.driver.export.cache.ExportCache;
import io.khorosjdbc.driver.export.cache.TenantCache;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs export jobs for one connection: creates each job and polls it to completion on a bounded
 * pool (so at most {@code maxConcurrentExports} jobs of the connection, and at most the tenant's
 * job limit across connections, run at once), then hands out the download. Jobs start as soon as
 * a query binds; rows are read later by the query's own thread.
 *
 * <p>A watchdog thread cancels the HTTP calls of queries that were cancelled or ran out of time,
 * so neither a poll nor a download outlives its query. {@link #close()} stops everything.
 */
public final class ExportRunner implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ExportRunner.class);
  private static final AtomicInteger POOL_SEQUENCE = new AtomicInteger();
  private static final long WATCH_INTERVAL_MILLIS = 20;

  private final AnalyticsClient client;
  private final ExportSettings settings;
  private final ExportLedger ledger;
  private final Optional<TenantCache> cache;
  private final ExecutorService pool;
  private final ScheduledExecutorService watchdog;
  /** Queries with work in this runner; weak, so a query that is never closed is simply forgotten. */
  private final Set<QueryControl> watched = Collections.newSetFromMap(new WeakHashMap<>());
  private volatile boolean closed;

  /** @param cache the tenant's export cache, when enabled */
  public ExportRunner(AnalyticsClient client, ExportSettings settings, ExportLedger ledger,
      Optional<TenantCache> cache) {
    this.cache = requireNonNull(cache, "cache");
    this.client = requireNonNull(client, "client");
    this.settings = requireNonNull(settings, "settings");
    this.ledger = requireNonNull(ledger, "ledger");
    int poolId = POOL_SEQUENCE.incrementAndGet();
    AtomicInteger threadId = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(settings.maxConcurrentExports(), runnable -> {
      Thread thread = new Thread(runnable,
          "khoros-export-" + poolId + "-" + threadId.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "khoros-export-" + poolId + "-watchdog");
      thread.setDaemon(true);
      return thread;
    });
    watchdog.scheduleWithFixedDelay(this::watch, WATCH_INTERVAL_MILLIS, WATCH_INTERVAL_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  /** Starts a job in the background; its rows are read through the returned handle. */
  public RunningExport start(ExportSpec spec, QueryControl control) {
    JobRecord job = ledger.open(spec);
    if (closed) {
      job.finished(JobRecord.State.CANCELLED, "connection closed");
      throw new ExportException("connection closed");
    }
    Optional<ExportCache.Entry> hit = cache.flatMap(c -> c.find(spec));
    if (hit.isPresent()) {
      job.servedFromCache();
      return new RunningExport(this, spec, job, CompletableFuture.completedFuture(null), control,
          hit.get().body(), null);
    }
    watch(control);
    CompletableFuture<String> downloadUrl =
        CompletableFuture.supplyAsync(() -> createAndAwait(spec, job, control), pool);
    return new RunningExport(this, spec, job, downloadUrl, control, null,
        cache.map(c -> c.fill(spec)).orElse(null));
  }

  ExportSettings settings() {
    return settings;
  }

  /** Opens a job's file as part of the query's calls (fetching the redirect afresh each time). */
  Download download(String downloadUrl, QueryControl control) throws IOException {
    return client.download(downloadUrl, control.calls());
  }

  /**
   * Runs the same export again on the caller's thread, after its download link expired; the job
   * record takes the new job's ids.
   */
  String exportAgain(ExportSpec spec, JobRecord job, QueryControl control) {
    LOG.info("export {}: the download link of {} expired; running the export again", job.id(),
        job.ids());
    return createAndAwait(spec, job, control);
  }

  /** Creates the job and polls until it is ready; returns its download URL. */
  private String createAndAwait(ExportSpec spec, JobRecord job, QueryControl control) {
    try {
      control.check();
      try (TenantLimiter.JobSlot slot = client.tenantLimiter().acquireJob(
          () -> control.shouldStop() || isCancelled(job))) {
        checkNotCancelled(job, control);
        ExportHandle handle = client.createExport(request(spec), control.calls());
        job.running(handle.workflowId(), handle.runId());
        LOG.debug("export {} created: {}", job.id(), spec.describe());
        String url = awaitCompletion(spec, job, handle, control);
        job.ready();
        return url;
      }
    } catch (IOException e) {
      RuntimeException failure;
      try {
        checkNotCancelled(job, control); // a cancelled wait or call: report the cancel or timeout
        String message = "export " + spec.describe() + " failed"
            + (job.workflowId() == null ? "" : " (" + job.ids() + ")") + ": " + e.getMessage();
        failure = new ExportException(message, e);
      } catch (RuntimeException stopped) {
        failure = stopped;
      }
      throw ended(job, control, failure);
    } catch (RuntimeException e) {
      throw ended(job, control, e);
    }
  }

  private String awaitCompletion(ExportSpec spec, JobRecord job, ExportHandle handle,
      QueryControl control) throws IOException {
    long started = System.nanoTime();
    PollSchedule schedule = new PollSchedule(settings.pollInitialDelay(), settings.pollMaxDelay());
    long delay = schedule.firstDelayMillis();
    long timeout = settings.exportTimeout().toMillis();
    while (true) {
      sleep(delay, job, control);
      JobStatus status = client.status(handle, control.calls());
      job.polled();
      if (status.isCompleted()) {
        String url = status.downloadUrl() != null ? status.downloadUrl() : handle.downloadUrl();
        if (url == null) {
          throw new ExportException("export " + spec.describe() + " is COMPLETED but the server "
              + "gave no download URL (" + job.ids() + "); the API may have changed, please "
              + "report it");
        }
        return url;
      }
      if (status.isFailed()) {
        throw new ExportException("export " + spec.describe() + " FAILED on the server ("
            + job.ids() + ", detail=" + status.detail() + reason(status)
            + "); retry the query, and if it fails again narrow the window or contact Khoros"
            + " support with the job ids");
      }
      if (status.isUnknown()) {
        throw new ExportException("export " + spec.describe() + " reported a state the driver "
            + "does not know (runnerState=" + status.runnerState() + ", detail=" + status.detail()
            + reason(status) + ", " + job.ids() + "); the API may have changed, please report it");
      }
      if ((System.nanoTime() - started) / 1_000_000L > timeout) {
        throw new ExportException("export " + spec.describe() + " still RUNNING after "
            + settings.exportTimeout() + " (" + job.ids() + "); raise the exportTimeout "
            + "property or narrow the window");
      }
      delay = schedule.nextDelayMillis((System.nanoTime() - started) / 1_000_000L);
    }
  }

  /** Records how a job ended before it was ready: cancelled (also by timeout or close) or failed. */
  private static RuntimeException ended(JobRecord job, QueryControl control, RuntimeException e) {
    job.finished(control.shouldStop() || isCancelled(job) ? JobRecord.State.CANCELLED
        : JobRecord.State.FAILED, e.getMessage());
    return e;
  }

  /** A piece of a scan that was closed early (LIMIT) is cancelled on its own. */
  private static boolean isCancelled(JobRecord job) {
    return job.state() == JobRecord.State.CANCELLED;
  }

  private static void checkNotCancelled(JobRecord job, QueryControl control) {
    control.check();
    if (isCancelled(job)) {
      throw new ExportException("export cancelled: its scan was closed");
    }
  }

  /** Waits between polls, noticing the query's cancel and deadline and this job's own cancel. */
  private static void sleep(long millis, JobRecord job, QueryControl control) {
    long until = System.nanoTime() + millis * 1_000_000L;
    while (true) {
      checkNotCancelled(job, control);
      long left = (until - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return;
      }
      control.sleep(Math.min(25, left));
    }
  }

  private static String reason(JobStatus status) {
    return status.reason() == null ? "" : ", reason=" + status.reason();
  }

  private ExportRequest request(ExportSpec spec) {
    long endTime = settings.endTimeInclusive() ? spec.end() - 1 : spec.end();
    return new ExportRequest(spec.report().exportId(), spec.report().marketing(), spec.start(),
        endTime, spec.metrics(), spec.format(), settings.apiLocale(),
        settings.apiTimeZone().getId(), spec.parameters());
  }

  private void watch(QueryControl control) {
    synchronized (watched) {
      watched.add(control);
    }
  }

  /** The watchdog's round: stop the calls of every query that must stop. */
  private void watch() {
    List<QueryControl> stopping = new ArrayList<>();
    synchronized (watched) {
      for (QueryControl control : watched) {
        if (control.shouldStop()) {
          stopping.add(control);
        }
      }
      stopping.forEach(watched::remove);
    }
    stopping.forEach(control -> control.calls().cancel());
  }

  /**
   * Stops every job of this connection at once: calls in flight are cancelled (their sockets
   * closed), waiting queries fail with "connection closed", and the threads end.
   */
  @Override
  public void close() {
    closed = true;
    List<QueryControl> all;
    synchronized (watched) {
      all = new ArrayList<>(watched);
      watched.clear();
    }
    all.forEach(control -> control.abort("connection closed"));
    watchdog.shutdownNow();
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
        LOG.warn("export threads did not stop within 2 s of closing the connection");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
