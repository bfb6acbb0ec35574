package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.Download;
import io.khorosjdbc.driver.format.RowReader;
import java.io.IOException;

/**
 * The rows of one export as they stream off the wire. A failure mid-stream is an error (never a
 * shorter result), and every row checks the query's cancel flag and deadline.
 */
public final class ExportRows implements AutoCloseable {
  private final RunningExport export;
  private final Download download;
  private final RowReader reader;
  private boolean finished;

  ExportRows(RunningExport export, Download download, RowReader reader) {
    this.export = export;
    this.download = download;
    this.reader = reader;
  }

  /** Advances to the next row; false at the end of the export. */
  public boolean next() {
    export.checkControl();
    try {
      if (reader.next()) {
        export.countRow();
        return true;
      }
    } catch (IOException | RuntimeException e) {
      export.fail(e);
      close();
      throw new ExportException("reading export " + export.spec().describe() + " ("
          + export.job().ids() + ") failed at row " + (reader.rowNumber() + 1) + ": "
          + e.getMessage(), e);
    }
    if (!finished) {
      finished = true;
      export.done(download.bytesRead());
    }
    return false;
  }

  /** The raw value of metric {@code index} in the current row (null when empty). */
  public String value(int index) {
    return reader.get(index);
  }

  public long rowNumber() {
    return reader.rowNumber();
  }

  public RunningExport export() {
    return export;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException ignored) {
      // closing a half-read body can fail; the socket is released either way
    } finally {
      download.close();
    }
  }
}
