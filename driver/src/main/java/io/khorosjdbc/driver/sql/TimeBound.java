package io.khorosjdbc.driver.sql;

import org.apache.calcite.sql.SqlKind;

/**
 * One comparison of a time column with a value known at bind time, e.g. {@code WINDOW_START >= ?}.
 *
 * @param column the compared column: a window pseudo-column or an anchor candidate
 * @param op one of =, <, <=, >, >= with the column on the left
 * @param valueIndex index of the value among the scan's bind-time values
 */
record TimeBound(String column, SqlKind op, int valueIndex) {

  /**
   * True when a candidate {@code value} of the column satisfies the comparison with {@code bound}.
   */
  boolean admits(long value, long bound) {
    return switch (op) {
      case EQUALS -> value == bound;
      case LESS_THAN -> value < bound;
      case LESS_THAN_OR_EQUAL -> value <= bound;
      case GREATER_THAN -> value > bound;
      case GREATER_THAN_OR_EQUAL -> value >= bound;
      default -> throw new IllegalStateException("not a comparison: " + op);
    };
  }

  boolean isLower() {
    return op == SqlKind.GREATER_THAN
        || op == SqlKind.GREATER_THAN_OR_EQUAL
        || op == SqlKind.EQUALS;
  }

  boolean isUpper() {
    return op == SqlKind.LESS_THAN || op == SqlKind.LESS_THAN_OR_EQUAL || op == SqlKind.EQUALS;
  }

  /** The smallest value admitted from below: {@code > b} starts at b + 1 ms. */
  long lowest(long bound) {
    return op == SqlKind.GREATER_THAN ? bound + 1 : bound;
  }

  /** The exclusive end implied from above: {@code <= b} and {@code = b} end at b + 1 ms. */
  long exclusiveEnd(long bound) {
    return op == SqlKind.LESS_THAN ? bound : bound + 1;
  }
}
