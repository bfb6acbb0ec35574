package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.export.cache.CopyLayout;
import io.khorosjdbc.driver.format.RowReader;

/**
 * How a query makes its rows from one export file: from the raw rows of its body, or from a typed
 * copy of it that an earlier query left in memory ({@link CopyRows}). Both give the same rows.
 */
public interface FileShaping {

  /** The typed columns the query reads from the file, and the settings that convert them. */
  CopyLayout copyLayout();

  /** Per column of {@link #copyLayout()}: the field of the shaped batches that holds it. */
  int[] copyFields();

  /**
   * Shapes the raw rows (values aligned to the spec's metrics), every one of them: the query's own
   * filter is {@link #rowTest()}'s, so that a recorder sees every row of the file.
   */
  RowShaper overRaw(RowReader raw);

  /** Shapes the rows of a typed copy. */
  RowShaper overCopy(CopyRows copy);

  /** The query's own filter over the shaped rows, for the caller's thread. */
  RowTest rowTest();
}
