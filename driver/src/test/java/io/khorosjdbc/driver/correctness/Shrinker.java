package io.khorosjdbc.driver.correctness;

import io.khorosjdbc.driver.correctness.oracle.Sql.Agg;
import io.khorosjdbc.driver.correctness.oracle.Sql.And;
import io.khorosjdbc.driver.correctness.oracle.Sql.Expr;
import io.khorosjdbc.driver.correctness.oracle.Sql.Item;
import io.khorosjdbc.driver.correctness.oracle.Sql.Not;
import io.khorosjdbc.driver.correctness.oracle.Sql.Or;
import io.khorosjdbc.driver.correctness.oracle.Sql.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a failing query: drops ORDER BY/LIMIT/DISTINCT/HAVING, prepared parameters, output
 * columns and aggregates, and WHERE parts (a conjunct, an OR or AND reduced to one branch, a NOT
 * removed) while the query still fails the same way. Greedy, at most {@link #BUDGET} runs.
 */
final class Shrinker {
  static final int BUDGET = 250;

  interface Check {
    boolean stillFails(Query q);
  }

  private Shrinker() {}

  static Query shrink(Query q, Check check) {
    int[] budget = {BUDGET};
    boolean progress = true;
    while (progress && budget[0] > 0) {
      progress = false;
      for (Query candidate : candidates(q)) {
        if (budget[0]-- <= 0) {
          break;
        }
        boolean fails;
        try {
          fails = check.stillFails(candidate);
        } catch (RuntimeException e) {
          fails = false;
        }
        if (fails) {
          q = candidate;
          progress = true;
          break;
        }
      }
    }
    return q;
  }

  static List<Query> candidates(Query q) {
    List<Query> out = new ArrayList<>();
    if (q.prepared()) {
      out.add(q.withPrepared(false));
    }
    if (!q.orderBy().isEmpty() || q.limit() != null || q.offset() != null) {
      if (q.offset() != null) {
        out.add(q.withShape(q.distinct(), q.having(), q.orderBy(), q.limit(), null));
      }
      if (q.limit() == null && q.offset() == null) {
        out.add(q.withShape(q.distinct(), q.having(), List.of(), null, null));
      }
    }
    if (q.distinct()) {
      out.add(q.withShape(false, q.having(), q.orderBy(), q.limit(), q.offset()));
    }
    if (q.having() != null) {
      out.add(q.withShape(q.distinct(), null, q.orderBy(), q.limit(), q.offset()));
    }
    if (q.orderBy().isEmpty()) {
      for (int i = 0; i < q.select().size() && q.select().size() > 1; i++) {
        List<Item> items = new ArrayList<>(q.select());
        Item removed = items.remove(i);
        List<Expr> groupBy = new ArrayList<>(q.groupBy());
        groupBy.remove(removed.expr());
        if (!groupBy.isEmpty()
            || items.stream().anyMatch(it -> it.expr() instanceof Agg)
            || q.groupBy().isEmpty()) {
          out.add(renumber(q.withSelect(items, groupBy)));
        }
      }
      for (int i = 0; i < q.select().size(); i++) {
        if (q.select().get(i).expr() instanceof Agg a && a.arg() != null) {
          List<Item> items = new ArrayList<>(q.select());
          items.set(i, new Item(new Agg("COUNT", null, false), items.get(i).alias()));
          out.add(q.withSelect(items, q.groupBy()));
        }
      }
    }
    if (q.where() != null) {
      for (Expr w : smaller(q.where())) {
        out.add(q.withWhere(w));
      }
    }
    return out;
  }

  private static Query renumber(Query q) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < q.select().size(); i++) {
      items.add(new Item(q.select().get(i).expr(), "c" + (i + 1)));
    }
    return q.withSelect(items, q.groupBy());
  }

  /** Expressions one step simpler than e. */
  static List<Expr> smaller(Expr e) {
    List<Expr> out = new ArrayList<>();
    if (e instanceof And a) {
      for (int i = 0; i < a.items().size(); i++) {
        List<Expr> rest = new ArrayList<>(a.items());
        rest.remove(i);
        if (!rest.isEmpty()) {
          out.add(rest.size() == 1 && !(e == null) ? wrap(rest) : new And(rest));
        }
      }
      for (int i = 0; i < a.items().size(); i++) {
        for (Expr s : smaller(a.items().get(i))) {
          List<Expr> items = new ArrayList<>(a.items());
          items.set(i, s);
          out.add(new And(items));
        }
      }
    } else if (e instanceof Or o) {
      out.addAll(o.items());
      for (int i = 0; i < o.items().size(); i++) {
        List<Expr> rest = new ArrayList<>(o.items());
        rest.remove(i);
        if (rest.size() > 1) {
          out.add(new Or(rest));
        }
      }
      for (int i = 0; i < o.items().size(); i++) {
        for (Expr s : smaller(o.items().get(i))) {
          List<Expr> items = new ArrayList<>(o.items());
          items.set(i, s);
          out.add(new Or(items));
        }
      }
    } else if (e instanceof Not n) {
      out.add(n.expr());
      for (Expr s : smaller(n.expr())) {
        out.add(new Not(s));
      }
    }
    return out;
  }

  private static Expr wrap(List<Expr> rest) {
    return new And(rest);
  }
}
