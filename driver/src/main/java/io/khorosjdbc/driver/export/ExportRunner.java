package io.khorosjdbc.driver.export;

import static java.util.Objects.requireNonNull;

import io.khorosjdbc.driver.api.AnalyticsClient;
import io.khorosjdbc.driver.api.Download;
import io.khorosjdbc.driver.api.ExportHandle;
import io.khorosjdbc.driver.api.ExportRequest;
import io.khorosjdbc.driver.api.JobStatus;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs export jobs for one connection: creates each job and polls it to completion on a bounded
 * pool (so at most {@code maxConcurrentExports} jobs run at once), then hands out the download.
 * Jobs start as soon as a query binds; rows are read later by the query's own thread.
 */
public final class ExportRunner implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ExportRunner.class);
  private static final AtomicInteger POOL_SEQUENCE = new AtomicInteger();

  private final AnalyticsClient client;
  private final ExportSettings settings;
  private final ExportLedger ledger;
  private final ExecutorService pool;

  public ExportRunner(AnalyticsClient client, ExportSettings settings, ExportLedger ledger) {
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
  }

  /** Starts a job in the background; its rows are read through the returned handle. */
  public RunningExport start(ExportSpec spec, QueryControl control) {
    JobRecord job = ledger.open(spec);
    CompletableFuture<String> downloadUrl =
        CompletableFuture.supplyAsync(() -> createAndAwait(spec, job, control), pool);
    return new RunningExport(this, spec, job, downloadUrl, control);
  }

  Download download(String downloadUrl) throws IOException {
    return client.download(downloadUrl);
  }

  /** Creates the job and polls until it is ready; returns its download URL. */
  private String createAndAwait(ExportSpec spec, JobRecord job, QueryControl control) {
    try {
      control.check();
      ExportHandle handle = client.createExport(request(spec));
      job.running(handle.workflowId(), handle.runId());
      LOG.debug("export {} created: {}", job.id(), spec.describe());
      String url = awaitCompletion(spec, job, handle, control);
      job.ready();
      return url;
    } catch (IOException e) {
      job.finished(JobRecord.State.FAILED, e.getMessage());
      throw new ExportException("export " + spec.describe() + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      job.finished(control.isCancelled() ? JobRecord.State.CANCELLED : JobRecord.State.FAILED,
          e.getMessage());
      throw e;
    }
  }

  private String awaitCompletion(ExportSpec spec, JobRecord job, ExportHandle handle,
      QueryControl control) throws IOException {
    long started = System.nanoTime();
    long delay = settings.pollInitialDelay().toMillis();
    long timeout = settings.exportTimeout().toMillis();
    while (true) {
      control.sleep(delay);
      JobStatus status = client.status(handle);
      job.polled();
      if (status.isCompleted()) {
        return status.downloadUrl() == null || status.downloadUrl().isEmpty()
            ? handle.downloadUrl() : status.downloadUrl();
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
      delay = Math.min(settings.pollMaxDelay().toMillis(), delay + Math.max(1, delay / 2));
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

  /** Stops every job of this connection: pollers wake up, see their cancel flags and end. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
