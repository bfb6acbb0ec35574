package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.ApiException;
import io.khorosjdbc.driver.api.Download;
import io.khorosjdbc.driver.api.RetryPolicy;
import io.khorosjdbc.driver.format.MissingColumnsException;
import io.khorosjdbc.driver.format.RowReader;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of one export as they stream off the wire. A failure mid-stream never becomes a shorter
 * result: every row checks the query's cancel flag and deadline, and a body that breaks off or does
 * not parse is fetched again from the download URL (a fresh redirect each time).
 *
 * <p>Rows may already have been handed to the caller when the body breaks. The fresh copy is then
 * read from its start and its bytes are compared with those read before ({@link ByteFingerprint});
 * the rows already returned are skipped. Only if the fresh copy starts with exactly the same bytes
 * does reading go on after them; otherwise the query fails, because continuing could duplicate,
 * drop or mix rows. The same holds when an expired link made the driver run the export again.
 *
 * <p>Budget: a transfer that broke (reset, timeout, short body) is fetched again up to {@code
 * maxRetries} times; a body that arrived whole but is malformed once, since the same file will most
 * likely be malformed again.
 */
public final class ExportRows implements RowReader, RowSource {
  private static final Logger LOG = LoggerFactory.getLogger(ExportRows.class);
  private static final int CONTENT_RETRIES = 1;

  private final RunningExport export;
  private final RetryPolicy retry;
  private final ByteFingerprint bytesRead = new ByteFingerprint();
  private volatile Download download;
  private volatile boolean abandoned;
  private RowReader reader;
  private long delivered;
  private int transportFailures;
  private int contentFailures;
  private boolean finished;

  ExportRows(RunningExport export) {
    this.export = export;
    this.retry = export.settings().retry();
    while (!opened()) {
      // opened() either opens the body, or waits to try again, or throws
    }
  }

  /** Advances to the next row; false at the end of the export. */
  @Override
  public boolean next() {
    if (abandoned) {
      throw export.readingStopped();
    }
    try {
      export.checkStillWanted();
    } catch (ExportException stopped) {
      close();
      throw stopped;
    }
    while (true) {
      try {
        if (reader.next()) {
          delivered++;
          export.countRow();
          return true;
        }
        break;
      } catch (IOException e) {
        recover(e);
        while (!opened()) {
          // reopened at the row after the last one delivered, or waiting to try again
        }
      } catch (RuntimeException e) {
        throw failed(e);
      }
    }
    if (!finished) {
      finished = true;
      export.done(download.bytesRead());
    }
    return false;
  }

  /** The raw value of metric {@code index} in the current row (null when empty). */
  @Override
  public String get(int index) {
    return reader.get(index);
  }

  @Override
  public long rowNumber() {
    return delivered;
  }

  /**
   * Opens the body (again) and positions it after the rows already delivered. Returns false after a
   * failure that may be retried (having waited); throws when it may not.
   */
  private boolean opened() {
    download = null;
    reader = null;
    try {
      download = export.openDownloadOrFail();
      if (abandoned) {
        throw export.readingStopped();
      }
      // the transfer thread also writes the cache's copy: disk writes stay off the parser's thread
      InputStream body =
          new TransferAhead(
              export.filling(download.body()),
              "khoros-read-transfer " + export.spec().report().table());
      reader = export.reader(bytesRead.follow(body));
      skipDelivered();
      return true;
    } catch (MissingColumnsException e) {
      close();
      throw export.columnsMissing(e);
    } catch (IOException e) {
      recover(e);
      return false;
    } catch (ExportException e) {
      close();
      if (export.control().shouldStop()) {
        export.job().finished(JobRecord.State.CANCELLED, e.getMessage());
      }
      throw e;
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /** Decides whether a failure may be retried; if so waits, if not fails the query. */
  private void recover(IOException e) {
    close();
    if (abandoned) {
      throw export.readingStopped(); // the failure is the closed body itself
    }
    export.checkStillWanted(); // cancelled calls fail with "Canceled": report the cancel instead
    boolean retryable = !(e instanceof ApiException api && !api.isRetryable());
    // No body yet (the redirect or file request failed) or a body cut short: the transfer broke.
    boolean transport = e instanceof ApiException || download == null || download.brokenInTransit();
    int attempt = transport ? transportFailures++ : contentFailures++;
    int budget = transport ? retry.maxRetries() : Math.min(CONTENT_RETRIES, retry.maxRetries());
    if (!retryable || attempt >= budget) {
      throw failed(e);
    }
    long wait = retry.backoffMillis(attempt);
    LOG.info(
        "export {}: {} after {} row(s) ({}); fetching it again from the download URL in {} ms",
        export.job().id(),
        transport ? "the download broke off" : "the file did not parse",
        delivered,
        e.getMessage(),
        wait);
    download = null;
    reader = null;
    try {
      export.control().pause(wait);
    } catch (ExportException stopped) {
      export.job().finished(JobRecord.State.CANCELLED, stopped.getMessage());
      throw stopped;
    }
  }

  /**
   * Reads past the rows already returned. The copy's bytes already read before are compared as they
   * are read ({@link ByteFingerprint}), so these rows are the ones returned.
   */
  private void skipDelivered() throws IOException {
    for (long i = 0; i < delivered; i++) {
      if (!reader.next()) {
        throw new ExportException(
            inconsistent(
                "the file fetched again has only "
                    + i
                    + " row(s), but "
                    + delivered
                    + " were already returned"));
      }
    }
    if (delivered > 0) {
      LOG.info(
          "export {}: the file fetched again repeats the {} row(s) already returned; "
              + "continuing after them",
          export.job().id(),
          delivered);
    }
  }

  private String inconsistent(String what) {
    String message =
        "reading export "
            + export.spec().describe()
            + " ("
            + export.job().ids()
            + ") broke off after "
            + delivered
            + " row(s) and "
            + what
            + "; the query fails rather "
            + "than return duplicated or missing rows. Run it again";
    export.fail(new IOException(message));
    return message;
  }

  private ExportException failed(Exception e) {
    close();
    if (abandoned) {
      return export.readingStopped(); // the caller stopped the reading: its own doing
    }
    if (e instanceof ExportException ee) {
      return ee;
    }
    if (e instanceof ByteFingerprint.CopyDiffers differs) {
      return new ExportException(inconsistent(differs.getMessage()), differs);
    }
    export.fail(e);
    return new ExportException(
        "reading export "
            + export.spec().describe()
            + " ("
            + export.job().ids()
            + ") failed at row "
            + (delivered + 1)
            + ": "
            + e.getMessage(),
        e);
  }

  /**
   * Stops the reading from another thread: cancels the transfer, so a read blocked on the network
   * returns at once, and makes the reading thread's next step end it quietly (no retry, and the
   * export is not marked failed). For a caller that closed its result early.
   */
  @Override
  public void abandon() {
    abandoned = true;
    Download current = download;
    if (current != null) {
      current.cancel();
    }
  }

  @Override
  public void close() {
    if (!finished) {
      export.discardCacheCopy();
    }
    try {
      if (reader != null) {
        reader.close();
      }
    } catch (IOException ignored) {
      // closing a half-read body can fail; the socket is released either way
    } finally {
      if (download != null) {
        download.close();
      }
    }
  }
}
