package io.khorosjdbc.driver.format;

/**
 * The SQL types an export column can be read as. The API delivers every value as a string; these
 * say how {@link ValueConverter} should interpret it.
 */
public enum ColumnType {
  VARCHAR,
  BIGINT,
  DOUBLE,
  BOOLEAN,
  TIMESTAMP
}
