package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.export.cache.CopyBatch;
import io.khorosjdbc.driver.export.cache.CopyLayout;
import io.khorosjdbc.driver.export.cache.TypedCopy;
import java.util.List;

/**
 * The rows of a cached export read from its typed copy instead of its body: nothing to parse or
 * convert. Like {@link ExportRows} it stops at the query's cancel or timeout, and records the
 * export as done after its last row.
 */
public final class CopyRows implements RowSource {
  private final RunningExport export;
  private final TypedCopy copy;
  private final long bodyBytes;
  private final List<CopyBatch> batches;
  private int nextBatch;
  private CopyBatch batch;
  private int row;
  private volatile boolean abandoned;
  private boolean finished;

  CopyRows(RunningExport export, TypedCopy copy, long bodyBytes) {
    this.export = export;
    this.copy = copy;
    this.bodyBytes = bodyBytes;
    this.batches = copy.batches();
  }

  public CopyLayout layout() {
    return copy.layout();
  }

  /** Advances to the next row; false after the last one. */
  public boolean next() {
    while (batch == null || row + 1 >= batch.count()) {
      if (!nextBatch()) {
        return false;
      }
    }
    row++;
    return true;
  }

  /** The copy's batch that holds the current row. */
  public CopyBatch batch() {
    return batch;
  }

  /** The current row's number in {@link #batch()}. */
  public int row() {
    return row;
  }

  private boolean nextBatch() {
    if (abandoned) {
      throw export.readingStopped();
    }
    export.checkStillWanted();
    if (nextBatch == batches.size()) {
      if (!finished) {
        finished = true;
        export.done(bodyBytes);
      }
      return false;
    }
    batch = batches.get(nextBatch++);
    row = -1;
    export.countRows(batch.count());
    return true;
  }

  @Override
  public void abandon() {
    abandoned = true;
  }

  @Override
  public void close() {
    // holds nothing: the copy stays for the next query
  }
}
