package io.khorosjdbc.driver.correctness;

import io.khorosjdbc.driver.correctness.oracle.Sql.Agg;
import io.khorosjdbc.driver.correctness.oracle.Sql.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Compares the driver's rows with the oracle's: as multisets, or as lists when ORDER BY orders
 * every output column. Integers, strings, booleans and timestamps must be equal; only the results
 * of SUM over DOUBLE and of AVG may differ, by at most {@link #RELATIVE_TOLERANCE} relative to the
 * larger magnitude (floating sums depend on the order of addition).
 */
final class Compare {
  static final double RELATIVE_TOLERANCE = 1e-9;

  private Compare() {}

  /** Null when equal, else a readable diff. */
  static String diff(Query q, List<List<Object>> expected, List<List<Object>> actual) {
    boolean[] approx = new boolean[q.select().size()];
    for (int i = 0; i < approx.length; i++) {
      approx[i] = q.select().get(i).expr() instanceof Agg a && a.approximate();
    }
    List<List<Object>> e = new ArrayList<>(expected);
    List<List<Object>> a = new ArrayList<>(actual);
    boolean ordered = q.fullyOrdered();
    if (!ordered) {
      Comparator<List<Object>> c = rowOrder(approx);
      e.sort(c);
      a.sort(c);
    }
    List<String> lines = new ArrayList<>();
    int n = Math.max(e.size(), a.size());
    for (int i = 0; i < n; i++) {
      List<Object> x = i < e.size() ? e.get(i) : null;
      List<Object> y = i < a.size() ? a.get(i) : null;
      if (x == null || y == null || !rowEquals(x, y, approx)) {
        lines.add(String.format("  row %d: oracle %s | driver %s", i, x, y));
      }
    }
    if (lines.isEmpty()) {
      return null;
    }
    List<String> multiset = ordered ? List.of() : multisetDiff(e, a, approx);
    return "oracle "
        + e.size()
        + " rows, driver "
        + a.size()
        + " rows"
        + (ordered ? " (ordered)" : " (as multisets)")
        + "\n"
        + (multiset.isEmpty()
            ? ""
            : String.join("\n", multiset.subList(0, Math.min(30, multiset.size()))) + "\n")
        + "first differing positions:\n"
        + String.join("\n", lines.subList(0, Math.min(10, lines.size())));
  }

  private static List<String> multisetDiff(
      List<List<Object>> e, List<List<Object>> a, boolean[] approx) {
    List<List<Object>> onlyE = new ArrayList<>(e);
    List<List<Object>> onlyA = new ArrayList<>();
    for (List<Object> row : a) {
      int at = -1;
      for (int i = 0; i < onlyE.size(); i++) {
        if (rowEquals(onlyE.get(i), row, approx)) {
          at = i;
          break;
        }
      }
      if (at >= 0) {
        onlyE.remove(at);
      } else {
        onlyA.add(row);
      }
    }
    List<String> out = new ArrayList<>();
    onlyE.forEach(r -> out.add("  - only in oracle: " + r));
    onlyA.forEach(r -> out.add("  + only in driver: " + r));
    return out;
  }

  static boolean rowEquals(List<Object> x, List<Object> y, boolean[] approx) {
    if (x.size() != y.size()) {
      return false;
    }
    for (int i = 0; i < x.size(); i++) {
      Object u = x.get(i);
      Object v = y.get(i);
      if (i < approx.length && approx[i] && u instanceof Number p && v instanceof Number q) {
        double d1 = p.doubleValue();
        double d2 = q.doubleValue();
        if (Math.abs(d1 - d2)
            > RELATIVE_TOLERANCE * Math.max(1, Math.max(Math.abs(d1), Math.abs(d2)))) {
          return false;
        }
      } else if (!Objects.equals(u, v)) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<List<Object>> rowOrder(boolean[] approx) {
    return (x, y) -> {
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
          boolean isApprox = i < approx.length && approx[i];
          if (isApprox != (pass == 1)) {
            continue;
          }
          Object u = x.get(i);
          Object v = y.get(i);
          if (u == null || v == null) {
            if (u != v) {
              return u == null ? -1 : 1;
            }
            continue;
          }
          int c =
              u.getClass() == v.getClass()
                  ? ((Comparable) u).compareTo(v)
                  : u.getClass().getName().compareTo(v.getClass().getName());
          if (c != 0) {
            return c;
          }
        }
      }
      return Integer.compare(x.size(), y.size());
    };
  }
}
