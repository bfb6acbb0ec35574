package io.khorosjdbc.driver.catalog;

import java.util.List;

/**
 * The data columns of one export for one tenant, in the order the server returns them.
 *
 * @param columns the columns
 * @param source where they came from: {@code schemaFile}, {@code cache}, {@code server} or {@code
 *     catalog} (server sent no header)
 */
public record TableSchema(List<ColumnInfo> columns, String source) {
  public TableSchema {
    columns = List.copyOf(columns);
  }
}
