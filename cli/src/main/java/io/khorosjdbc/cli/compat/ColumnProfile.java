package io.khorosjdbc.cli.compat;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one column's values looked like, gathered while the file streams by: how many were blank,
 * the shortest and longest (in characters) and how many were distinct (counted up to 1,001). The
 * distinct values themselves are kept only in memory, as the sample the format detection reads;
 * nothing here is ever written out except bands and shares.
 */
final class ColumnProfile {
  static final int DISTINCT_CAP = 1001;

  private long values;
  private long blanks;
  private int minLength = Integer.MAX_VALUE;
  private int maxLength;
  private final Set<String> distinct = new LinkedHashSet<>();
  private boolean overflow;

  void add(String value) {
    values++;
    if (value == null || value.isBlank()) {
      blanks++;
      return;
    }
    int length = value.codePointCount(0, value.length());
    minLength = Math.min(minLength, length);
    maxLength = Math.max(maxLength, length);
    if (!overflow) {
      distinct.add(value);
      overflow = distinct.size() >= DISTINCT_CAP;
    }
  }

  long values() {
    return values;
  }

  /**
   * The share of blank values, 0 to 1, rounded to two decimals but never to 0 or 1 unless exactly
   * so.
   */
  double nullShare() {
    if (values == 0 || blanks == 0) {
      return 0;
    }
    if (blanks == values) {
      return 1;
    }
    double share = Math.round(100.0 * blanks / values) / 100.0;
    return Math.min(0.99, Math.max(0.01, share));
  }

  int minLength() {
    return minLength == Integer.MAX_VALUE ? 0 : minLength;
  }

  int maxLength() {
    return maxLength;
  }

  String distinctBand() {
    return band(overflow ? DISTINCT_CAP : distinct.size());
  }

  /**
   * The distinct non-blank values seen (at most {@value #DISTINCT_CAP}): the sample for format
   * detection.
   */
  Collection<String> sample() {
    return distinct;
  }

  /**
   * The band of a count: {@code 0}, {@code 1}, {@code 2-10}, {@code 11-100}, {@code 101-1000} or
   * {@code >1000}.
   */
  static String band(long n) {
    if (n <= 1) {
      return Long.toString(Math.max(0, n));
    }
    if (n <= 10) {
      return "2-10";
    }
    if (n <= 100) {
      return "11-100";
    }
    return n <= 1000 ? "101-1000" : ">1000";
  }
}
