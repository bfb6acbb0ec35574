package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.catalog.ColumnInfo;
import io.khorosjdbc.driver.catalog.ParameterColumn;
import io.khorosjdbc.driver.catalog.ReportDefinition;
import io.khorosjdbc.driver.catalog.SchemaResolver;
import io.khorosjdbc.driver.catalog.TableSchema;
import io.khorosjdbc.driver.catalog.WindowRule;
import io.khorosjdbc.driver.format.ColumnType;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableIntList;

/**
 * One export as a SQL table: its data columns (what the tenant's files showed, else the built-in
 * catalog; never an export just to describe it), then the WINDOW_START/WINDOW_END pseudo-columns,
 * then the API parameter pseudo-columns the export accepts. Scanning it runs the export, see {@link
 * KhorosTableScan}.
 */
public final class ReportTable extends AbstractTable implements TranslatableTable {
  private final ReportDefinition report;
  private final KhorosContext context;
  private volatile List<ColumnInfo> dataColumns;
  private volatile String schemaSource;
  private volatile long resolvedGeneration;
  private volatile Set<String> anchorCandidates;

  ReportTable(ReportDefinition report, KhorosContext context) {
    this.report = report;
    this.context = context;
  }

  public String name() {
    return report.table();
  }

  public ReportDefinition report() {
    return report;
  }

  KhorosContext context() {
    return context;
  }

  /**
   * The data columns, from local knowledge only (see {@link
   * io.khorosjdbc.driver.catalog.SchemaResolver}), read again when a query found the tenant's
   * columns differ.
   */
  public List<ColumnInfo> dataColumns() {
    long generation = context.schemaResolver().generation();
    List<ColumnInfo> columns = dataColumns;
    if (columns == null || generation != resolvedGeneration) {
      synchronized (this) {
        if (dataColumns == null || generation != resolvedGeneration) {
          TableSchema schema = context.schemaResolver().resolve(report);
          dataColumns =
              context.config().stringsOnly()
                  ? schema.columns().stream().map(c -> c.withType(ColumnType.VARCHAR)).toList()
                  : schema.columns();
          schemaSource = schema.source();
          resolvedGeneration = generation;
        }
        columns = dataColumns;
      }
    }
    return columns;
  }

  /** Whether the table has this data column (the tenant's columns may lack a catalog one). */
  boolean hasDataColumn(String name) {
    return dataColumns().stream().anyMatch(c -> c.name().equalsIgnoreCase(name));
  }

  /** Says whether the columns are the tenant's own, for tools' table remarks. */
  public String columnsRemark() {
    return switch (schemaSource()) {
      case SchemaResolver.TENANT -> "Columns: confirmed by your tenant's exports.";
      case SchemaResolver.SCHEMA_FILE -> "Columns: from the schemaFile.";
      default ->
          "Columns: from the driver's built-in catalog, not yet confirmed by your tenant "
              + "(a query that finds one missing corrects them).";
    };
  }

  public String schemaSource() {
    dataColumns();
    return schemaSource;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (ColumnInfo column : dataColumns()) {
      builder.add(column.name(), sqlType(typeFactory, column.type()));
    }
    builder.add(PseudoColumns.WINDOW_START, sqlType(typeFactory, ColumnType.TIMESTAMP));
    builder.add(PseudoColumns.WINDOW_END, sqlType(typeFactory, ColumnType.TIMESTAMP));
    for (ParameterColumn parameter : report.parameters()) {
      builder.add(parameter.name(), sqlType(typeFactory, parameter.type()));
    }
    return builder.build();
  }

  static RelDataType sqlType(RelDataTypeFactory typeFactory, ColumnType type) {
    RelDataType sqlType =
        switch (type) {
          case TIMESTAMP -> typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3);
          case BIGINT -> typeFactory.createSqlType(SqlTypeName.BIGINT);
          case DOUBLE -> typeFactory.createSqlType(SqlTypeName.DOUBLE);
          case BOOLEAN -> typeFactory.createSqlType(SqlTypeName.BOOLEAN);
          case VARCHAR -> typeFactory.createSqlType(SqlTypeName.VARCHAR);
        };
    return typeFactory.createTypeWithNullability(sqlType, true);
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelOptCluster cluster = context.getCluster();
    int fieldCount = relOptTable.getRowType().getFieldCount();
    return new KhorosTableScan(
        cluster,
        cluster.traitSetOf(EnumerableConvention.INSTANCE),
        relOptTable,
        this,
        ImmutableIntList.identity(fieldCount),
        null,
        false);
  }

  // Column roles, by index into the full row type.

  int windowStartIndex() {
    return dataColumns().size();
  }

  boolean isPseudoColumn(int index) {
    return index >= windowStartIndex();
  }

  boolean isParameterColumn(int index) {
    return index >= windowStartIndex() + 2;
  }

  ParameterColumn parameterColumn(int index) {
    return report.parameters().get(index - windowStartIndex() - 2);
  }

  /** Window pseudo-columns and anchor candidates: columns whose comparisons choose the window. */
  boolean isTimeColumn(int index) {
    return index == windowStartIndex()
        || index == windowStartIndex() + 1
        || isAnchorCandidate(index);
  }

  boolean isAnchorCandidate(int index) {
    return !isPseudoColumn(index)
        && anchorCandidates().contains(columnName(index).toUpperCase(Locale.ROOT));
  }

  String columnName(int index) {
    int data = dataColumns().size();
    if (index < data) {
      return dataColumns().get(index).name();
    }
    if (index == data) {
      return PseudoColumns.WINDOW_START;
    }
    if (index == data + 1) {
      return PseudoColumns.WINDOW_END;
    }
    return parameterColumn(index).name();
  }

  /** Every column that is the anchor for some value of the export's enumerated parameters. */
  private Set<String> anchorCandidates() {
    Set<String> candidates = anchorCandidates;
    if (candidates == null) {
      Set<String> found = new HashSet<>();
      WindowRule rule = report.windowRule();
      rule.semantics(Map.of()).anchorColumn().ifPresent(a -> found.add(a.toUpperCase(Locale.ROOT)));
      for (ParameterColumn parameter : report.parameters()) {
        for (String value : parameter.allowedValues()) {
          rule.semantics(Map.of(parameter.name(), value))
              .anchorColumn()
              .ifPresent(a -> found.add(a.toUpperCase(Locale.ROOT)));
        }
      }
      candidates = Set.copyOf(found);
      anchorCandidates = candidates;
    }
    return candidates;
  }

  /** What a column means, for tools' metadata: the catalog's text, or the pseudo-column's. */
  public String columnDescription(String column) {
    if (column.equalsIgnoreCase(PseudoColumns.WINDOW_START)) {
      return "Start of the export window that produced the row (inclusive)";
    }
    if (column.equalsIgnoreCase(PseudoColumns.WINDOW_END)) {
      return "End of the export window that produced the row (exclusive)";
    }
    return report
        .parameter(column)
        .map(ParameterColumn::description)
        .or(
            () ->
                dataColumns().stream()
                    .filter(c -> c.name().equalsIgnoreCase(column))
                    .map(ColumnInfo::description)
                    .filter(d -> !d.isEmpty())
                    .findFirst())
        .orElse(null);
  }
}
