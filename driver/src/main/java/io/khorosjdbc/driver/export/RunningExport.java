package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.Download;
import io.khorosjdbc.driver.api.ReportFormat;
import io.khorosjdbc.driver.format.CsvRowReader;
import io.khorosjdbc.driver.format.JsonRowReader;
import io.khorosjdbc.driver.format.RowReader;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job that has been started. {@link #open} waits for it to be ready (noticing cancel and
 * timeout while it waits) and streams its body through a row reader; nothing is held in memory.
 */
public final class RunningExport {
  private static final Logger LOG = LoggerFactory.getLogger(RunningExport.class);

  private final ExportRunner runner;
  private final ExportSpec spec;
  private final JobRecord job;
  private final CompletableFuture<String> downloadUrl;
  private final QueryControl control;

  RunningExport(ExportRunner runner, ExportSpec spec, JobRecord job,
      CompletableFuture<String> downloadUrl, QueryControl control) {
    this.runner = runner;
    this.spec = spec;
    this.job = job;
    this.downloadUrl = downloadUrl;
    this.control = control;
  }

  public ExportSpec spec() {
    return spec;
  }

  public JobRecord job() {
    return job;
  }

  /** Waits for the job and opens its rows; values come back aligned to {@code spec().metrics()}. */
  public ExportRows open() {
    Download download = openDownload();
    try {
      RowReader reader = spec.format() == ReportFormat.JSON
          ? new JsonRowReader(download.body(), spec.metrics(), spec.report().table())
          : new CsvRowReader(download.body(), spec.metrics(), spec.report().table());
      return new ExportRows(this, download, reader);
    } catch (IOException e) {
      download.close();
      throw downloadFailed(e);
    }
  }

  /** Waits for the job and opens its body as it comes off the wire. */
  public Download openDownload() {
    String url = awaitDownloadUrl();
    job.downloading();
    try {
      return runner.download(url);
    } catch (IOException e) {
      throw downloadFailed(e);
    }
  }

  private ExportException downloadFailed(IOException e) {
    fail(e);
    return new ExportException("download of export " + spec.describe() + " (" + job.ids()
        + ") failed: " + e.getMessage(), e);
  }

  private String awaitDownloadUrl() {
    while (true) {
      control.check();
      try {
        return downloadUrl.get(25, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // keep waiting; the loop re-checks cancel and deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancel();
        throw new ExportException("query interrupted");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        throw cause instanceof ExportException ee ? ee
            : new ExportException("export " + spec.describe() + " failed: " + cause, cause);
      } catch (RuntimeException e) {
        cancel();
        throw e;
      }
    }
  }

  /** Stops waiting for this job (its poller notices the shared cancel flag). */
  public void cancel() {
    downloadUrl.cancel(true);
    job.finished(JobRecord.State.CANCELLED, null);
  }

  void fail(Exception e) {
    job.finished(JobRecord.State.FAILED, e.getMessage());
  }

  void done(long bytes) {
    job.bytes(bytes);
    job.finished(JobRecord.State.DONE, null);
    LOG.info("export {} done: {} ({}) rows={} bytes={} ms={}", job.id(), spec.describe(),
        job.ids(), job.rows(), bytes, job.finishedAt() - job.createdAt());
  }

  void countRow() {
    job.addRow();
  }

  void checkControl() {
    control.check();
  }
}
