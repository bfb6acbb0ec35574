package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A small read-only table whose rows a function computes on every scan (the driver's jobs, its
 * catalog, the tenant's teams and time zones).
 */
final class SystemTable extends AbstractTable implements ScannableTable {
  /** A column of a system table. */
  record Column(String name, ColumnType type) {}

  private final List<Column> columns;
  private final Supplier<List<Object[]>> rows;

  SystemTable(List<Column> columns, Supplier<List<Object[]>> rows) {
    this.columns = List.copyOf(columns);
    this.rows = rows;
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (Column column : columns) {
      builder.add(column.name(), ReportTable.sqlType(typeFactory, column.type()));
    }
    return builder.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows.get());
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.SYSTEM_TABLE;
  }

  /** Declares columns in order. */
  static final class Builder {
    private final List<Column> columns = new ArrayList<>();

    Builder column(String name, ColumnType type) {
      columns.add(new Column(name, type));
      return this;
    }

    SystemTable rows(Supplier<List<Object[]>> rows) {
      return new SystemTable(columns, rows);
    }
  }
}
