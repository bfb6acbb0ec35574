package io.khorosjdbc.driver.sql;

/** Names of the window pseudo-columns every report table has. */
public final class PseudoColumns {
  private PseudoColumns() {}

  /** Start of the export window that produced the row (inclusive). */
  public static final String WINDOW_START = "WINDOW_START";

  /** End of the export window that produced the row (exclusive). */
  public static final String WINDOW_END = "WINDOW_END";
}
