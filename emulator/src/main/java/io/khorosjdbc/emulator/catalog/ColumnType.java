package io.khorosjdbc.emulator.catalog;

import java.util.Locale;

/**
 * The declared type of a catalog column; it drives values for columns the synthetic world does not
 * know.
 */
public enum ColumnType {
  STRING,
  TEXT,
  TIMESTAMP,
  LONG,
  DOUBLE,
  BOOLEAN;

  /** Parses the lower-case spelling used in the catalog file. */
  public static ColumnType parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown column type '" + s + "'; expected string|text|timestamp|long|double|boolean");
    }
  }
}
