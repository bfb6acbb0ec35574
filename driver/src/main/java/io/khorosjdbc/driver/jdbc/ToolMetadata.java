package io.khorosjdbc.driver.jdbc;

import io.khorosjdbc.driver.sql.ReportTable;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.schema.Table;

/**
 * What {@code DatabaseMetaData.getTables} and {@code getColumns} return, with the REMARKS that
 * Calcite leaves empty filled from the catalog's descriptions, so that DBeaver and BI tools show
 * what each export and column is.
 */
final class ToolMetadata {
  private ToolMetadata() {}

  /** A getTables row with remarks (the public field hides the parent's always-null one). */
  public static final class TableRow extends CalciteMetaImpl.CalciteMetaTable {
    public final String remarks;

    TableRow(Table table, String catalog, String schema, String name, String remarks) {
      super(table, catalog, schema, name);
      this.remarks = remarks;
    }
  }

  /** A getColumns row with remarks. */
  public static final class ColumnRow extends MetaImpl.MetaColumn {
    public final String remarks;

    @SuppressWarnings("checkstyle:ParameterNumber")
    ColumnRow(
        String catalog,
        String schema,
        String table,
        String column,
        int dataType,
        String typeName,
        Integer size,
        Integer digits,
        int radix,
        int nullable,
        Integer octetLength,
        int position,
        String isNullable,
        String remarks) {
      super(
          catalog,
          schema,
          table,
          column,
          dataType,
          typeName,
          size,
          digits,
          radix,
          nullable,
          octetLength,
          position,
          isNullable);
      this.remarks = remarks;
    }
  }

  static final CalciteMetaTableFactory TABLES =
      new CalciteMetaTableFactory() {
        @Override
        public MetaImpl.MetaTable createTable(
            Table table, String catalog, String schema, String name) {
          String remarks =
              table instanceof ReportTable report
                  ? report.report().description() + " " + report.columnsRemark()
                  : null;
          return new TableRow(table, catalog, schema, name, remarks);
        }

        @Override
        public Class<? extends MetaImpl.MetaTable> getMetaTableClass() {
          return TableRow.class;
        }
      };

  static final CalciteMetaColumnFactory COLUMNS =
      new CalciteMetaColumnFactory() {
        @Override
        public MetaImpl.MetaColumn createColumn(
            Table table,
            String catalog,
            String schema,
            String tableName,
            String columnName,
            int dataType,
            String typeName,
            Integer size,
            Integer digits,
            int radix,
            int nullable,
            Integer octetLength,
            int position,
            String isNullable) {
          String remarks =
              table instanceof ReportTable report ? report.columnDescription(columnName) : null;
          return new ColumnRow(
              catalog,
              schema,
              tableName,
              columnName,
              dataType,
              typeName,
              size,
              digits,
              radix,
              nullable,
              octetLength,
              position,
              isNullable,
              remarks);
        }

        @Override
        public Class<? extends MetaImpl.MetaColumn> getMetaColumnClass() {
          return ColumnRow.class;
        }
      };
}
