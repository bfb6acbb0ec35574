package io.khorosjdbc.driver.correctness.oracle;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The logical query model shared by the generator, the driver side and the oracle, and its
 * rendering into the two SQL dialects: the driver's (Calcite, table names, {@code ?} for prepared
 * values) and DuckDB's (a CTE per table alias, every value inline). Written from
 * docs/sql-reference.md only; it uses nothing of the driver.
 */
public final class Sql {
  private Sql() {}

  /** Column types as docs/sql-reference.md "Types" assigns them. */
  public enum Type {
    VARCHAR,
    BIGINT,
    DOUBLE,
    BOOLEAN,
    TIMESTAMP
  }

  public enum Dialect {
    DRIVER,
    DUCKDB
  }

  public sealed interface Expr
      permits Col, Lit, Fn, Cmp, Between, In, Like, IsNull, And, Or, Not, Agg {}

  /** A column of a FROM alias. */
  public record Col(String alias, String name, Type type) implements Expr {}

  /**
   * A constant; {@code value} is String, Long, Double, Boolean, or epoch millis (Long) for
   * TIMESTAMP. {@code param}: sent as {@code ?} to the driver in a prepared statement.
   */
  public record Lit(Object value, Type type, boolean param) implements Expr {
    public Lit asParam(boolean p) {
      return new Lit(value, type, p);
    }
  }

  /**
   * A string function of docs/sql-reference.md "Strings are Unicode code points": CHAR_LENGTH,
   * SUBSTRING (FROM, optional FOR), POSITION (needle, haystack), UPPER or LOWER. {@code type} is
   * its result: BIGINT or VARCHAR. DuckDB spells each the same way and counts code points too.
   */
  public record Fn(String name, Type type, List<Expr> args) implements Expr {}

  public record Cmp(String op, Expr left, Expr right) implements Expr {}

  public record Between(Expr expr, Expr low, Expr high, boolean negated) implements Expr {}

  public record In(Expr expr, List<Expr> items, boolean negated) implements Expr {}

  public record Like(Expr expr, String pattern, boolean negated) implements Expr {}

  public record IsNull(Expr expr, boolean negated) implements Expr {}

  public record And(List<Expr> items) implements Expr {}

  public record Or(List<Expr> items) implements Expr {}

  public record Not(Expr expr) implements Expr {}

  /** COUNT/SUM/MIN/MAX/AVG; {@code arg == null} is COUNT(*). AVG is always over a DOUBLE cast. */
  public record Agg(String fn, Expr arg, boolean distinct) implements Expr {
    public boolean approximate() {
      return fn.equals("AVG")
          || fn.equals("SUM") && arg != null && arg instanceof Col c && c.type() == Type.DOUBLE;
    }
  }

  public record From(String table, String alias) {}

  public record Item(Expr expr, String alias) {}

  /** ORDER BY output position (1-based). */
  public record Order(int position, boolean desc) {}

  /**
   * One SELECT. {@code where} is a conjunction whose single-alias conjuncts are pushed to that
   * alias' scan; {@code on} are the join conditions (equalities between aliases).
   */
  public record Query(
      List<From> from,
      List<Expr> on,
      Expr where,
      List<Item> select,
      boolean distinct,
      List<Expr> groupBy,
      Expr having,
      List<Order> orderBy,
      Integer limit,
      Integer offset,
      boolean prepared) {

    public Query withWhere(Expr w) {
      return new Query(
          from, on, w, select, distinct, groupBy, having, orderBy, limit, offset, prepared);
    }

    public Query withSelect(List<Item> s, List<Expr> g) {
      return new Query(from, on, where, s, distinct, g, having, orderBy, limit, offset, prepared);
    }

    public Query withShape(boolean d, Expr h, List<Order> o, Integer l, Integer off) {
      return new Query(from, on, where, select, d, groupBy, h, o, l, off, prepared);
    }

    public Query withPrepared(boolean p) {
      return new Query(
          from, on, where, select, distinct, groupBy, having, orderBy, limit, offset, p);
    }

    public Query withFrom(List<From> f, List<Expr> o) {
      return new Query(
          f, o, where, select, distinct, groupBy, having, orderBy, limit, offset, prepared);
    }

    /** True when ORDER BY determines the order of every row that can be told apart. */
    public boolean fullyOrdered() {
      return !orderBy.isEmpty() && orderBy.size() == select.size();
    }
  }

  // ---------------------------------------------------------------- rendering

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  public static String timestamp(long millis) {
    LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    String text = SECONDS.format(t);
    long ms = Math.floorMod(millis, 1000L);
    return ms == 0 ? text : text + String.format(Locale.ROOT, ".%03d", ms);
  }

  /** A rendered statement: SQL text and, for the driver dialect, the values of its {@code ?}. */
  public record Rendered(String sql, List<Lit> parameters) {}

  public static Rendered render(Query q, Dialect d, Function<From, String> tableName) {
    Renderer r = new Renderer(d, d == Dialect.DRIVER && q.prepared());
    StringBuilder sb = new StringBuilder("SELECT ");
    if (q.distinct()) {
      sb.append("DISTINCT ");
    }
    List<String> items = new ArrayList<>();
    for (Item item : q.select()) {
      items.add(r.expr(item.expr()) + " AS " + item.alias());
    }
    sb.append(String.join(", ", items)).append(" FROM ");
    for (int i = 0; i < q.from().size(); i++) {
      From f = q.from().get(i);
      if (i > 0) {
        sb.append(" JOIN ");
      }
      sb.append(tableName.apply(f)).append(' ').append(f.alias());
      if (i > 0) {
        sb.append(" ON ").append(r.expr(q.on().get(i - 1)));
      }
    }
    if (q.where() != null) {
      sb.append(" WHERE ").append(r.expr(q.where()));
    }
    if (!q.groupBy().isEmpty()) {
      sb.append(" GROUP BY ")
          .append(q.groupBy().stream().map(r::expr).collect(Collectors.joining(", ")));
    }
    if (q.having() != null) {
      sb.append(" HAVING ").append(r.expr(q.having()));
    }
    if (!q.orderBy().isEmpty()) {
      sb.append(" ORDER BY ")
          .append(
              q.orderBy().stream()
                  .map(o -> o.position() + (o.desc() ? " DESC NULLS FIRST" : " ASC NULLS LAST"))
                  .collect(Collectors.joining(", ")));
    }
    if (q.limit() != null) {
      sb.append(" LIMIT ").append(q.limit());
    }
    if (q.offset() != null) {
      sb.append(" OFFSET ").append(q.offset());
    }
    return new Rendered(sb.toString(), r.parameters);
  }

  private static final class Renderer {
    final Dialect dialect;
    final boolean prepared;
    final List<Lit> parameters = new ArrayList<>();

    Renderer(Dialect dialect, boolean prepared) {
      this.dialect = dialect;
      this.prepared = prepared;
    }

    String expr(Expr e) {
      if (e instanceof Col c) {
        return c.alias() + "." + identifier(c.name());
      } else if (e instanceof Lit l) {
        return literal(l);
      } else if (e instanceof Fn f) {
        return function(f);
      } else if (e instanceof Cmp c) {
        return expr(c.left()) + " " + c.op() + " " + expr(c.right());
      } else if (e instanceof Between b) {
        return expr(b.expr())
            + (b.negated() ? " NOT" : "")
            + " BETWEEN "
            + expr(b.low())
            + " AND "
            + expr(b.high());
      } else if (e instanceof In in) {
        return expr(in.expr())
            + (in.negated() ? " NOT" : "")
            + " IN ("
            + in.items().stream().map(this::expr).collect(Collectors.joining(", "))
            + ")";
      } else if (e instanceof Like l) {
        return expr(l.expr()) + (l.negated() ? " NOT" : "") + " LIKE " + quote(l.pattern());
      } else if (e instanceof IsNull n) {
        return expr(n.expr()) + (n.negated() ? " IS NOT NULL" : " IS NULL");
      } else if (e instanceof And a) {
        return "(" + a.items().stream().map(this::expr).collect(Collectors.joining(" AND ")) + ")";
      } else if (e instanceof Or o) {
        return "(" + o.items().stream().map(this::expr).collect(Collectors.joining(" OR ")) + ")";
      } else if (e instanceof Not n) {
        return "NOT (" + expr(n.expr()) + ")";
      }
      return aggregate((Agg) e);
    }

    private String function(Fn f) {
      List<String> args = f.args().stream().map(this::expr).toList();
      return switch (f.name()) {
        case "SUBSTRING" ->
            "SUBSTRING("
                + args.get(0)
                + " FROM "
                + args.get(1)
                + (args.size() > 2 ? " FOR " + args.get(2) : "")
                + ")";
        case "POSITION" -> "POSITION(" + args.get(0) + " IN " + args.get(1) + ")";
        default -> f.name() + "(" + String.join(", ", args) + ")";
      };
    }

    private String aggregate(Agg a) {
      if (a.arg() == null) {
        return "COUNT(*)";
      }
      String arg = expr(a.arg());
      if (a.fn().equals("AVG")) {
        arg = "CAST(" + arg + " AS DOUBLE)";
      }
      return a.fn() + "(" + (a.distinct() ? "DISTINCT " : "") + arg + ")";
    }

    private String literal(Lit l) {
      if (prepared && l.param()) {
        parameters.add(l);
        return "?";
      }
      return inline(l);
    }
  }

  public static String inline(Lit l) {
    Object v = l.value();
    if (v == null) {
      return "NULL";
    }
    return switch (l.type()) {
      case VARCHAR -> quote((String) v);
      case BIGINT -> Long.toString((Long) v);
      case DOUBLE -> {
        String text = Double.toString((Double) v);
        yield text.contains("E") ? text : text + "E0";
      }
      case BOOLEAN -> ((Boolean) v) ? "TRUE" : "FALSE";
      case TIMESTAMP -> "TIMESTAMP '" + timestamp((Long) v) + "'";
    };
  }

  /** Column names that are reserved words in the driver's SQL parser must be quoted. */
  static String identifier(String name) {
    return name.equalsIgnoreCase("LANGUAGE") ? "\"" + name + "\"" : name;
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
