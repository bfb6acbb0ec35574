package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.export.CopyRows;
import io.khorosjdbc.driver.format.ColumnBatch;

/**
 * An export file read from a typed copy that an earlier query of it left (see {@link CopyRows}):
 * its values are copied as they are, with no parsing or conversion.
 */
final class CopiedFile extends ShapedFile {
  private final CopyRows rows;

  /** Per output field of the scan: the copy's field that holds it, or -1 for a pseudo-column. */
  private final int[] sourceFields;

  CopiedFile(CopyRows rows, int[] sourceFields, Object[] constants, RowAssembler assembler) {
    super(constants, assembler);
    this.rows = rows;
    this.sourceFields = sourceFields;
  }

  @Override
  boolean next() {
    return rows.next();
  }

  @Override
  void assemble(ColumnBatch batch) {
    assembler.assemble(this, batch);
  }

  /** Sets field {@code field} of the row {@code batch} is filling from the current row. */
  void copyInto(ColumnBatch batch, int field) {
    rows.batch().copyInto(batch, field, sourceFields[field], rows.row());
  }
}
