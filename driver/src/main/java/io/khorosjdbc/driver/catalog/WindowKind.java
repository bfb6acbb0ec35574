package io.khorosjdbc.driver.catalog;

/**
 * How an export's rows relate to the time window it was asked for. This decides whether a window
 * may be split into smaller exports (only {@link #EVENT}) and whether a predicate on a data column
 * can choose the window (only an {@link #EVENT} export's anchor column).
 */
public enum WindowKind {
  /**
   * Rows are events selected by their own time: the union of sub-window exports equals the whole.
   */
  EVENT,
  /** Rows describe state at the window's end (open conversations, user totals). */
  SNAPSHOT,
  /** Rows are aggregates over the whole window (or over buckets of it). */
  AGGREGATE
}
