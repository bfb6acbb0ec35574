package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.error.SqlState;
import io.khorosjdbc.driver.format.ColumnBatch;
import java.util.function.Consumer;

/**
 * An export's rows, read, parsed and shaped ({@link RowShaper}) ahead on a thread of their own
 * while the caller consumes the ones before: that work overlaps with the rest of the query instead
 * of alternating with it. At most {@value #WAITING} batches wait, so memory stays bounded whatever
 * the export's size.
 *
 * <p>A failure of the reading thread (a broken file that cannot be recovered, a value that does not
 * convert, a cancel, a timeout) is thrown by {@link #next()} after the rows read before it, exactly
 * as if it happened here. {@link #close()} stops the reading thread and its transfer at once (a
 * LIMIT, a closed result set). The caller's side is not thread-safe.
 */
public final class ReadAheadRows implements AutoCloseable {
  static final int WAITING = 4;
  private static final int FIRST_BATCH = 64; // the first rows reach the caller early
  private static final int BATCH = 1024;

  /** Rows read ahead; the last batch of the export has {@code last} set, or carries a failure. */
  private record Batch(ColumnBatch rows, boolean last, RuntimeException failure) {
    int count() {
      return rows == null ? 0 : rows.count();
    }
  }

  private static final Batch NONE = new Batch(null, false, null);
  private static final Batch END = new Batch(null, true, null);

  private final RunningExport export;
  private final RowSource rows;
  private final RowTest test;
  private final Consumer<ColumnBatch> taken;
  private final Handoff<Batch> ready = new Handoff<>(WAITING);

  private Batch current = NONE;
  private int index = -1;

  /**
   * @param test the query's own filter, checked on the caller's thread as it takes each row
   * @param taken sees each batch, every row of the file in it, as the caller takes it (on its
   *     thread)
   */
  ReadAheadRows(
      RunningExport export,
      RowSource rows,
      RowShaper shaper,
      RowTest test,
      String threadName,
      Consumer<ColumnBatch> taken) {
    this.export = export;
    this.rows = rows;
    this.test = test;
    this.taken = taken;
    Thread reader = new Thread(() -> readAhead(shaper), threadName);
    reader.setDaemon(true);
    reader.start();
  }

  private void readAhead(RowShaper shaper) {
    ColumnBatch batch = shaper.newBatch(FIRST_BATCH);
    try {
      while (!ready.closed()) {
        boolean more = shaper.fill(batch);
        ready.hand(new Batch(batch, !more, null));
        if (!more) {
          return;
        }
        batch = shaper.newBatch(BATCH);
      }
    } catch (RuntimeException e) {
      ready.hand(new Batch(batch, false, null));
      ready.hand(new Batch(null, true, e));
    } finally {
      rows.close();
    }
  }

  /** Advances to the next row the query keeps; false at the end of the export. */
  public boolean next() {
    do {
      if (!nextSlot()) {
        return false;
      }
    } while (!test.keeps(current.rows(), index));
    try {
      export.checkControl(); // a cancel or timeout stops the caller before rows read ahead
    } catch (ExportException stopped) {
      close();
      throw stopped;
    }
    return true;
  }

  /** Advances to the next row of the batches, kept by the filter or not. */
  private boolean nextSlot() {
    while (++index >= current.count()) {
      if (current.last()) {
        if (current != END) {
          current = END;
          export.keepCopy(); // the caller took every batch of the file
        }
        index = 0;
        return false;
      }
      try {
        HeapGuard.check(export.spec());
      } catch (ExportException nearlyFull) {
        close();
        throw nearlyFull;
      }
      current = take();
      index = -1;
      if (current.failure() != null) {
        RuntimeException failure = current.failure();
        current = END;
        throw failure;
      }
      if (current.rows() != null) {
        taken.accept(current.rows());
      }
    }
    return true;
  }

  /** The batch that holds the current row. */
  public ColumnBatch batch() {
    return current.rows();
  }

  /** The current row's number in {@link #batch()}. */
  public int row() {
    return index;
  }

  private Batch take() {
    try {
      return ready.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new ExportException(SqlState.CANCELLED, "interrupted while reading an export");
    }
  }

  /** Stops the reading thread and its transfer; rows read ahead are dropped. */
  @Override
  public void close() {
    if (!ready.closed()) {
      ready.close();
      rows.abandon();
    }
  }
}
