package io.khorosjdbc.driver.format;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams the rows of an export file, one at a time, as strings aligned to the column list the
 * reader was created with.
 *
 * <p>An empty value is reported as {@code null}, the same as an absent one: a CSV export cannot
 * tell the two apart, so both formats treat them alike and a query gives the same answer whatever
 * format was requested.
 */
public interface RowReader extends Closeable {

  /** Moves to the next row; {@code false} at the end of the file. */
  boolean next() throws IOException;

  /** The current row's value for column {@code i} of the requested columns, or {@code null}. */
  String get(int i);

  /** 1-based number of the current data row (the header is not counted); 0 before the first. */
  long rowNumber();
}
