package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.catalog.ReportDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Schema {@code khoros}: one {@link ReportTable} per export. Listing the tables starts no export; a
 * table's columns are discovered the first time a query or a metadata call needs them.
 */
public final class KhorosSchema extends AbstractSchema {
  public static final String NAME = "khoros";

  private final KhorosContext context;
  private final Map<String, Table> tables = new LinkedHashMap<>();

  public KhorosSchema(KhorosContext context) {
    this.context = context;
    for (ReportDefinition report : context.catalog().reports()) {
      tables.put(report.table(), new ReportTable(report, context));
    }
  }

  public KhorosContext context() {
    return context;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
