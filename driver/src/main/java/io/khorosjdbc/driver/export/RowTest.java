package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.format.ColumnBatch;

/**
 * The query's own WHERE over the rows of shaped batches, checked on the caller's thread as it takes
 * each row. The reading thread, which bounds a scan, parses, converts and lays out every row; the
 * caller's thread, which mostly waits for it, tests them. One per file being read; not thread-safe.
 */
@FunctionalInterface
public interface RowTest {

  /** Keeps every row: a query without a WHERE of its own. */
  RowTest ALL = (batch, row) -> true;

  /** Keeps no row: a WHERE that no row of the file can pass. */
  RowTest NONE = (batch, row) -> false;

  /** Whether the query keeps row {@code row} of {@code batch}. */
  boolean keeps(ColumnBatch batch, int row);
}
