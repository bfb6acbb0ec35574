package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.ApiException;
import io.khorosjdbc.driver.api.Download;
import io.khorosjdbc.driver.api.ReportFormat;
import io.khorosjdbc.driver.format.CsvRowReader;
import io.khorosjdbc.driver.format.JsonRowReader;
import io.khorosjdbc.driver.format.RowReader;
import io.khorosjdbc.driver.export.cache.TenantCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job that has been started. {@link #open} waits for it to be ready (noticing cancel and
 * timeout while it waits) and streams its body through a row reader; nothing is held in memory.
 * When the download link has expired, the same export is run again (see {@link ExportRows} for
 * what happens when rows were already returned).
 */
public final class RunningExport {
  private static final Logger LOG = LoggerFactory.getLogger(RunningExport.class);
  /** How many times an export whose link expired is run again before the query fails. */
  private static final int MAX_REEXPORTS = 2;

  private final ExportRunner runner;
  private final ExportSpec spec;
  private final JobRecord job;
  private final CompletableFuture<String> downloadUrl;
  private final QueryControl control;
  private volatile String freshUrl;
  /** The cached body this export is read from instead of a job, or null. */
  private final Path cachedBody;
  /** Copies the downloaded body into the cache, or null when caching is off (or a hit). */
  private final TenantCache.Fill cacheFill;

  RunningExport(ExportRunner runner, ExportSpec spec, JobRecord job,
      CompletableFuture<String> downloadUrl, QueryControl control, Path cachedBody,
      TenantCache.Fill cacheFill) {
    this.cachedBody = cachedBody;
    this.cacheFill = cacheFill;
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
    return new ExportRows(this);
  }

  /** A row reader over a download's body, in the export's format. */
  RowReader reader(Download download) throws IOException {
    InputStream body = cacheFill == null ? download.body() : cacheFill.copying(download.body());
    return spec.format() == ReportFormat.JSON
        ? new JsonRowReader(body, spec.metrics(), spec.report().table())
        : new CsvRowReader(body, spec.metrics(), spec.report().table());
  }

  /**
   * Waits for the job and opens its body as it comes off the wire. An expired link runs the
   * export again; other failures are {@link ExportException}s naming the export and job.
   */
  public Download openDownload() {
    try {
      return openDownloadOrFail();
    } catch (IOException e) {
      throw downloadFailed(e);
    }
  }

  /** Like {@link #openDownload()}, but leaves I/O failures to the caller (to retry them). */
  Download openDownloadOrFail() throws IOException {
    if (cachedBody != null) {
      job.downloading();
      return Download.ofFile(cachedBody);
    }
    String url = awaitDownloadUrl();
    job.downloading();
    for (int reexports = 0; ; reexports++) {
      try {
        return runner.download(url, control);
      } catch (ApiException e) {
        control.check();
        if (!e.isLinkExpired() || reexports >= MAX_REEXPORTS) {
          throw e;
        }
        url = runner.exportAgain(spec, job, control);
        freshUrl = url;
        job.downloading();
      } catch (IOException e) {
        control.check(); // a call cancelled by cancel, timeout or close: report that instead
        throw e;
      }
    }
  }

  ExportException downloadFailed(IOException e) {
    String message = "download of export " + spec.describe() + " (" + job.ids() + ") failed: "
        + e.getMessage();
    job.finished(JobRecord.State.FAILED, message);
    return new ExportException(message, e);
  }

  private String awaitDownloadUrl() {
    String fresh = freshUrl;
    if (fresh != null) {
      return fresh;
    }
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
    discardCacheCopy();
  }

  void fail(Exception e) {
    job.finished(JobRecord.State.FAILED, e.getMessage());
    discardCacheCopy();
  }

  /** An unfinished read (a failure, or a scan closed early) leaves nothing in the cache. */
  void discardCacheCopy() {
    if (cacheFill != null) {
      cacheFill.discard();
    }
  }

  void done(long bytes) {
    if (cacheFill != null) {
      cacheFill.commit();
    }
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

  QueryControl control() {
    return control;
  }

  ExportSettings settings() {
    return runner.settings();
  }
}
