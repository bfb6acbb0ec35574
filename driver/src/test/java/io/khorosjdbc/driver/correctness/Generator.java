package io.khorosjdbc.driver.correctness;

import static io.khorosjdbc.driver.correctness.World.HOUR;

import io.khorosjdbc.driver.correctness.oracle.Reports;
import io.khorosjdbc.driver.correctness.oracle.Reports.Param;
import io.khorosjdbc.driver.correctness.oracle.Reports.Report;
import io.khorosjdbc.driver.correctness.oracle.Sql.Agg;
import io.khorosjdbc.driver.correctness.oracle.Sql.And;
import io.khorosjdbc.driver.correctness.oracle.Sql.Between;
import io.khorosjdbc.driver.correctness.oracle.Sql.Cmp;
import io.khorosjdbc.driver.correctness.oracle.Sql.Col;
import io.khorosjdbc.driver.correctness.oracle.Sql.Expr;
import io.khorosjdbc.driver.correctness.oracle.Sql.Fn;
import io.khorosjdbc.driver.correctness.oracle.Sql.From;
import io.khorosjdbc.driver.correctness.oracle.Sql.In;
import io.khorosjdbc.driver.correctness.oracle.Sql.IsNull;
import io.khorosjdbc.driver.correctness.oracle.Sql.Item;
import io.khorosjdbc.driver.correctness.oracle.Sql.Like;
import io.khorosjdbc.driver.correctness.oracle.Sql.Lit;
import io.khorosjdbc.driver.correctness.oracle.Sql.Not;
import io.khorosjdbc.driver.correctness.oracle.Sql.Or;
import io.khorosjdbc.driver.correctness.oracle.Sql.Order;
import io.khorosjdbc.driver.correctness.oracle.Sql.Query;
import io.khorosjdbc.driver.correctness.oracle.Sql.Type;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates random queries within what docs/sql-reference.md supports: every table, projections,
 * data predicates (=, <>, <, BETWEEN, IN, LIKE, IS NULL, AND/OR/NOT), string functions of text
 * columns (CHAR_LENGTH, SUBSTRING, POSITION, UPPER, LOWER; LIKE with '_' on emoji and line breaks)
 * in predicates, projections, group keys and MIN/MAX, windows on exact boundaries and across hour
 * and day boundaries, anchor ranges (alone, ORed, narrowing a window), API_* parameters (=, IN,
 * booleans), GROUP BY with aggregates, DISTINCT, fully ordered ORDER BY with LIMIT/OFFSET, joins on
 * ids, and prepared statements. About one query in twenty is invalid on purpose (a documented
 * error). Same seed, same queries.
 */
final class Generator {
  private static final List<String> TIME_INTERVALS =
      List.of("900000", "1800000", "3600000", "7200000", "14400000", "86400000");

  record JoinPair(String left, String leftColumn, String right, String rightColumn) {}

  static final List<JoinPair> JOINS =
      List.of(
          new JoinPair("response", "CONVERSATION_ID", "conversation_actions", "CONVERSATION_ID"),
          new JoinPair("response", "RESPONSE_ID", "response_approval", "RESPONSE_ID"),
          new JoinPair("combined", "MESSAGE_ID", "response", "RESPONSE_ID"),
          new JoinPair("incoming_post", "POST_ID", "combined", "MESSAGE_ID"),
          new JoinPair("conversation", "CONVERSATION_ID", "response", "CONVERSATION_ID"),
          new JoinPair("incoming_post", "CONVERSATION_ID", "raw_expert_help", "CONVERSATION_ID"),
          new JoinPair("response", "AGENT_ID", "user", "AGENT_ID"),
          new JoinPair(
              "conversation_actions",
              "CONVERSATION_ID",
              "conversation_actions",
              "CONVERSATION_ID"));

  private final World w;
  private final Random r;
  private boolean invalidAllowed;

  Generator(World w, long seed) {
    this.w = w;
    this.r = new Random(seed);
  }

  Query next() {
    boolean join = r.nextInt(100) < 15;
    invalidAllowed = !join && r.nextInt(100) < 6;
    List<From> from = new ArrayList<>();
    List<Expr> on = new ArrayList<>();
    List<Expr> where = new ArrayList<>();
    if (join) {
      JoinPair p = JOINS.get(r.nextInt(JOINS.size()));
      from.add(new From(p.left(), "t1"));
      from.add(new From(p.right(), "t2"));
      on.add(
          new Cmp("=", col("t1", p.left(), p.leftColumn()), col("t2", p.right(), p.rightColumn())));
    } else {
      List<String> tables = new ArrayList<>(Reports.ALL.keySet());
      from.add(new From(tables.get(r.nextInt(tables.size())), "t1"));
    }
    for (From f : from) {
      where.addAll(aliasPredicates(Reports.ALL.get(f.table()), f.alias(), join));
    }
    Query q =
        new Query(
            from,
            on,
            where.isEmpty() ? null : new And(where),
            List.of(),
            false,
            List.of(),
            null,
            List.of(),
            null,
            null,
            false);
    q = projection(q);
    if (r.nextInt(100) < 40) {
      q =
          new Query(
              q.from(),
              q.on(),
              markParams(q.where()),
              q.select(),
              q.distinct(),
              q.groupBy(),
              q.having(),
              q.orderBy(),
              q.limit(),
              q.offset(),
              true);
    }
    return q;
  }

  /**
   * The same prepared statement with other values: every TIMESTAMP parameter moved by one random
   * shift, so one plan is executed again with new windows.
   */
  Query rebind(Query q) {
    long[] shifts = {HOUR, 2 * HOUR, 5 * HOUR, World.DAY, -HOUR, -3 * HOUR, 30 * 60_000L, 1};
    long shift = shifts[r.nextInt(shifts.length)];
    return q.withWhere(shift(q.where(), shift));
  }

  private static Expr shift(Expr e, long by) {
    if (e instanceof Lit l && l.param() && l.type() == Type.TIMESTAMP) {
      return new Lit((Long) l.value() + by, Type.TIMESTAMP, true);
    } else if (e instanceof Cmp c) {
      return new Cmp(c.op(), shift(c.left(), by), shift(c.right(), by));
    } else if (e instanceof Between b) {
      return new Between(b.expr(), shift(b.low(), by), shift(b.high(), by), b.negated());
    } else if (e instanceof In in) {
      return new In(in.expr(), in.items().stream().map(i -> shift(i, by)).toList(), in.negated());
    } else if (e instanceof And a) {
      return new And(a.items().stream().map(i -> shift(i, by)).toList());
    } else if (e instanceof Or o) {
      return new Or(o.items().stream().map(i -> shift(i, by)).toList());
    } else if (e instanceof Not n) {
      return new Not(shift(n.expr(), by));
    }
    return e;
  }

  // ------------------------------------------------------------------ WHERE

  private List<Expr> aliasPredicates(Report rep, String alias, boolean join) {
    List<Expr> out = new ArrayList<>();
    List<Expr> params = new ArrayList<>();
    String anchor = rep.anchor();
    if (rep.table().equals("conversation")) {
      int pick = r.nextInt(4);
      if (pick > 0) {
        String type = List.of("OPEN_AT_END", "CLOSED", "CREATED").get(pick - 1);
        params.add(
            new Cmp(
                "=",
                pcol(alias, "API_CONVERSATION_REPORT_TYPE", Type.VARCHAR),
                lit(type, Type.VARCHAR)));
        anchor =
            type.equals("CLOSED") ? "CLOSED_TIME" : type.equals("CREATED") ? "CREATED_TIME" : null;
      } else if (r.nextInt(5) == 0) {
        params.add(
            new In(
                pcol(alias, "API_CONVERSATION_REPORT_TYPE", Type.VARCHAR),
                List.of(lit("OPEN_AT_END", Type.VARCHAR), lit("CREATED", Type.VARCHAR)),
                false));
      }
    }
    boolean invalid = invalidAllowed;
    out.add(timePart(rep, alias, anchor));
    if (!invalid && r.nextInt(100) < (join ? 15 : 35)) {
      params.add(paramPredicate(rep, alias));
      if (r.nextInt(100) < 15) {
        params.add(paramPredicate(rep, alias));
      }
    }
    out.addAll(params);
    int atoms = join ? r.nextInt(2) : r.nextInt(4);
    for (int i = 0; i < atoms; i++) {
      Expr d = dataPredicate(rep, alias, 0);
      if (d != null) {
        out.add(d);
      }
    }
    List<String> texts = w.textColumns.get(rep.table());
    if (!texts.isEmpty() && r.nextInt(100) < (join ? 10 : 25)) {
      String name = texts.get(r.nextInt(texts.size()));
      List<Object> samples = w.samples.get(rep.table()).get(name);
      out.add(
          stringPredicate(
              col(alias, rep.table(), name), (String) samples.get(r.nextInt(samples.size()))));
    }
    return out;
  }

  /** The predicates that choose the window. */
  private Expr timePart(Report rep, String alias, String anchor) {
    if (invalidAllowed) {
      invalidAllowed = false;
      return invalidTime(rep, alias, anchor);
    }
    long[] win = window();
    if (anchor == null) {
      int k = r.nextInt(100);
      if (k < 80) {
        return windowPredicate(alias, win[0], win[1]);
      }
      long[] other = related(win);
      return new Or(
          List.of(
              windowPredicate(alias, win[0], win[1]), windowPredicate(alias, other[0], other[1])));
    }
    Type ts = Type.TIMESTAMP;
    Col a = col(alias, rep.table(), anchor);
    int k = r.nextInt(100);
    if (k < 35) {
      return windowPredicate(alias, win[0], win[1]);
    } else if (k < 45) {
      long[] other = related(win);
      return new Or(
          List.of(
              windowPredicate(alias, win[0], win[1]), windowPredicate(alias, other[0], other[1])));
    } else if (k < 62) {
      return anchorRange(a, win[0], win[1]);
    } else if (k < 72) {
      long[] other = related(win);
      List<Expr> ranges =
          new ArrayList<>(
              List.of(anchorRange(a, win[0], win[1]), anchorRange(a, other[0], other[1])));
      if (r.nextInt(3) == 0) {
        long[] third = related(other);
        ranges.add(anchorRange(a, third[0], third[1]));
      }
      return new Or(ranges);
    } else if (k < 82) {
      long[] inner = narrowing(win);
      return new And(
          List.of(windowPredicate(alias, win[0], win[1]), anchorRange(a, inner[0], inner[1])));
    } else if (k < 88) {
      long cut = point(win[0], win[1]);
      Expr data = dataPredicate(rep, alias, 1);
      Expr bound = new Cmp(r.nextBoolean() ? "<" : ">=", a, lit(cut, ts));
      return new And(
          List.of(
              windowPredicate(alias, win[0], win[1]),
              new Or(data == null ? List.of(bound) : List.of(bound, data))));
    } else if (k < 94) {
      long x = point(win[0], win[1]);
      long y = point(win[0], win[1]);
      return new And(
          List.of(
              windowPredicate(alias, win[0], win[1]),
              new Or(
                  List.of(
                      new Cmp("<", a, lit(Math.max(x, y), ts)),
                      new Cmp(">=", a, lit(Math.min(x, y), ts))))));
    } else {
      long[] other = related(win);
      return new Or(
          List.of(windowPredicate(alias, win[0], win[1]), anchorRange(a, other[0], other[1])));
    }
  }

  private Expr invalidTime(Report rep, String alias, String anchor) {
    long[] win = window();
    Type ts = Type.TIMESTAMP;
    return switch (r.nextInt(6)) {
      case 0 -> new Cmp("<=", pcol(alias, "WINDOW_END", ts), lit(win[1], ts)); // end, no start
      case 1 ->
          new And(
              List.of(
                  new Cmp(">=", pcol(alias, "WINDOW_START", ts), lit(win[1], ts)),
                  new Cmp("<=", pcol(alias, "WINDOW_END", ts), lit(win[0], ts)))); // reversed
      // not next to WINDOW_START = a, which the planner would keep alone (a <> b is implied)
      case 2 ->
          new And(
              List.of(
                  new Cmp(">=", pcol(alias, "WINDOW_START", ts), lit(win[0], ts)),
                  new Cmp("<=", pcol(alias, "WINDOW_END", ts), lit(win[1], ts)),
                  new Cmp("<>", pcol(alias, "WINDOW_START", ts), lit(win[0] + HOUR, ts))));
      case 3 ->
          anchor != null
              ? new IsNull(col(alias, rep.table(), anchor), true) // opaque anchor only
              : new Cmp("<", pcol(alias, "WINDOW_START", ts), lit(win[0], ts)); // no start
      case 4 ->
          rep.param("API_PRIORITY").isPresent()
              ? new And(
                  List.of(
                      windowPredicate(alias, win[0], win[1]),
                      new Cmp(">", pcol(alias, "API_PRIORITY", Type.BIGINT), lit(2L, Type.BIGINT))))
              : new Cmp("<", pcol(alias, "WINDOW_END", ts), lit(win[1], ts));
      default ->
          rep.param("API_PRIORITY").isPresent()
              ? new And(
                  List.of(
                      windowPredicate(alias, win[0], win[1]),
                      new Cmp("=", pcol(alias, "API_PRIORITY", Type.BIGINT), lit(9L, Type.BIGINT))))
              : new And(
                  List.of(
                      windowPredicate(alias, win[0], win[1]),
                      new Like(
                          pcol(
                              alias,
                              rep.params().stream()
                                  .filter(p -> p.type() == Type.VARCHAR)
                                  .findFirst()
                                  .orElseThrow()
                                  .name(),
                              Type.VARCHAR),
                          "1%",
                          false)));
    };
  }

  /** A window of one to five hours inside the span, often on hour or day boundaries. */
  private long[] window() {
    long start = boundary();
    long length;
    int k = r.nextInt(100);
    if (k < 60) {
      length = (1 + r.nextInt(4)) * HOUR;
    } else if (k < 80) {
      length = HOUR / 2 + r.nextInt(4 * 60) * 60_000L;
    } else {
      long next = boundary();
      length = Math.abs(next - start);
      if (length < 60_000L || length > 5 * HOUR) {
        length = 2 * HOUR + 1;
      }
    }
    return new long[] {start, start + length};
  }

  private long boundary() {
    int k = r.nextInt(100);
    if (k < 55) {
      return w.base + r.nextInt(68) * HOUR;
    } else if (k < 65) {
      return w.base + r.nextInt(3) * World.DAY - (1 + r.nextInt(3)) * HOUR + World.DAY;
    } else {
      long t = eventTime();
      return switch (r.nextInt(5)) {
        case 0 -> t - 1;
        case 1 -> t + 1;
        case 2 -> t + 1000;
        default -> t;
      };
    }
  }

  private long eventTime() {
    List<String> tables = new ArrayList<>(w.eventTimes.keySet());
    List<Long> times = w.eventTimes.get(tables.get(r.nextInt(tables.size())));
    if (times.isEmpty()) {
      return w.base + r.nextInt(68) * HOUR;
    }
    long t = times.get(r.nextInt(times.size()));
    return Math.min(t, w.base + World.SPAN - 6 * HOUR);
  }

  /** Another window that overlaps, touches, equals or misses the first. */
  private long[] related(long[] win) {
    long len = win[1] - win[0];
    return switch (r.nextInt(5)) {
      case 0 -> new long[] {win[1], win[1] + len}; // touching
      case 1 -> new long[] {win[0] + len / 2, win[1] + len / 2}; // overlapping
      case 2 -> new long[] {win[0], win[1]}; // the same
      case 3 -> new long[] {win[0] + len / 3, win[1] - len / 3}; // inside
      default -> window();
    };
  }

  private long[] narrowing(long[] win) {
    long len = win[1] - win[0];
    return switch (r.nextInt(4)) {
      case 0 -> new long[] {win[0] + len / 4, win[1] - len / 4};
      case 1 -> new long[] {win[0] - len / 2, win[0] + len / 2};
      case 2 -> new long[] {win[1], win[1] + HOUR}; // outside: selects nothing
      default -> {
        long p = point(win[0], win[1]);
        yield new long[] {p, p + 1000};
      }
    };
  }

  /** A point in [from, to): an event time inside when there is one, else a round time. */
  private long point(long from, long to) {
    for (int i = 0; i < 5; i++) {
      long t = eventTime();
      if (t >= from && t < to) {
        return t;
      }
    }
    return from + (to - from) / (2 + r.nextInt(3)) / 60_000L * 60_000L;
  }

  private Expr windowPredicate(String alias, long start, long end) {
    Type ts = Type.TIMESTAMP;
    Col ws = pcol(alias, "WINDOW_START", ts);
    Col we = pcol(alias, "WINDOW_END", ts);
    List<Expr> parts = new ArrayList<>();
    int lo = r.nextInt(10);
    if (lo < 7) {
      parts.add(
          r.nextInt(6) == 0
              ? new Cmp("<=", lit(start, ts), ws)
              : new Cmp(">=", ws, lit(start, ts)));
    } else if (lo < 8) {
      parts.add(new Cmp("=", ws, lit(start, ts)));
    } else {
      parts.add(new Cmp(">", ws, lit(start - 1, ts)));
    }
    int hi = r.nextInt(10);
    if (hi < 7) {
      parts.add(new Cmp("<=", we, lit(end, ts)));
    } else if (hi < 8) {
      parts.add(new Cmp("=", we, lit(end, ts)));
    } else {
      parts.add(new Cmp("<", we, lit(end + 1, ts)));
    }
    if (r.nextInt(10) == 0) {
      parts.add(new Cmp(">", we, lit(start, ts))); // a check the chosen window passes
    }
    if (r.nextInt(20) == 0) {
      parts.add(new Between(ws, lit(start - HOUR, ts), lit(start, ts), false));
    }
    return parts.size() == 1 ? parts.get(0) : new And(parts);
  }

  private Expr anchorRange(Col a, long start, long end) {
    Type ts = Type.TIMESTAMP;
    return switch (r.nextInt(6)) {
      case 0 -> new Between(a, lit(start, ts), lit(end - 1, ts), false);
      case 1 ->
          new And(List.of(new Cmp(">", a, lit(start - 1, ts)), new Cmp("<=", a, lit(end - 1, ts))));
      case 2 -> new And(List.of(new Cmp("<", a, lit(end, ts)), new Cmp(">=", a, lit(start, ts))));
      default -> new And(List.of(new Cmp(">=", a, lit(start, ts)), new Cmp("<", a, lit(end, ts))));
    };
  }

  private Expr paramPredicate(Report rep, String alias) {
    List<Param> params =
        rep.params().stream()
            .filter(p -> !p.name().equals("API_CONVERSATION_REPORT_TYPE"))
            .toList();
    if (params.isEmpty()) {
      return new Cmp("=", lit(1L, Type.BIGINT), lit(1L, Type.BIGINT));
    }
    Param p = params.get(r.nextInt(params.size()));
    Col c = pcol(alias, p.name(), p.type());
    List<String> domain = domain(p);
    if (p.type() == Type.BOOLEAN) {
      return switch (r.nextInt(4)) {
        case 0 -> c;
        case 1 -> new Not(c);
        default -> new Cmp("=", c, lit(r.nextBoolean(), Type.BOOLEAN));
      };
    }
    Expr e;
    if (r.nextInt(3) == 0 && domain.size() > 1) {
      List<Expr> items = new ArrayList<>();
      int n = 2 + r.nextInt(Math.min(2, domain.size() - 1));
      for (int i = 0; i < n; i++) {
        items.add(paramLit(p, domain.get(r.nextInt(domain.size()))));
      }
      e = new In(c, items, false);
    } else {
      e = new Cmp("=", c, paramLit(p, domain.get(r.nextInt(domain.size()))));
    }
    if (r.nextInt(12) == 0) {
      Expr d = dataPredicate(rep, alias, 1);
      if (d != null) {
        return new Or(List.of(e, d));
      }
    }
    return e;
  }

  private List<String> domain(Param p) {
    if (!p.allowed().isEmpty()) {
      return p.allowed();
    }
    if (p.name().equals("API_TIME_INTERVAL")) {
      return TIME_INTERVALS;
    }
    List<String> values = w.paramValues.getOrDefault(p.name(), List.of());
    return values.isEmpty() ? List.of("1") : values;
  }

  private Lit paramLit(Param p, String v) {
    return p.type() == Type.BIGINT ? lit(Long.parseLong(v), Type.BIGINT) : lit(v, Type.VARCHAR);
  }

  /** A predicate on data columns (never the anchor candidates): an atom, NOT, AND or OR. */
  private Expr dataPredicate(Report rep, String alias, int depth) {
    int k = r.nextInt(100);
    if (depth < 2 && k < 15) {
      Expr a = dataPredicate(rep, alias, depth + 1);
      Expr b = dataPredicate(rep, alias, depth + 1);
      if (a != null && b != null) {
        return r.nextBoolean() ? new Or(List.of(a, b)) : new And(List.of(a, b));
      }
    }
    if (depth < 2 && k < 22) {
      Expr a = dataPredicate(rep, alias, depth + 1);
      return a == null ? null : new Not(a);
    }
    return atom(rep, alias);
  }

  private Expr atom(Report rep, String alias) {
    List<String> cols =
        w.columns.get(rep.table()).stream()
            .filter(c -> rep.anchorCandidates().stream().noneMatch(c::equalsIgnoreCase))
            .toList();
    String name = cols.get(r.nextInt(cols.size()));
    Type t = Reports.typeOf(name);
    Col c = col(alias, rep.table(), name);
    List<Object> samples = w.samples.get(rep.table()).getOrDefault(name, List.of());
    if (samples.isEmpty() || r.nextInt(12) == 0) {
      return new IsNull(c, r.nextBoolean());
    }
    Object v = samples.get(r.nextInt(samples.size()));
    Object v2 = samples.get(r.nextInt(samples.size()));
    switch (t) {
      case BOOLEAN:
        return switch (r.nextInt(3)) {
          case 0 -> c;
          case 1 -> new Not(c);
          default -> new Cmp("=", c, lit(v, t));
        };
      case VARCHAR:
        if (r.nextInt(4) == 0) {
          return stringPredicate(c, (String) v);
        }
        switch (r.nextInt(7)) {
          case 0:
            return new Cmp("<>", c, lit(v, t));
          case 1:
            {
              List<Expr> items = new ArrayList<>();
              for (int i = 0; i < 1 + r.nextInt(3); i++) {
                items.add(lit(samples.get(r.nextInt(samples.size())), t));
              }
              if (r.nextInt(4) == 0) {
                items.add(lit("no such value", t));
              }
              return new In(c, items, r.nextInt(5) == 0);
            }
          case 2:
            {
              String s = (String) v;
              int n = length(s);
              String pattern =
                  switch (r.nextInt(3)) {
                    case 0 -> codePoints(s, 0, 1 + r.nextInt(3)) + "%";
                    case 1 -> "%" + codePoints(s, n / 2, n / 2 + 2) + "%";
                    default -> n > 1 ? "_" + codePoints(s, 1, n) : s;
                  };
              if (pattern.contains("\\")) {
                pattern = "%";
              }
              return new Like(c, pattern, r.nextInt(5) == 0);
            }
          case 3:
            return new Cmp(r.nextBoolean() ? "<" : ">=", c, lit(v, t));
          case 4:
            {
              String a = (String) v;
              String b = (String) v2;
              return new Between(
                  c,
                  lit(a.compareTo(b) <= 0 ? a : b, t),
                  lit(a.compareTo(b) <= 0 ? b : a, t),
                  false);
            }
          default:
            return new Cmp("=", c, lit(v, t));
        }
      default: // BIGINT, DOUBLE, TIMESTAMP
        return switch (r.nextInt(6)) {
          case 0 -> new Cmp("=", c, lit(v, t));
          case 1 -> new Cmp("<>", c, lit(v, t));
          case 2 -> new Cmp(r.nextBoolean() ? "<" : ">=", c, lit(v, t));
          case 3 ->
              t == Type.TIMESTAMP
                  ? new Cmp(">", c, lit(v, t))
                  : new In(c, List.of(lit(v, t), lit(v2, t)), false);
          default -> {
            boolean ordered = ((Comparable<Object>) v).compareTo(v2) <= 0;
            yield new Between(c, lit(ordered ? v : v2, t), lit(ordered ? v2 : v, t), false);
          }
        };
    }
  }

  /**
   * A predicate through a string function, built from a sample value so that it selects rows. The
   * texts end with emoji often (docs/emulator.md "Free text"), and these cut, count and match
   * around them: the last character, '_' in its place, a piece of the text to find.
   */
  private Expr stringPredicate(Col c, String v) {
    int n = length(v);
    Type num = Type.BIGINT;
    Type text = Type.VARCHAR;
    switch (r.nextInt(6)) {
      case 0:
        return new Cmp(
            List.of("=", "<", ">=", "<>").get(r.nextInt(4)),
            fn("CHAR_LENGTH", num, c),
            lit((long) n, num));
      case 1:
        {
          int from = 1 + r.nextInt(n);
          if (r.nextInt(3) == 0) {
            return new Cmp(
                "=",
                fn("SUBSTRING", text, c, lit((long) from, num)),
                lit(codePoints(v, from - 1, n), text));
          }
          int count = r.nextInt(4);
          return new Cmp(
              "=",
              fn("SUBSTRING", text, c, lit((long) from, num), lit((long) count, num)),
              lit(codePoints(v, from - 1, from - 1 + count), text));
        }
      case 2:
        {
          int at = r.nextInt(n);
          String needle = codePoints(v, at, at + 1 + r.nextInt(3));
          Expr position = fn("POSITION", num, lit(needle, text), c);
          return r.nextBoolean()
              ? new Cmp(">", position, lit(0L, num))
              : new Cmp(
                  "=", position, lit((long) length(v.substring(0, v.indexOf(needle))) + 1, num));
        }
      case 3:
        return r.nextBoolean()
            ? new Cmp("=", fn("UPPER", text, c), lit(v.toUpperCase(Locale.ROOT), text))
            : new Like(
                fn("LOWER", text, c),
                likeSafe(codePoints(v, 0, 1 + r.nextInt(4)).toLowerCase(Locale.ROOT) + "%"),
                false);
      case 4:
        {
          // '_' for one or two characters, often the last, which is where the emoji are
          StringBuilder pattern = new StringBuilder();
          int last = r.nextBoolean() ? n - 1 : -1;
          int other = r.nextInt(n);
          for (int i = 0; i < n; i++) {
            pattern.append(i == last || i == other ? "_" : codePoints(v, i, i + 1));
          }
          return new Like(c, likeSafe(pattern.toString()), r.nextInt(5) == 0);
        }
      default:
        return new Cmp(
            "=",
            fn("SUBSTRING", text, c, fn("CHAR_LENGTH", num, c)),
            lit(codePoints(v, n - 1, n), text));
    }
  }

  /** Needles for POSITION in projections: the texts' emoji, a line break and common characters. */
  private static final List<String> NEEDLES =
      List.of("🎉", "😀", "👍🏽", "🏽", "🔥", "𠀋", "🙏", "\n", ",", " ", "e", "Zoë", "é");

  /** A string function of a text column, for a projection or a group key. */
  private Expr textFunction(Col c) {
    Type num = Type.BIGINT;
    Type text = Type.VARCHAR;
    return switch (r.nextInt(6)) {
      case 0 -> fn("CHAR_LENGTH", num, c);
      case 1 ->
          fn("SUBSTRING", text, c, lit(1L + r.nextInt(6), num), lit((long) r.nextInt(6), num));
      case 2 -> fn("SUBSTRING", text, c, fn("CHAR_LENGTH", num, c)); // the last character
      case 3 -> fn("POSITION", num, lit(NEEDLES.get(r.nextInt(NEEDLES.size())), text), c);
      case 4 -> fn("UPPER", text, c);
      default -> fn("LOWER", text, c);
    };
  }

  /** A text column, at times through a string function. */
  private Expr maybeTextFunction(Col c) {
    return c.type() == Type.VARCHAR && r.nextInt(4) == 0 ? textFunction(c) : c;
  }

  private static Fn fn(String name, Type type, Expr... args) {
    return new Fn(name, type, List.of(args));
  }

  /** A pattern without a backslash, which the engines escape differently. */
  private static String likeSafe(String pattern) {
    return pattern.contains("\\") ? "%" : pattern;
  }

  /** Characters (code points) {@code [from, to)} of s, clamped: never half a surrogate pair. */
  static String codePoints(String s, int from, int to) {
    int n = length(s);
    int a = Math.max(0, Math.min(from, n));
    int b = Math.max(a, Math.min(to, n));
    return s.substring(s.offsetByCodePoints(0, a), s.offsetByCodePoints(0, b));
  }

  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  // ------------------------------------------------------------------ SELECT

  private Query projection(Query q) {
    List<Col> available = new ArrayList<>();
    for (From f : q.from()) {
      Report rep = Reports.ALL.get(f.table());
      for (String c : w.columns.get(f.table())) {
        available.add(col(f.alias(), f.table(), c));
      }
      available.add(pcol(f.alias(), "WINDOW_START", Type.TIMESTAMP));
      available.add(pcol(f.alias(), "WINDOW_END", Type.TIMESTAMP));
      for (Param p : rep.params()) {
        available.add(pcol(f.alias(), p.name(), p.type()));
      }
    }
    List<Col> texts = new ArrayList<>();
    for (From f : q.from()) {
      w.textColumns.get(f.table()).forEach(c -> texts.add(col(f.alias(), f.table(), c)));
    }
    int mode = r.nextInt(100);
    List<Item> select = new ArrayList<>();
    List<Expr> groupBy = new ArrayList<>();
    Expr having = null;
    boolean distinct = false;
    if (mode < 55 || mode >= 90) {
      distinct = mode >= 90;
      int n = 1 + r.nextInt(distinct ? 3 : 5);
      for (int i = 0; i < n; i++) {
        select.add(new Item(maybeTextFunction(pick(available, distinct)), "c" + (i + 1)));
      }
      if (!texts.isEmpty() && r.nextInt(100) < 35) {
        int i = r.nextInt(n);
        select.set(i, new Item(textFunction(texts.get(r.nextInt(texts.size()))), "c" + (i + 1)));
      }
    } else {
      int keys = r.nextInt(3);
      for (int i = 0; i < keys; i++) {
        Expr key = maybeTextFunction(pick(available, true));
        if (!groupBy.contains(key)) {
          groupBy.add(key);
          select.add(new Item(key, "c" + (select.size() + 1)));
        }
      }
      if (!texts.isEmpty() && r.nextInt(100) < 25) {
        Expr key = textFunction(texts.get(r.nextInt(texts.size())));
        if (!groupBy.contains(key)) {
          groupBy.add(key);
          select.add(new Item(key, "c" + (select.size() + 1)));
        }
      }
      int aggs = 1 + r.nextInt(3);
      for (int i = 0; i < aggs; i++) {
        select.add(new Item(aggregate(available), "c" + (select.size() + 1)));
      }
      if (!texts.isEmpty() && r.nextInt(100) < 20) {
        Col text = texts.get(r.nextInt(texts.size()));
        select.add(
            new Item(
                new Agg(
                    r.nextBoolean() ? "MIN" : "MAX", fn("CHAR_LENGTH", Type.BIGINT, text), false),
                "c" + (select.size() + 1)));
      }
      if (!groupBy.isEmpty() && r.nextInt(7) == 0) {
        having = new Cmp(">", new Agg("COUNT", null, false), lit((long) r.nextInt(3), Type.BIGINT));
      }
    }
    List<Order> order = new ArrayList<>();
    Integer limit = null;
    Integer offset = null;
    boolean approx = select.stream().anyMatch(i -> i.expr() instanceof Agg a && a.approximate());
    if (!approx && r.nextInt(100) < 40) {
      List<Integer> positions = new ArrayList<>();
      for (int i = 1; i <= select.size(); i++) {
        positions.add(i);
      }
      java.util.Collections.shuffle(positions, r);
      for (int p : positions) {
        order.add(new Order(p, r.nextBoolean()));
      }
      if (r.nextBoolean()) {
        limit = 1 + r.nextInt(20);
      }
      if (r.nextInt(3) == 0) {
        offset = r.nextInt(10);
      }
    }
    return new Query(
        q.from(), q.on(), q.where(), select, distinct, groupBy, having, order, limit, offset,
        false);
  }

  private Col pick(List<Col> available, boolean lowCardinality) {
    for (int i = 0; i < 4; i++) {
      Col c = available.get(r.nextInt(available.size()));
      if (!lowCardinality
          || c.type() != Type.TIMESTAMP
          || c.name().startsWith("WINDOW")
          || r.nextInt(4) == 0) {
        return c;
      }
    }
    return available.get(r.nextInt(available.size()));
  }

  private Agg aggregate(List<Col> available) {
    Col c = available.get(r.nextInt(available.size()));
    return switch (r.nextInt(7)) {
      case 0 -> new Agg("COUNT", null, false);
      case 1 -> new Agg("COUNT", c, r.nextInt(3) == 0);
      case 2 ->
          c.type() == Type.BOOLEAN
              ? new Agg("COUNT", c, false)
              : new Agg("MIN", maybeTextFunction(c), false);
      case 3 ->
          c.type() == Type.BOOLEAN
              ? new Agg("COUNT", null, false)
              : new Agg("MAX", maybeTextFunction(c), false);
      default -> {
        List<Col> numeric =
            available.stream()
                .filter(x -> x.type() == Type.BIGINT || x.type() == Type.DOUBLE)
                .toList();
        if (numeric.isEmpty()) {
          yield new Agg("COUNT", null, false);
        }
        Col n = numeric.get(r.nextInt(numeric.size()));
        yield new Agg(r.nextBoolean() ? "SUM" : "AVG", n, false);
      }
    };
  }

  // ------------------------------------------------------------------ helpers

  private Expr markParams(Expr e) {
    if (e instanceof Lit l) {
      // every time literal is a parameter, so that a rebinding moves whole windows
      return l.type() == Type.TIMESTAMP || r.nextInt(10) < 7 ? l.asParam(true) : l;
    } else if (e instanceof Fn f) {
      // Calcite cannot type a ? as an argument of SUBSTRING or POSITION ("POSITION(<UNKNOWN> IN
      // <VARCHAR>)"); a program writes CAST(? AS ...) there. A function's arguments stay literals.
      return f;
    } else if (e instanceof Cmp c) {
      return new Cmp(c.op(), markParams(c.left()), markParams(c.right()));
    } else if (e instanceof Between b) {
      return new Between(b.expr(), markParams(b.low()), markParams(b.high()), b.negated());
    } else if (e instanceof In in) {
      return new In(in.expr(), in.items().stream().map(this::markParams).toList(), in.negated());
    } else if (e instanceof And a) {
      return new And(a.items().stream().map(this::markParams).toList());
    } else if (e instanceof Or o) {
      return new Or(o.items().stream().map(this::markParams).toList());
    } else if (e instanceof Not n) {
      return new Not(markParams(n.expr()));
    }
    return e;
  }

  Col col(String alias, String table, String name) {
    String actual = w.columnName(table, name);
    return new Col(alias, actual, Reports.typeOf(actual));
  }

  static Col pcol(String alias, String name, Type type) {
    return new Col(alias, name, type);
  }

  static Lit lit(Object v, Type t) {
    return new Lit(v, t, false);
  }

  private static final DateTimeFormatter SQL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** A value of the API's text, typed like docs/sql-reference.md "Types" (timestamps in UTC). */
  static Object parse(Type t, String v) {
    return switch (t) {
      case TIMESTAMP -> LocalDateTime.parse(v, SQL_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
      case BIGINT -> Long.parseLong(v);
      case DOUBLE -> Double.parseDouble(v);
      case BOOLEAN -> Boolean.parseBoolean(v);
      case VARCHAR -> v;
    };
  }
}
