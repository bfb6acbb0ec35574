package io.khorosjdbc.driver.jdbc;

import io.khorosjdbc.driver.format.ColumnBatch;
import io.khorosjdbc.driver.sql.ScanRows;
import org.apache.calcite.avatica.util.AbstractCursor;

/**
 * Avatica's cursor over a scan's column batches ({@link ScanRows}), for a query whose plan is that
 * scan alone. Avatica's accessors read each value through it as they would from Calcite's rows
 * (same objects, same conversions); {@link #value} and {@link #millis} hand a value over without
 * them, for {@code getObject} and {@code getTimestamp}.
 */
public final class BatchCursor extends AbstractCursor {
  private final ScanRows rows;
  private ColumnBatch batch;
  private int row;

  public BatchCursor(ScanRows rows) {
    this.rows = rows;
  }

  /**
   * Whether every value of {@code field} that is not null is already of class {@code type}, so
   * {@link #value} can hand it to {@code getObject} as it is.
   */
  public boolean holdsOnly(int field, Class<?> type) {
    return switch (rows.kind(field)) {
      case LONG -> type == Long.class;
      case DOUBLE -> type == Double.class;
      case STRING -> type == String.class;
      case OBJECT -> false;
    };
  }

  /** A field of the current row in Calcite's representation, or null. */
  public Object value(int field) {
    Object value = batch.valueAt(field, row);
    wasNull[0] = value == null;
    return value;
  }

  /** A field of the current row that holds numbers, e.g. epoch milliseconds; 0 for null. */
  public long millis(int field) {
    wasNull[0] = batch.isNull(field, row);
    return wasNull[0] ? 0 : batch.longAt(field, row);
  }

  @Override
  protected Getter createGetter(int ordinal) {
    return new AbstractGetter() {
      @Override
      public Object getObject() {
        return value(ordinal);
      }
    };
  }

  @Override
  public boolean next() {
    if (rows.advance()) {
      batch = rows.batch();
      row = rows.row();
      return true;
    }
    batch = null;
    return false;
  }

  @Override
  public void close() {
    batch = null;
    rows.close();
  }
}
