package io.khorosjdbc.driver.correctness;

import io.khorosjdbc.driver.correctness.oracle.DuckOracle;
import io.khorosjdbc.driver.correctness.oracle.Reports;
import io.khorosjdbc.driver.correctness.oracle.Sql;
import io.khorosjdbc.driver.correctness.oracle.Sql.Lit;
import io.khorosjdbc.driver.correctness.oracle.Sql.Query;
import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Collectors;

/** Runs one query through the driver and through the oracle and classifies the outcome. */
final class Harness {
  enum Verdict {
    MATCH(false),
    BOTH_REJECTED(false),
    DRIVER_REJECTED(false),
    MISMATCH(true),
    ACCEPTED_INVALID(true),
    DRIVER_ERROR(true),
    /** A discrepancy of a known, reported driver bug (see {@link KnownDriverBugs}). */
    KNOWN_DRIVER_BUG(false),
    /**
     * The oracle expected an error, but the SQL planner proved the WHERE clause false and the
     * driver answered without any export: no predicate reached the driver to reject.
     */
    PLANNER_EMPTY(false),
    /** The oracle cannot evaluate the query (a window ending now); not generated on purpose. */
    SKIPPED(false);

    final boolean failure;

    Verdict(boolean failure) {
      this.failure = failure;
    }
  }

  record Outcome(
      Verdict verdict,
      String detail,
      String driverSql,
      List<Lit> parameters,
      DuckOracle.Answer answer,
      List<List<Object>> driverRows,
      List<JournalEntry> journal,
      String rejectionKind) {}

  /** A named driver connection: csv, json, or csv with another apiTimeZone. */
  record Target(String name, Connection connection) {}

  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

  private final EmulatorFixture emu;
  private final DuckOracle oracle;
  final java.util.concurrent.atomic.AtomicLong oracleNanos =
      new java.util.concurrent.atomic.AtomicLong();
  final java.util.concurrent.atomic.AtomicLong driverNanos =
      new java.util.concurrent.atomic.AtomicLong();

  Harness(EmulatorFixture emu, DuckOracle oracle) {
    this.emu = emu;
    this.oracle = oracle;
  }

  /** Runs both sides; a discrepancy of a known driver bug is KNOWN_DRIVER_BUG unless strict. */
  Outcome run(Query q, Target target) throws SQLException {
    return run(q, target, true);
  }

  /**
   * @param journal true: reset the emulator first and keep the query's requests (only when no other
   *     query runs); false: leave the journal alone (concurrent runs)
   */
  Outcome run(Query q, Target target, boolean journal) throws SQLException {
    Outcome o = compare(q, target, journal);
    if (o.verdict() == Verdict.ACCEPTED_INVALID
        && journal
        && o.journal().stream().noneMatch(e -> e.route().equals("create"))) {
      return new Outcome(
          Verdict.PLANNER_EMPTY,
          o.detail(),
          o.driverSql(),
          o.parameters(),
          o.answer(),
          o.driverRows(),
          o.journal(),
          null);
    }
    if (o.answer().rejected() != null && o.answer().rejected().kind.equals("oracle-needs-end")) {
      return new Outcome(
          Verdict.SKIPPED,
          o.detail(),
          o.driverSql(),
          o.parameters(),
          o.answer(),
          o.driverRows(),
          o.journal(),
          null);
    }
    if (o.verdict().failure && !KnownDriverBugs.STRICT && journal) {
      String bug = KnownDriverBugs.classify(q, o);
      if (bug != null) {
        return new Outcome(
            Verdict.KNOWN_DRIVER_BUG,
            bug + "\n" + o.detail(),
            o.driverSql(),
            o.parameters(),
            o.answer(),
            o.driverRows(),
            o.journal(),
            bug);
      }
    }
    return o;
  }

  /**
   * Runs variants of one prepared statement (same SQL text, other values) through one
   * PreparedStatement, so the plan is made once and executed with each binding.
   */
  List<Outcome> runPrepared(List<Query> variants, Target target) throws SQLException {
    Sql.Rendered first =
        Sql.render(variants.get(0), Sql.Dialect.DRIVER, f -> Reports.ALL.get(f.table()).sqlName());
    PreparedStatement ps;
    long t0 = System.nanoTime();
    try {
      ps = target.connection().prepareStatement(first.sql());
    } catch (SQLException | RuntimeException e) {
      driverNanos.addAndGet(System.nanoTime() - t0);
      List<Outcome> out = new ArrayList<>();
      for (Query q : variants) {
        out.add(compare(q, target, false, e, null));
      }
      return out;
    }
    driverNanos.addAndGet(System.nanoTime() - t0);
    try (PreparedStatement statement = ps) {
      List<Outcome> out = new ArrayList<>();
      for (Query q : variants) {
        out.add(compare(q, target, false, null, statement));
      }
      return out;
    }
  }

  Outcome compare(Query q, Target target, boolean withJournal) throws SQLException {
    return compare(q, target, withJournal, null, null);
  }

  private Outcome compare(
      Query q,
      Target target,
      boolean withJournal,
      Exception prepareError,
      PreparedStatement prepared)
      throws SQLException {
    long t0 = System.nanoTime();
    DuckOracle.Answer answer;
    synchronized (oracle) {
      answer = oracle.answer(q);
    }
    long t1 = System.nanoTime();
    oracleNanos.addAndGet(t1 - t0);
    Sql.Rendered rendered =
        Sql.render(q, Sql.Dialect.DRIVER, f -> Reports.ALL.get(f.table()).sqlName());
    if (withJournal) {
      emu.emulator().reset();
    }
    List<List<Object>> rows;
    try {
      if (prepareError != null) {
        throw prepareError;
      }
      rows =
          prepared != null
              ? executePrepared(prepared, rendered)
              : execute(target.connection(), rendered);
    } catch (Exception e) {
      driverNanos.addAndGet(System.nanoTime() - t1);
      List<JournalEntry> journal = withJournal ? emu.emulator().journal() : List.of();
      String kind = documentedKind(e);
      String message = messages(e);
      if (kind == null) {
        return new Outcome(
            Verdict.DRIVER_ERROR,
            message,
            rendered.sql(),
            rendered.parameters(),
            answer,
            null,
            journal,
            null);
      }
      return new Outcome(
          answer.rejected() != null ? Verdict.BOTH_REJECTED : Verdict.DRIVER_REJECTED,
          kind + ": " + message,
          rendered.sql(),
          rendered.parameters(),
          answer,
          null,
          journal,
          kind);
    }
    driverNanos.addAndGet(System.nanoTime() - t1);
    List<JournalEntry> journal = withJournal ? emu.emulator().journal() : List.of();
    if (answer.rejected() != null) {
      return new Outcome(
          Verdict.ACCEPTED_INVALID,
          "the oracle expected " + answer.rejected().getMessage(),
          rendered.sql(),
          rendered.parameters(),
          answer,
          rows,
          journal,
          null);
    }
    String diff = Compare.diff(q, answer.rows(), rows);
    return new Outcome(
        diff == null ? Verdict.MATCH : Verdict.MISMATCH,
        diff,
        rendered.sql(),
        rendered.parameters(),
        answer,
        rows,
        journal,
        null);
  }

  static List<List<Object>> execute(Connection c, Sql.Rendered rendered) throws SQLException {
    if (rendered.parameters().isEmpty()) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(rendered.sql())) {
        return read(rs);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(rendered.sql())) {
      return executePrepared(ps, rendered);
    }
  }

  static List<List<Object>> executePrepared(PreparedStatement ps, Sql.Rendered rendered)
      throws SQLException {
    {
      ps.clearParameters();
      int i = 1;
      for (Lit l : rendered.parameters()) {
        switch (l.type()) {
          case VARCHAR -> ps.setString(i, (String) l.value());
          case BIGINT -> ps.setLong(i, (Long) l.value());
          case DOUBLE -> ps.setDouble(i, (Double) l.value());
          case BOOLEAN -> ps.setBoolean(i, (Boolean) l.value());
          case TIMESTAMP ->
              ps.setTimestamp(i, new Timestamp((Long) l.value()), (Calendar) UTC.clone());
        }
        i++;
      }
      try (ResultSet rs = ps.executeQuery()) {
        return read(rs);
      }
    }
  }

  static List<List<Object>> read(ResultSet rs) throws SQLException {
    ResultSetMetaData m = rs.getMetaData();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= m.getColumnCount(); i++) {
        Object v =
            switch (m.getColumnType(i)) {
              case Types.TIMESTAMP -> {
                Timestamp t = rs.getTimestamp(i, (Calendar) UTC.clone());
                yield t == null
                    ? null
                    : LocalDateTime.ofInstant(Instant.ofEpochMilli(t.getTime()), ZoneOffset.UTC);
              }
              case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                long v2 = rs.getLong(i);
                yield rs.wasNull() ? null : v2;
              }
              case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.DECIMAL -> {
                double d = rs.getDouble(i);
                yield rs.wasNull() ? null : d;
              }
              case Types.BOOLEAN -> {
                boolean b = rs.getBoolean(i);
                yield rs.wasNull() ? null : b;
              }
              default -> rs.getString(i);
            };
        row.add(v);
      }
      rows.add(row);
    }
    return rows;
  }

  /** The documented error family of a driver failure (docs/sql-reference.md "Errors"), or null. */
  static String documentedKind(Throwable e) {
    String m = messages(e);
    Map<String, String> kinds =
        Map.of(
            "needs a time window", "no-window",
            "has an end but no start", "end-without-start",
            "is empty: it starts at", "empty-window",
            "cannot be used this way in the WHERE clause", "unsupported-predicate",
            "cannot be used with <> or NOT IN", "unsupported-predicate",
            "does not accept", "parameter-value",
            "cannot be derived from the predicate", "opaque-anchor",
            "separate exports (OR and IN lists multiply)", "too-many-branches");
    for (Map.Entry<String, String> k : kinds.entrySet()) {
      if (m.contains(k.getKey())) {
        return k.getValue();
      }
    }
    return null;
  }

  static String messages(Throwable e) {
    List<String> out = new ArrayList<>();
    for (Throwable t = e; t != null && out.size() < 6; t = t.getCause()) {
      out.add(t.getClass().getSimpleName() + ": " + t.getMessage());
    }
    return String.join(" <- ", out);
  }

  static String describeJournal(List<JournalEntry> journal) {
    return journal.stream()
        .filter(e -> e.route().equals("create"))
        .map(
            e ->
                "  create "
                    + e.exportId()
                    + " "
                    + e.parameters().entrySet().stream()
                        .filter(p -> !p.getKey().equals("companyKey"))
                        .map(p -> p.getKey() + "=" + String.join(",", p.getValue()))
                        .collect(Collectors.joining("&"))
                    + " -> "
                    + e.status())
        .collect(Collectors.joining("\n"));
  }
}
