package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.export.cache.CopyLayout;
import io.khorosjdbc.driver.export.cache.CopyRecorder;
import io.khorosjdbc.driver.format.RowReader;

/**
 * How a query makes its rows from one export file: from the raw rows of its body, or from a typed
 * copy of it that an earlier query left in memory ({@link CopyRows}). Both give the same rows.
 */
public interface FileShaping {

  /** The typed columns the query reads from the file, and the settings that convert them. */
  CopyLayout copyLayout();

  /**
   * Shapes the raw rows (values aligned to the spec's metrics); when {@code recorder} is not null,
   * records in it every row's typed values as laid out by {@link #copyLayout()}, before the query's
   * filter drops any.
   */
  RowShaper overRaw(RowReader raw, CopyRecorder recorder);

  /** Shapes the rows of a typed copy. */
  RowShaper overCopy(CopyRows copy);
}
