package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.error.SqlState;
import io.khorosjdbc.driver.format.RowReader;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An export's rows, read and parsed ahead on a thread of their own while the caller converts and
 * consumes the ones before: parsing overlaps with the rest of the query instead of alternating with
 * it. At most {@value #WAITING} batches wait, so memory stays bounded whatever the export's size.
 *
 * <p>A failure of the reading thread (a broken file that cannot be recovered, a cancel, a timeout)
 * is thrown by {@link #next()} after the rows read before it, exactly as if it were read here.
 * {@link #close()} stops the reading thread and its transfer at once (a LIMIT, a closed result
 * set). Not thread-safe on the caller's side, like every {@link RowReader}.
 */
public final class ReadAheadRows implements RowReader {
  static final int WAITING = 4;
  private static final int FIRST_BATCH = 64; // the first rows reach the caller early
  private static final int BATCH = 1024;

  /** Rows read ahead; the last batch of the export has {@code last} set, or carries a failure. */
  private record Batch(String[] values, int rows, boolean last, RuntimeException failure) {}

  private final RunningExport export;
  private final ExportRows rows;
  private final int width;
  private final BlockingQueue<Batch> ready = new ArrayBlockingQueue<>(WAITING);
  private volatile boolean closed;

  private Batch current = new Batch(new String[0], 0, false, null);
  private int index = -1;
  private long rowNumber;

  ReadAheadRows(RunningExport export, ExportRows rows, int width, String threadName) {
    this.export = export;
    this.rows = rows;
    this.width = width;
    Thread reader = new Thread(this::readAhead, threadName);
    reader.setDaemon(true);
    reader.start();
  }

  private void readAhead() {
    String[] values = new String[FIRST_BATCH * width];
    int count = 0;
    try {
      while (!closed) {
        boolean more = rows.next();
        if (more) {
          for (int i = 0; i < width; i++) {
            values[count * width + i] = rows.value(i);
          }
          count++;
        }
        if (!more || count * width == values.length) {
          hand(new Batch(values, count, !more, null));
          if (!more) {
            return;
          }
          values = new String[BATCH * width];
          count = 0;
        }
      }
    } catch (RuntimeException e) {
      hand(new Batch(values, count, false, null));
      hand(new Batch(new String[0], 0, true, e));
    } finally {
      rows.close();
    }
  }

  /** Waits for room; gives up when the caller closed (it will never take the batch). */
  private void hand(Batch batch) {
    try {
      while (!closed && !ready.offer(batch, 50, TimeUnit.MILLISECONDS)) {
        // the caller is busy with earlier rows
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean next() {
    while (++index >= current.rows()) {
      if (current.last()) {
        index = current.rows();
        return false;
      }
      try {
        HeapGuard.check(export.spec().describe());
      } catch (ExportException nearlyFull) {
        close();
        throw nearlyFull;
      }
      current = take();
      index = -1;
      if (current.failure() != null) {
        RuntimeException failure = current.failure();
        current = new Batch(new String[0], 0, true, null);
        throw failure;
      }
    }
    try {
      export.checkControl(); // a cancel or timeout stops the caller before rows read ahead
    } catch (ExportException stopped) {
      close();
      throw stopped;
    }
    rowNumber++;
    return true;
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

  @Override
  public String get(int i) {
    return current.values()[index * width + i];
  }

  @Override
  public long rowNumber() {
    return rowNumber;
  }

  /** Stops the reading thread and its transfer; rows read ahead are dropped. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      rows.abandon();
      ready.clear();
    }
  }
}
