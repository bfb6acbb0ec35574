package io.khorosjdbc.driver.catalog;

import static java.util.Objects.requireNonNull;

import io.khorosjdbc.driver.format.ColumnType;

/**
 * One export column as a table exposes it.
 *
 * @param name the API name, sent in {@code reportMetrics} and used as the SQL column name
 * @param type the SQL type values are converted to
 * @param description shown as the column's remarks in metadata (may be empty)
 * @param jsonOnly true when the API returns the column only in JSON exports
 */
public record ColumnInfo(String name, ColumnType type, String description, boolean jsonOnly) {
  public ColumnInfo {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    description = description == null ? "" : description;
  }

  public ColumnInfo withType(ColumnType newType) {
    return new ColumnInfo(name, newType, description, jsonOnly);
  }
}
