package io.khorosjdbc.driver.export;

/**
 * What the reading thread makes of an export's rows before it hands them over: format detection,
 * typed conversion and the caller's row layout, so that this work overlaps with the caller's too.
 * Made for one export file, over its raw rows; used by that file's reading thread only.
 *
 * @param <T> one shaped row
 */
public interface RowShaper<T> {

  /** Advances to the next row; false at the end of the file. Failures are unchecked. */
  boolean next();

  /** The current row, shaped. */
  T current();
}
