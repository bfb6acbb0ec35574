package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.export.RowShaper;
import io.khorosjdbc.driver.format.ColumnBatch;

/**
 * One export file as a scan reads it, on the file's reading thread ({@link RowShaper}): its rows
 * laid out as the scan's rows by the scan's {@link RowAssembler}, with this file's pseudo-column
 * values; every row, since the scan's filter runs on the caller's thread ({@link
 * RowAssembler#shaping}). Where the rows come from is the subclass's: the body's raw rows ({@link
 * ExportFile}) or a typed copy of them ({@link CopiedFile}).
 */
abstract class ShapedFile implements RowShaper {
  private final Object[] constants;
  final RowAssembler assembler;

  /**
   * @param constants per output field of the scan, a pseudo-column's value in this file
   */
  ShapedFile(Object[] constants, RowAssembler assembler) {
    this.constants = constants;
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
      assemble(batch);
      batch.endRow();
    }
    return true;
  }

  /** Advances to the file's next row; false at its end. */
  abstract boolean next();

  /** Sets the row {@code batch} is filling from the current row. */
  abstract void assemble(ColumnBatch batch);

  Object constant(int field) {
    return constants[field];
  }
}
