package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.format.ColumnBatch;

/**
 * What the reading thread makes of an export's rows before it hands them over: format detection,
 * typed conversion and the caller's row layout, in batches, so that this work overlaps with the
 * caller's too. Made for one export file, over its raw rows; used by that file's reading thread
 * only.
 */
public interface RowShaper {

  /** An empty batch of the caller's row layout, for up to {@code capacity} rows. */
  ColumnBatch newBatch(int capacity);

  /**
   * Adds the next rows of the file to {@code batch} until it is full; false when the file has ended
   * (the batch may hold its last rows). Failures are unchecked, and a row that fails takes no place
   * in the batch.
   */
  boolean fill(ColumnBatch batch);
}
