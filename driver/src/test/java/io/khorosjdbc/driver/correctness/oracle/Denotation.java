package io.khorosjdbc.driver.correctness.oracle;

import io.khorosjdbc.driver.correctness.oracle.Reports.Param;
import io.khorosjdbc.driver.correctness.oracle.Reports.Report;
import io.khorosjdbc.driver.correctness.oracle.Sql.And;
import io.khorosjdbc.driver.correctness.oracle.Sql.Between;
import io.khorosjdbc.driver.correctness.oracle.Sql.Cmp;
import io.khorosjdbc.driver.correctness.oracle.Sql.Col;
import io.khorosjdbc.driver.correctness.oracle.Sql.Expr;
import io.khorosjdbc.driver.correctness.oracle.Sql.In;
import io.khorosjdbc.driver.correctness.oracle.Sql.IsNull;
import io.khorosjdbc.driver.correctness.oracle.Sql.Like;
import io.khorosjdbc.driver.correctness.oracle.Sql.Lit;
import io.khorosjdbc.driver.correctness.oracle.Sql.Not;
import io.khorosjdbc.driver.correctness.oracle.Sql.Or;
import io.khorosjdbc.driver.correctness.oracle.Sql.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The oracle's reading of docs/sql-reference.md "The time window" and "API parameters": which
 * (window, parameter values) combinations a table alias' predicates denote. The table behind an
 * alias is then the union of those combinations' exports, every row tagged with its combination,
 * and the whole WHERE clause is applied to that union.
 *
 * <ul>
 *   <li>The predicate is put in disjunctive normal form (NOT pushed to the atoms, IN and BETWEEN
 *       expanded); each branch denotes at most one combination.
 *   <li>Parameters: {@code API_X = v} in a branch fixes X (two different values: the branch denotes
 *       nothing); unconstrained parameters take their documented default. Any other use of an API_*
 *       or WINDOW_* column is the documented "unsupported predicate" error.
 *   <li>Window: the widest one whose own values satisfy the branch's WINDOW_* predicates: {@code
 *       WINDOW_START >= a} (or {@code = a}) starts at a, {@code > a} at a + 1 ms; {@code WINDOW_END
 *       <= b} (or {@code = b}) ends at b, {@code < b} at b - 1 ms. A missing side comes from the
 *       branch's anchor-column bounds (exclusive end: {@code < b} is b, {@code <= b} b + 1 ms). The
 *       chosen window's own values must satisfy every WINDOW_* predicate of the branch, else the
 *       branch denotes nothing.
 *   <li>A branch whose anchor bounds leave no part of its window denotes nothing.
 *   <li>Branches without WINDOW_* predicates (windows from anchor bounds) of one parameter
 *       combination are merged where they overlap or touch ("overlapping anchor ranges in an OR are
 *       merged, so no event is returned twice").
 *   <li>Combinations are a set: two branches that denote the same window and the same parameter
 *       values (defaults included) are one export.
 * </ul>
 */
public final class Denotation {
  private Denotation() {}

  /** A window [start, end) and the canonical value of every parameter column (null = NULL). */
  public record Combo(long start, long end, Map<String, String> values) {}

  /** The documented error the driver must raise, when the oracle predicts one. */
  public static final class Rejected extends Exception {
    public final String kind;

    Rejected(String kind, String detail) {
      super(kind + ": " + detail);
      this.kind = kind;
    }
  }

  public static final int MAX_BRANCHES = 512;

  /**
   * @param predicate the conjunction of the alias' own WHERE conjuncts, or null
   */
  public static List<Combo> combos(Report report, String alias, Expr predicate) throws Rejected {
    List<List<Expr>> branches = predicate == null ? List.of(List.of()) : dnf(nnf(predicate, false));
    if (branches.size() > MAX_BRANCHES) {
      throw new Rejected("too-many-branches", branches.size() + " branches");
    }
    Set<Combo> tagged = new LinkedHashSet<>();
    List<Combo> untagged = new ArrayList<>();
    for (List<Expr> branch : branches) {
      Branch b = branch(report, alias, branch);
      if (b == null) {
        continue;
      }
      if (b.tagged) {
        tagged.add(b.combo);
      } else {
        untagged.add(b.combo);
      }
    }
    Set<Combo> all = new LinkedHashSet<>(tagged);
    all.addAll(merge(untagged));
    return List.copyOf(all);
  }

  private record Branch(Combo combo, boolean tagged) {}

  private record Bound(String column, String op, long value) {
    boolean lower() {
      return op.equals(">") || op.equals(">=") || op.equals("=");
    }

    boolean upper() {
      return op.equals("<") || op.equals("<=") || op.equals("=");
    }

    boolean admits(long v) {
      return switch (op) {
        case "=" -> v == value;
        case "<" -> v < value;
        case "<=" -> v <= value;
        case ">" -> v > value;
        case ">=" -> v >= value;
        default -> throw new IllegalStateException(op);
      };
    }
  }

  private static Branch branch(Report report, String alias, List<Expr> atoms) throws Rejected {
    List<Bound> bounds = new ArrayList<>();
    Map<String, List<String>> eqs = new TreeMap<>();
    Set<String> opaque = new LinkedHashSet<>();
    for (Expr atom : atoms) {
      classify(report, alias, atom, bounds, eqs, opaque);
    }
    // parameters: every value is checked (an invalid one is an error even in a dead branch)
    Map<String, String> values = new TreeMap<>();
    boolean conflict = false;
    for (Param p : report.params()) {
      List<String> given = eqs.get(p.name());
      String chosen = null;
      if (given != null) {
        for (String v : given) {
          if (v == null) {
            conflict = true; // = NULL selects nothing
            continue;
          }
          String c =
              p.canonical(v)
                  .orElseThrow(() -> new Rejected("parameter-value", p.name() + " = '" + v + "'"));
          if (chosen != null && !chosen.equals(c)) {
            conflict = true;
          }
          chosen = c;
        }
      }
      values.put(p.name(), chosen != null ? chosen : p.defaultValue());
    }
    if (conflict) {
      return null;
    }
    String anchor = report.anchorFor(values).orElse(null);
    Long ws = null;
    Long we = null;
    Long as = null;
    Long ae = null;
    boolean hasWindowBounds = false;
    for (Bound b : bounds) {
      if (b.column.equals("WINDOW_START")) {
        hasWindowBounds = true;
        if (b.lower()) {
          ws = max(ws, b.op.equals(">") ? b.value + 1 : b.value);
        }
      } else if (b.column.equals("WINDOW_END")) {
        hasWindowBounds = true;
        if (b.upper()) {
          we = min(we, b.op.equals("<") ? b.value - 1 : b.value);
        }
      } else if (anchor != null && b.column.equalsIgnoreCase(anchor)) {
        if (b.lower()) {
          as = max(as, b.op.equals(">") ? b.value + 1 : b.value);
        }
        if (b.upper()) {
          ae = min(ae, b.op.equals("<") ? b.value : b.value + 1);
        }
      }
    }
    if (anchor != null
        && ws == null
        && we == null
        && as == null
        && ae == null
        && opaque.stream().anyMatch(anchor::equalsIgnoreCase)) {
      throw new Rejected("opaque-anchor", anchor);
    }
    Long start = ws != null ? ws : as;
    Long end = we != null ? we : ae;
    if (start == null && end == null) {
      throw new Rejected("no-window", report.table());
    }
    if (start == null) {
      throw new Rejected("end-without-start", report.table());
    }
    if (end == null) {
      throw new Rejected("oracle-needs-end", "a window ending now is not generated");
    }
    for (Bound b : bounds) {
      if (b.column.equals("WINDOW_START") && !b.admits(start)
          || b.column.equals("WINDOW_END") && !b.admits(end)) {
        return null;
      }
    }
    if (start >= end) {
      throw new Rejected("empty-window", Sql.timestamp(start) + " >= " + Sql.timestamp(end));
    }
    long exportStart = as == null ? start : Math.max(start, as);
    long exportEnd = ae == null ? end : Math.min(end, ae);
    if (exportStart >= exportEnd) {
      return null;
    }
    return new Branch(new Combo(start, end, values), hasWindowBounds);
  }

  private static void classify(
      Report report,
      String alias,
      Expr atom,
      List<Bound> bounds,
      Map<String, List<String>> eqs,
      Set<String> opaque)
      throws Rejected {
    if (atom instanceof Col c && isParam(c)) {
      eqs.computeIfAbsent(c.name().toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add("true");
      return;
    }
    if (atom instanceof Not n && n.expr() instanceof Col c && isParam(c)) {
      eqs.computeIfAbsent(c.name().toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add("false");
      return;
    }
    if (atom instanceof Cmp cmp) {
      Col col = null;
      Lit lit = null;
      String op = cmp.op();
      if (cmp.left() instanceof Col c && cmp.right() instanceof Lit l) {
        col = c;
        lit = l;
      } else if (cmp.right() instanceof Col c && cmp.left() instanceof Lit l) {
        col = c;
        lit = l;
        op = reverse(op);
      }
      if (col != null && !op.equals("<>")) {
        String name = col.name();
        if (isWindow(col) || isAnchorCandidate(report, col)) {
          if (lit.value() == null) {
            bounds.add(new Bound(upper(name), "=", Long.MIN_VALUE)); // never admitted
            return;
          }
          bounds.add(
              new Bound(
                  isWindow(col) ? name.toUpperCase(Locale.ROOT) : name, op, (Long) lit.value()));
          return;
        }
        if (isParam(col) && op.equals("=")) {
          eqs.computeIfAbsent(name.toUpperCase(Locale.ROOT), k -> new ArrayList<>())
              .add(lit.value() == null ? null : String.valueOf(lit.value()));
          return;
        }
      }
    }
    for (Col c : columns(atom)) {
      if (isWindow(c) || isParam(c)) {
        throw new Rejected("unsupported-predicate", c.name());
      }
      if (isAnchorCandidate(report, c)) {
        opaque.add(c.name());
      }
    }
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  static boolean isWindow(Col c) {
    return c.name().equalsIgnoreCase("WINDOW_START") || c.name().equalsIgnoreCase("WINDOW_END");
  }

  static boolean isParam(Col c) {
    return c.name().toUpperCase(Locale.ROOT).startsWith("API_");
  }

  static boolean isAnchorCandidate(Report report, Col c) {
    return report.anchorCandidates().stream().anyMatch(a -> a.equalsIgnoreCase(c.name()));
  }

  private static String reverse(String op) {
    return switch (op) {
      case "<" -> ">";
      case "<=" -> ">=";
      case ">" -> "<";
      case ">=" -> "<=";
      default -> op;
    };
  }

  private static String negate(String op) {
    return switch (op) {
      case "<" -> ">=";
      case "<=" -> ">";
      case ">" -> "<=";
      case ">=" -> "<";
      case "=" -> "<>";
      case "<>" -> "=";
      default -> throw new IllegalArgumentException(op);
    };
  }

  public static List<Col> columns(Expr e) {
    List<Col> out = new ArrayList<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, List<Col> out) {
    if (e instanceof Col c) {
      out.add(c);
    } else if (e instanceof Sql.Fn f) {
      f.args().forEach(a -> collect(a, out));
    } else if (e instanceof Cmp c) {
      collect(c.left(), out);
      collect(c.right(), out);
    } else if (e instanceof Between b) {
      collect(b.expr(), out);
      collect(b.low(), out);
      collect(b.high(), out);
    } else if (e instanceof In in) {
      collect(in.expr(), out);
      in.items().forEach(i -> collect(i, out));
    } else if (e instanceof Like l) {
      collect(l.expr(), out);
    } else if (e instanceof IsNull n) {
      collect(n.expr(), out);
    } else if (e instanceof And a) {
      a.items().forEach(i -> collect(i, out));
    } else if (e instanceof Or o) {
      o.items().forEach(i -> collect(i, out));
    } else if (e instanceof Not n) {
      collect(n.expr(), out);
    } else if (e instanceof Sql.Agg a && a.arg() != null) {
      collect(a.arg(), out);
    }
  }

  /**
   * Negation normal form with IN and BETWEEN expanded; atoms are Cmp, Like, IsNull, Col,
   * Not(Col|Like).
   */
  static Expr nnf(Expr e, boolean negate) {
    if (e instanceof And a) {
      return negate
          ? new Or(a.items().stream().map(i -> nnf(i, true)).toList())
          : new And(a.items().stream().map(i -> nnf(i, false)).toList());
    } else if (e instanceof Or o) {
      return negate
          ? new And(o.items().stream().map(i -> nnf(i, true)).toList())
          : new Or(o.items().stream().map(i -> nnf(i, false)).toList());
    } else if (e instanceof Not n) {
      return nnf(n.expr(), !negate);
    } else if (e instanceof Cmp c) {
      return negate ? new Cmp(negate(c.op()), c.left(), c.right()) : c;
    } else if (e instanceof Between b) {
      return nnf(
          new And(List.of(new Cmp(">=", b.expr(), b.low()), new Cmp("<=", b.expr(), b.high()))),
          negate != b.negated());
    } else if (e instanceof In in) {
      return nnf(
          new Or(in.items().stream().map(i -> (Expr) new Cmp("=", in.expr(), i)).toList()),
          negate != in.negated());
    } else if (e instanceof IsNull n) {
      return new IsNull(n.expr(), n.negated() != negate);
    } else if (e instanceof Like l) {
      return new Like(l.expr(), l.pattern(), l.negated() != negate);
    }
    return negate ? new Not(e) : e;
  }

  static List<List<Expr>> dnf(Expr e) {
    if (e instanceof Or o) {
      List<List<Expr>> out = new ArrayList<>();
      for (Expr i : o.items()) {
        out.addAll(dnf(i));
        if (out.size() > 4 * MAX_BRANCHES) {
          break;
        }
      }
      return out;
    }
    if (e instanceof And a) {
      List<List<Expr>> out = new ArrayList<>();
      out.add(List.of());
      for (Expr i : a.items()) {
        List<List<Expr>> next = new ArrayList<>();
        for (List<Expr> left : out) {
          for (List<Expr> right : dnf(i)) {
            List<Expr> both = new ArrayList<>(left);
            both.addAll(right);
            next.add(both);
          }
        }
        out = next;
        if (out.size() > 4 * MAX_BRANCHES) {
          break;
        }
      }
      return out;
    }
    return List.of(List.of(e));
  }

  /**
   * Windows from anchor bounds only, merged per parameter combination where they overlap or touch.
   */
  private static List<Combo> merge(List<Combo> untagged) {
    List<Combo> sorted = new ArrayList<>(new LinkedHashSet<>(untagged));
    sorted.sort(
        (a, b) ->
            a.start() != b.start()
                ? Long.compare(a.start(), b.start())
                : Long.compare(a.end(), b.end()));
    List<Combo> merged = new ArrayList<>();
    for (Combo c : sorted) {
      int into = -1;
      for (int i = 0; i < merged.size(); i++) {
        Combo m = merged.get(i);
        if (m.values().equals(c.values()) && m.start() <= c.end() && c.start() <= m.end()) {
          into = i;
          break;
        }
      }
      if (into < 0) {
        merged.add(c);
      } else {
        Combo m = merged.get(into);
        merged.set(
            into,
            new Combo(Math.min(m.start(), c.start()), Math.max(m.end(), c.end()), m.values()));
      }
    }
    return merged;
  }

  private static Long max(Long a, long b) {
    return a == null ? b : Math.max(a, b);
  }

  private static Long min(Long a, long b) {
    return a == null ? b : Math.min(a, b);
  }

  /** Types are used by callers that build literals for parameters. */
  static Type typeOf(Param p) {
    return p.type();
  }
}
