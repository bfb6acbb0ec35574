package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.export.RowShaper;
import io.khorosjdbc.driver.format.ColumnBatch;

/**
 * One export file as a scan reads it, on the file's reading thread ({@link RowShaper}): its rows
 * laid out as the scan's rows by the scan's {@link RowAssembler}, with this file's pseudo-column
 * values and the scan's filter. Where the rows come from is the subclass's: the body's raw rows
 * ({@link ExportFile}) or a typed copy of them ({@link CopiedFile}).
 */
abstract class ShapedFile implements RowShaper {
  private final boolean keepDropped;
  private final Object[] constants;
  private final RowFilter.Check check;
  final RowAssembler assembler;

  /**
   * @param keepDropped whether rows the filter drops stay in the batches, marked, for a recorder
   * @param constants per output field of the scan, a pseudo-column's value in this file
   * @param check the scan's filter for this file's reading thread, or null
   */
  ShapedFile(
      boolean keepDropped, Object[] constants, RowFilter.Check check, RowAssembler assembler) {
    this.keepDropped = keepDropped;
    this.constants = constants;
    this.check = check;
    this.assembler = assembler;
  }

  @Override
  public ColumnBatch newBatch(int capacity) {
    return assembler.newBatch(capacity);
  }

  @Override
  public boolean fill(ColumnBatch batch) {
    while (!batch.full()) {
      if (!next()) {
        return false;
      }
      if (assemble(batch)) {
        batch.endRow();
      } else if (keepDropped) {
        batch.endDroppedRow();
      }
    }
    return true;
  }

  /** Advances to the file's next row; false at its end. */
  abstract boolean next();

  /** Sets the row {@code batch} is filling from the current row; false when the filter drops it. */
  abstract boolean assemble(ColumnBatch batch);

  Object constant(int field) {
    return constants[field];
  }

  RowFilter.Check check() {
    return check;
  }
}
