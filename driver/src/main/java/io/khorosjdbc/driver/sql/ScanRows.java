package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.format.ColumnBatch;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/**
 * A scan's rows as the iterator JDBC reads a query's result through, when the plan is that scan and
 * nothing else ({@code SELECT} columns {@code FROM} a table {@code WHERE} what the scan pushes). A
 * result set can then read each value from the scan's {@link ColumnBatch} ({@link #advance()},
 * {@link #batch()}, {@link #row()}) instead of from Calcite's rows of objects: numbers are boxed,
 * and timestamps made, only for the values asked for, on the thread that asks.
 *
 * <p>Avatica asks for the iterator while the statement executes, deep inside Calcite; {@link
 * #readableByColumn} and {@link #capture} let the result set see that it is one. Used as an {@link
 * Iterator} it behaves like Calcite's own over the scan's enumerator; a reader uses either that or
 * {@link #advance()}, not both.
 */
public final class ScanRows implements Iterator<Object>, AutoCloseable {
  private static final ThreadReports<ScanRows> MADE = new ThreadReports<>();

  private final ScanEnumerator rows;
  private final ColumnBatch.Kind[] kinds;
  private boolean pending; // the first row was read when the iterator was made, as Calcite's is
  private boolean fresh = true;

  ScanRows(ScanEnumerator rows, ColumnBatch.Kind[] kinds) {
    this.rows = rows;
    this.kinds = kinds;
    this.pending = rows.moveNext();
  }

  /**
   * The iterable a statement's result is read through, as Calcite made it; when it is a scan's rows
   * (the plan is that scan alone), its iterator is a {@code ScanRows}, which {@link #capture}
   * reports.
   */
  public static Iterable<Object> readableByColumn(Iterable<Object> result) {
    if (!(result instanceof KhorosScan.Rows scan)) {
      return result;
    }
    return () -> {
      ScanRows rows = scan.byColumn();
      MADE.report(rows);
      return rows;
    };
  }

  /**
   * The result of {@code execution} and the iterator over a scan's rows its result is read through,
   * if it has one ({@link #readableByColumn}).
   */
  public record Captured<T>(T result, ScanRows rows) {}

  public static <T> Captured<T> capture(Callable<T> execution) throws Exception {
    ThreadReports.Collected<T, ScanRows> run = MADE.collect(execution);
    List<ScanRows> made = run.items();
    return new Captured<>(run.result(), made.size() == 1 ? made.get(0) : null);
  }

  /** How the batches keep each field: the same for every batch of the scan. */
  public ColumnBatch.Kind kind(int field) {
    return kinds[field];
  }

  public int fields() {
    return kinds.length;
  }

  /** Moves to the next row; false at the end of the scan. */
  public boolean advance() {
    if (fresh) {
      fresh = false;
      return pending;
    }
    return rows.moveNext();
  }

  /** The batch that holds the current row. */
  public ColumnBatch batch() {
    return rows.batch();
  }

  /** The current row's number in {@link #batch()}. */
  public int row() {
    return rows.row();
  }

  @Override
  public boolean hasNext() {
    return pending;
  }

  @Override
  public Object next() {
    if (!pending) {
      throw new NoSuchElementException();
    }
    fresh = false;
    Object current = rows.current();
    pending = rows.moveNext();
    return current;
  }

  @Override
  public void close() {
    rows.close();
  }
}
