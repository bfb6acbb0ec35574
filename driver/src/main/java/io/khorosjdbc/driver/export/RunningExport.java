package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.ApiException;
import io.khorosjdbc.driver.api.Download;
import io.khorosjdbc.driver.api.ReportFormat;
import io.khorosjdbc.driver.api.RequestBudget;
import io.khorosjdbc.driver.export.cache.CopyRecorder;
import io.khorosjdbc.driver.export.cache.ExportCache;
import io.khorosjdbc.driver.export.cache.TenantCache;
import io.khorosjdbc.driver.export.cache.TypedCopy;
import io.khorosjdbc.driver.format.ColumnBatch;
import io.khorosjdbc.driver.format.CsvRowReader;
import io.khorosjdbc.driver.format.JsonRowReader;
import io.khorosjdbc.driver.format.MissingColumnsException;
import io.khorosjdbc.driver.format.RowReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One query's claim on an export: attached to the tenant's {@link ExportJob} for it, or served from
 * the export cache. {@link #open} waits for the job to be ready (a wait that the query's cancel,
 * timeout or close ends at once) and streams its body through a row reader; nothing is held in
 * memory. When the download link has expired, the export is created again (see {@link ExportRows}
 * for what happens when rows were already returned).
 */
public final class RunningExport {
  private static final Logger LOG = LoggerFactory.getLogger(RunningExport.class);

  /** How many times an export whose link expired is run again before the query fails. */
  private static final int MAX_REEXPORTS = 2;

  private static final Consumer<ColumnBatch> NOT_RECORDED = batch -> {};

  private final ExportSession session;
  private final ExportSpec spec;
  private final JobRecord record;
  private final QueryControl control;

  /** The cache entry this export is read from instead of a job, or null. */
  private final ExportCache.Entry cached;

  /** Copies the downloaded body into the cache, or null when caching is off (or a hit). */
  private final TenantCache.Fill cacheFill;

  /** The entry the downloaded body became in the cache, once read to its end. */
  private volatile ExportCache.Entry written;

  /** Records a typed copy of the rows as the query reads them, or null. */
  private CopyRecorder recorder;

  private volatile ExportJob job;

  RunningExport(
      ExportSession session,
      ExportSpec spec,
      JobRecord record,
      QueryControl control,
      TenantCache.Fill cacheFill) {
    this(session, spec, record, control, null, cacheFill);
  }

  private RunningExport(
      ExportSession session,
      ExportSpec spec,
      JobRecord record,
      QueryControl control,
      ExportCache.Entry cached,
      TenantCache.Fill cacheFill) {
    this.session = session;
    this.spec = spec;
    this.record = record;
    this.control = control;
    this.cached = cached;
    this.cacheFill = cacheFill;
  }

  static RunningExport fromCache(
      ExportSession session,
      ExportSpec spec,
      JobRecord record,
      QueryControl control,
      ExportCache.Entry entry) {
    record.servedFromCache();
    return new RunningExport(session, spec, record, control, entry, null);
  }

  public ExportSpec spec() {
    return spec;
  }

  public JobRecord job() {
    return record;
  }

  /** Called by the scheduler, under its lock, when this export joins a job. */
  void attached(ExportJob job, JobRecord.Origin origin) {
    this.job = job;
    record.attached(job, origin);
  }

  RequestBudget.Priority priority() {
    return control.priority();
  }

  /**
   * Opens the export's rows, read ahead on a thread of their own and shaped there by {@code
   * shaping}: from a typed copy when the export cache keeps one with the query's columns, else from
   * the body (waiting for the job first), recording a typed copy as they are read when the cache
   * keeps copies.
   */
  public ReadAheadRows open(FileShaping shaping) {
    String thread = "khoros-read " + spec.report().table();
    Optional<TenantCache> cache = session.cache();
    Optional<TypedCopy> copy =
        cached == null
            ? Optional.empty()
            : cache.flatMap(c -> c.findCopy(cached, shaping.copyLayout()));
    if (copy.isPresent()) {
      record.downloading();
      CopyRows rows = new CopyRows(this, copy.get(), cached.bytes());
      return new ReadAheadRows(
          this, rows, shaping.overCopy(rows), shaping.rowTest(), thread, NOT_RECORDED);
    }
    boolean cacheable = cached != null || cacheFill != null;
    CopyRecorder recording =
        cacheable ? cache.flatMap(c -> c.recorder(shaping.copyLayout())).orElse(null) : null;
    recorder = recording;
    ExportRows rows = new ExportRows(this);
    RowShaper shaper;
    try {
      shaper = shaping.overRaw(rows);
    } catch (RuntimeException e) {
      rows.close();
      throw e;
    }
    // The caller's thread records: the parser's is the one that bounds a scan.
    int[] fields = shaping.copyFields();
    Consumer<ColumnBatch> taken =
        recording == null ? NOT_RECORDED : batch -> recording.recordAll(batch, fields);
    return new ReadAheadRows(this, rows, shaper, shaping.rowTest(), thread, taken);
  }

  /**
   * The caller took every batch of the body, so every row was recorded: keeps the typed copy, for
   * the entry the rows were read from or written to.
   */
  void keepCopy() {
    ExportCache.Entry entry = cached != null ? cached : written;
    if (recorder != null && entry != null) {
      session.cache().ifPresent(cache -> cache.keep(entry, recorder));
    }
    recorder = null;
  }

  /** The download's body, copied into the export cache as it is read when caching is on. */
  InputStream filling(InputStream download) {
    return cacheFill == null ? download : cacheFill.copying(download);
  }

  /** A row reader over a download's body, in the export's format. */
  RowReader reader(InputStream body) throws IOException {
    return spec.format() == ReportFormat.JSON
        ? new JsonRowReader(body, spec.metrics(), spec.report().table())
        : new CsvRowReader(body, spec.metrics(), spec.report().table());
  }

  /**
   * Waits for the job and opens its body as it comes off the wire. An expired link runs the export
   * again; other failures are {@link ExportException}s naming the export and job.
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
    if (cached != null) {
      record.downloading();
      return Download.ofFile(cached.body());
    }
    for (int reexports = 0; ; reexports++) {
      String url;
      try {
        url = awaitDownloadUrl();
      } catch (JobGoneException e) {
        if (reexports >= MAX_REEXPORTS) {
          throw e;
        }
        renew(e.getMessage());
        continue;
      }
      record.downloading();
      try {
        return session.scheduler().client().download(url, control.calls());
      } catch (ApiException e) {
        control.check();
        boolean gone = e.isLinkExpired() || e.httpStatus() == 404;
        if (!gone || reexports >= MAX_REEXPORTS) {
          throw e;
        }
        renew("the download link of " + record.ids() + " is gone (HTTP " + e.httpStatus() + ")");
      } catch (IOException e) {
        control.check(); // a call cancelled by cancel, timeout or close: report that instead
        throw e;
      }
    }
  }

  /** Leaves a job that can no longer give its file and attaches to a new one for the export. */
  private void renew(String why) {
    LOG.info("export {}: {}; running the export again", record.id(), why);
    ExportJob old = job;
    session.scheduler().gone(old, why);
    session.scheduler().detach(this, old);
    session.scheduler().attach(this, session.request(spec), session.settings());
  }

  /**
   * The tenant's file lacks columns the table promised: the table is corrected (the next query sees
   * it without them) and this query fails, naming them and what the tenant sent.
   */
  ExportException columnsMissing(MissingColumnsException e) {
    String table = spec.report().table();
    String message =
        "table "
            + table
            + ": your tenant's export has no column "
            + String.join(", ", e.missing())
            + "; it sent "
            + e.header()
            + ". The table no longer "
            + "lists "
            + (e.missing().size() == 1 ? "it" : "them")
            + ": run the query again "
            + "without "
            + (e.missing().size() == 1 ? "it" : "them")
            + " (khoros_meta.columns shows "
            + "the table's columns; a schemaFile pins them)";
    record.finished(JobRecord.State.FAILED, message);
    discardCacheCopy();
    session.columnFeedback().columnsMissing(spec.report(), e.missing());
    return new ExportException(message, e);
  }

  ExportException downloadFailed(IOException e) {
    String message =
        "download of export "
            + spec.describe()
            + " ("
            + record.ids()
            + ") failed: "
            + e.getMessage();
    record.finished(JobRecord.State.FAILED, message);
    return new ExportException(message, e);
  }

  private String awaitDownloadUrl() {
    ExportJob current = job;
    try {
      return control.await(current.ready());
    } catch (JobGoneException e) {
      throw e;
    } catch (ExportException e) {
      if (e.getCause() instanceof ApiException api && refusesAColumn(api)) {
        // A column the catalog promised and the tenant lacks: learn the tenant's columns.
        session.columnFeedback().columnsRejected(spec.report());
      }
      boolean stopped = control.shouldStop();
      record.finished(stopped ? JobRecord.State.CANCELLED : JobRecord.State.FAILED, e.getMessage());
      session.scheduler().detach(this, current);
      discardCacheCopy();
      throw e;
    }
  }

  /** A 400 whose words name {@code reportMetrics} or one of the requested columns. */
  private boolean refusesAColumn(ApiException e) {
    String words = e.serverMessage();
    return e.httpStatus() == 400
        && words != null
        && (words.contains("reportMetrics") || spec.metrics().stream().anyMatch(words::contains));
  }

  /** This query no longer needs the export (a scan closed early, or the query stopped). */
  public void cancel() {
    ExportJob current = job;
    if (current != null) {
      session.scheduler().detach(this, current);
    }
    record.finished(JobRecord.State.CANCELLED, null);
    discardCacheCopy();
  }

  void fail(Exception e) {
    record.finished(JobRecord.State.FAILED, e.getMessage());
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
      written = cacheFill.commit().orElse(null);
    }
    ExportJob current = job;
    if (current != null) {
      session.scheduler().detach(this, current);
    }
    record.bytes(bytes);
    record.finished(JobRecord.State.DONE, null);
    LOG.info(
        "export {} done: {} ({}) rows={} bytes={} ms={}",
        record.id(),
        spec.describe(),
        record.ids(),
        record.rows(),
        bytes,
        record.finishedAt() - record.createdAt());
  }

  void countRow() {
    record.addRow();
  }

  void countRows(long count) {
    record.addRows(count);
  }

  void checkControl() {
    control.check();
  }

  /**
   * Throws when the query was cancelled, timed out or closed, recording this export as cancelled:
   * for the reading side, between rows.
   */
  void checkStillWanted() {
    try {
      control.check();
    } catch (ExportException stopped) {
      record.finished(JobRecord.State.CANCELLED, stopped.getMessage());
      throw stopped;
    }
  }

  /** The error of a read its caller stopped (a LIMIT, a closed result set). */
  ExportException readingStopped() {
    return new ExportException("reading export " + spec.describe() + " was stopped");
  }

  QueryControl control() {
    return control;
  }

  ExportSettings settings() {
    return session.settings();
  }
}
