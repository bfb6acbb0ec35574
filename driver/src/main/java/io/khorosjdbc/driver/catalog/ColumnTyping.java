package io.khorosjdbc.driver.catalog;

import io.khorosjdbc.driver.format.ColumnType;
import java.util.Locale;

/**
 * Types a column the catalog does not know from its name. The API sends every value as a string and
 * documents no types, so names are the only evidence: {@code *_TIME}/{@code *_DATE} are timestamps,
 * {@code *_MILLIS}/{@code *_COUNT} whole numbers, {@code IS_*} booleans, {@code *_SCORE}/{@code
 * *_RATE}/{@code *_AVG} decimals, and everything else (ids included, which need not be numeric)
 * text.
 */
public final class ColumnTyping {
  private ColumnTyping() {}

  public static ColumnType fromName(String columnName) {
    String name = columnName.toUpperCase(Locale.ROOT);
    if (name.endsWith("_TIME") || name.endsWith("_DATE")) {
      return ColumnType.TIMESTAMP;
    }
    if (name.endsWith("_MILLIS") || name.endsWith("_COUNT")) {
      return ColumnType.BIGINT;
    }
    if (name.startsWith("IS_")) {
      return ColumnType.BOOLEAN;
    }
    if (name.endsWith("_SCORE") || name.endsWith("_RATE") || name.endsWith("_AVG")) {
      return ColumnType.DOUBLE;
    }
    return ColumnType.VARCHAR;
  }
}
