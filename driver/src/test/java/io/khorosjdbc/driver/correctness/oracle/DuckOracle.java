package io.khorosjdbc.driver.correctness.oracle;

import io.khorosjdbc.driver.correctness.oracle.Denotation.Combo;
import io.khorosjdbc.driver.correctness.oracle.Denotation.Rejected;
import io.khorosjdbc.driver.correctness.oracle.Reports.Param;
import io.khorosjdbc.driver.correctness.oracle.Reports.Report;
import io.khorosjdbc.driver.correctness.oracle.Sql.Expr;
import io.khorosjdbc.driver.correctness.oracle.Sql.From;
import io.khorosjdbc.driver.correctness.oracle.Sql.Query;
import io.khorosjdbc.driver.correctness.oracle.Sql.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The oracle: for each FROM alias, the combinations its predicates denote ({@link Denotation}),
 * each downloaded whole ({@link GroundTruth}), typed by column name, tagged with its window and
 * parameter values and loaded once into an in-memory DuckDB table; the query then runs in DuckDB
 * over the union of an alias' tables. Results are rows of canonical Java values: null, String,
 * Long, Double, Boolean, LocalDateTime.
 */
public final class DuckOracle implements AutoCloseable {
  /** The oracle's answer: rows, or the documented error it expects from the driver. */
  public record Answer(
      List<List<Object>> rows, Rejected rejected, String sql, Map<String, List<Combo>> combos) {}

  private final GroundTruth truth;
  private final Connection duck;
  private final Map<String, String> loaded = new HashMap<>();
  private final Map<String, List<String>> columnsByTable = new HashMap<>();
  private int tables;

  public DuckOracle(GroundTruth truth, long columnsStart, long columnsEnd) throws SQLException {
    this.truth = truth;
    this.duck = DriverManager.getConnection("jdbc:duckdb:");
    for (Report r : Reports.ALL.values()) {
      columnsByTable.put(r.table(), truth.columns(r, columnsStart, columnsEnd));
    }
  }

  /** The data columns of a table as the server reports them. */
  public List<String> columns(String table) {
    return columnsByTable.get(table);
  }

  /** The full row type of a table: data columns, WINDOW_START, WINDOW_END, then API_*. */
  public List<String> rowType(Report r) {
    List<String> all = new ArrayList<>(columns(r.table()));
    all.add("WINDOW_START");
    all.add("WINDOW_END");
    r.params().forEach(p -> all.add(p.name()));
    return all;
  }

  public Answer answer(Query q) throws SQLException {
    Map<String, List<Combo>> combos = new LinkedHashMap<>();
    Map<String, String> cte = new LinkedHashMap<>();
    try {
      for (From f : q.from()) {
        Report r = Reports.ALL.get(f.table());
        List<Combo> cs = Denotation.combos(r, f.alias(), ownConjuncts(q, f.alias()));
        combos.put(f.alias(), cs);
        StringJoiner union = new StringJoiner(" UNION ALL ");
        for (Combo c : cs) {
          union.add("SELECT * FROM " + load(r, c));
        }
        if (cs.isEmpty()) {
          union.add("SELECT * FROM " + empty(r));
        }
        cte.put(f.alias(), union.toString());
      }
    } catch (Rejected e) {
      return new Answer(null, e, null, combos);
    }
    String body = Sql.render(q, Sql.Dialect.DUCKDB, f -> "src_" + f.alias()).sql();
    StringJoiner with = new StringJoiner(", ", "WITH ", " ");
    cte.forEach((alias, sql) -> with.add("src_" + alias + " AS (" + sql + ")"));
    String sql = with + body;
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return new Answer(read(rs), null, sql, combos);
    } catch (SQLException e) {
      throw new SQLException("oracle query failed: " + sql, e);
    }
  }

  /** The top-level conjuncts of WHERE that use only this alias (the ones pushed to its scan). */
  public static Expr ownConjuncts(Query q, String alias) {
    if (q.where() == null) {
      return null;
    }
    List<Expr> conjuncts = q.where() instanceof Sql.And a ? a.items() : List.of(q.where());
    List<Expr> own = new ArrayList<>();
    for (Expr e : conjuncts) {
      List<Sql.Col> cols = Denotation.columns(e);
      if (!cols.isEmpty() && cols.stream().allMatch(c -> c.alias().equals(alias))) {
        own.add(e);
      }
    }
    return own.isEmpty() ? null : own.size() == 1 ? own.get(0) : new Sql.And(own);
  }

  /** Loads one combination's export as a typed, tagged table (once per run). */
  public String load(Report r, Combo c) throws SQLException {
    Map<String, String> api = new LinkedHashMap<>();
    for (Param p : r.params()) {
      String v = c.values().get(p.name());
      if (v != null) {
        api.putAll(p.encode(r.table(), v));
      }
    }
    String key = r.table() + "|" + c.start() + "|" + c.end() + "|" + api;
    String existing = loaded.get(key);
    if (existing != null) {
      return existing;
    }
    GroundTruth.Export export = truth.export(r, c.start(), c.end(), api);
    String name = "f" + (++tables);
    String stage = stage(r);
    try (DuckDBAppender app =
        ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, stage)) {
      for (String[] row : export.rows()) {
        app.beginRow();
        for (String v : row) {
          if (v == null || v.isEmpty()) {
            app.appendNull();
          } else {
            app.append(v);
          }
        }
        app.endRow();
      }
    }
    StringJoiner select = new StringJoiner(", ");
    for (String col : export.columns()) {
      select.add(
          "CAST(\"" + col + "\" AS " + duckType(Reports.typeOf(col)) + ") AS \"" + col + "\"");
    }
    select.add("TIMESTAMP '" + Sql.timestamp(c.start()) + "' AS WINDOW_START");
    select.add("TIMESTAMP '" + Sql.timestamp(c.end()) + "' AS WINDOW_END");
    for (Param p : r.params()) {
      String v = c.values().get(p.name());
      select.add(
          (v == null
                  ? "CAST(NULL AS " + duckType(p.type()) + ")"
                  : "CAST(" + Sql.quote(v) + " AS " + duckType(p.type()) + ")")
              + " AS "
              + p.name());
    }
    try (Statement st = duck.createStatement()) {
      st.execute("CREATE TABLE " + name + " AS SELECT " + select + " FROM " + stage);
      st.execute("DELETE FROM " + stage);
    }
    loaded.put(key, name);
    return name;
  }

  private final Map<String, String> stages = new HashMap<>();

  private String stage(Report r) throws SQLException {
    String existing = stages.get(r.table());
    if (existing != null) {
      return existing;
    }
    String name = "stage_" + r.table();
    StringJoiner cols = new StringJoiner(", ");
    columns(r.table()).forEach(c -> cols.add("\"" + c + "\" VARCHAR"));
    try (Statement st = duck.createStatement()) {
      st.execute("CREATE TABLE " + name + " (" + cols + ")");
    }
    stages.put(r.table(), name);
    return name;
  }

  private String empty(Report r) throws SQLException {
    String name = "empty_" + r.table();
    if (!stages.containsKey(name)) {
      StringJoiner cols = new StringJoiner(", ");
      columns(r.table()).forEach(c -> cols.add("\"" + c + "\" " + duckType(Reports.typeOf(c))));
      cols.add("WINDOW_START TIMESTAMP").add("WINDOW_END TIMESTAMP");
      r.params().forEach(p -> cols.add(p.name() + " " + duckType(p.type())));
      try (Statement st = duck.createStatement()) {
        st.execute("CREATE TABLE " + name + " (" + cols + ")");
      }
      stages.put(name, name);
    }
    return name;
  }

  static String duckType(Type t) {
    return switch (t) {
      case TIMESTAMP -> "TIMESTAMP";
      case BIGINT -> "BIGINT";
      case BOOLEAN -> "BOOLEAN";
      case DOUBLE -> "DOUBLE";
      case VARCHAR -> "VARCHAR";
    };
  }

  private static List<List<Object>> read(ResultSet rs) throws SQLException {
    ResultSetMetaData m = rs.getMetaData();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= m.getColumnCount(); i++) {
        String type = m.getColumnTypeName(i).toUpperCase(Locale.ROOT);
        Object v;
        if (type.startsWith("TIMESTAMP")) {
          v = rs.getObject(i, LocalDateTime.class);
        } else {
          v = rs.getObject(i);
        }
        row.add(canonical(v));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Integral numbers as Long, decimals as Double. */
  public static Object canonical(Object v) {
    if (v instanceof BigInteger b) {
      return b.longValueExact();
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    } else if (v instanceof BigDecimal || v instanceof Float) {
      return ((Number) v).doubleValue();
    }
    return v;
  }

  @Override
  public void close() throws SQLException {
    duck.close();
  }
}
