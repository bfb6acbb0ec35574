package io.khorosjdbc.driver.correctness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.khorosjdbc.driver.correctness.oracle.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Minimal reproductions of the driver discrepancies the differential run found (all fixed since):
 * regression tests. A new finding goes here as a failing test marked {@code @Disabled("driver bug:
 * ...")}, with an entry in {@link KnownDriverBugs}.
 */
class DriverDiscrepancyTest {
  private static Suite suite;

  @BeforeAll
  static void start() throws Exception {
    suite = new Suite();
  }

  @AfterAll
  static void stop() throws Exception {
    suite.close();
  }

  private static String ts(long millis) {
    return "TIMESTAMP '" + Sql.timestamp(millis) + "'";
  }

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /**
   * An OR inside one window whose branches narrow the anchor differently becomes two exports with
   * the same WINDOW_START/WINDOW_END tags; events in both are returned twice.
   */
  @Test
  void oneWindowWithAnAnchorBoundInAnOrCountsEveryEventOnce() throws SQLException {
    long start = suite.base + 19 * World.HOUR;
    String window =
        " FROM response WHERE WINDOW_START >= "
            + ts(start)
            + " AND WINDOW_END <= "
            + ts(start + 2 * World.HOUR);
    long expected = scalar(suite.csv.connection(), "SELECT COUNT(*)" + window);
    long actual =
        scalar(
            suite.csv.connection(),
            "SELECT COUNT(*)"
                + window
                + " AND (RESPONSE_TIME >= "
                + ts(start + World.HOUR)
                + " OR RESPONSE_ID IS NOT NULL)");
    assertEquals(expected, actual, "every response of the window has an id");
  }

  /** A string literal outside ISO-8859-1 (agent names such as 'Łukasz Smith') fails to parse. */
  @Test
  void aNonLatin1StringLiteralFiltersRows() throws SQLException {
    long start = suite.base + 10 * World.HOUR;
    String window =
        " FROM response WHERE WINDOW_START >= "
            + ts(start)
            + " AND WINDOW_END <= "
            + ts(start + 4 * World.HOUR);
    List<String> names =
        column(suite.csv.connection(), "SELECT DISTINCT AGENT_NAME" + window + " ORDER BY 1");
    String name =
        names.stream()
            .filter(n -> !java.nio.charset.StandardCharsets.ISO_8859_1.newEncoder().canEncode(n))
            .findFirst()
            .orElse("Łukasz Smith");
    long expected;
    try (PreparedStatement ps =
        suite
            .csv
            .connection()
            .prepareStatement("SELECT COUNT(*)" + window + " AND AGENT_NAME = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        expected = rs.getLong(1);
      }
    }
    assertEquals(
        expected,
        scalar(
            suite.csv.connection(),
            "SELECT COUNT(*)" + window + " AND AGENT_NAME = '" + name + "'"));
  }

  /**
   * A CSV export of one column writes a row whose value is absent as an empty line, which the
   * driver skips as blank: the row disappears (JSON keeps it).
   */
  @Test
  void aOneColumnCsvExportKeepsRowsWithoutAValue() throws SQLException {
    long start = suite.windowWithAnAbsentHandleTime();
    String sql =
        "SELECT HANDLE_MILLIS_AVG FROM team_performance_interval WHERE WINDOW_START >= "
            + ts(start)
            + " AND WINDOW_END <= "
            + ts(start + 2 * World.HOUR + 1);
    List<String> json = column(suite.json.connection(), sql);
    assertEquals(true, json.contains(null), "the JSON answer has a team without handle time");
    List<String> csv = column(suite.csv.connection(), sql);
    assertEquals(json.size(), csv.size(), "CSV " + csv + " vs JSON " + json);
  }

  /**
   * {@code WINDOW_START <> x} is documented as an error, and is one alone; next to a range on the
   * same column Calcite folds both into a range set that the driver accepts, and it exports an
   * extra window [x + 1 ms, end) whose rows come back a second time.
   */
  @Test
  void notEqualsOnAWindowColumnIsRefusedEvenNextToARange() {
    long start = suite.base + 21 * World.HOUR;
    assertThrows(
        SQLException.class,
        () ->
            scalar(
                suite.csv.connection(),
                "SELECT COUNT(*) FROM response_approval WHERE WINDOW_START >= "
                    + ts(start)
                    + " AND WINDOW_END <= "
                    + ts(start + 2 * World.HOUR)
                    + " AND WINDOW_START <> "
                    + ts(start + World.HOUR)));
  }

  /**
   * An explicit default value ({@code API_BUSINESS_HOURS = 'ALL'}, {@code NOT
   * API_INCLUDE_DISABLED}, {@code API_CONVERSATION_REPORT_TYPE = 'OPEN_AT_END'}) ORed with a branch
   * that leaves the parameter alone runs the same export twice, tagged alike.
   */
  @Test
  void anExplicitDefaultInAnOrCountsEveryRowOnce() throws SQLException {
    long start = suite.base + 10 * World.HOUR;
    String window =
        " WHERE WINDOW_START >= " + ts(start) + " AND WINDOW_END <= " + ts(start + 3 * World.HOUR);
    Connection c = suite.csv.connection();
    assertEquals(
        scalar(c, "SELECT COUNT(*) FROM response" + window),
        scalar(
            c,
            "SELECT COUNT(*) FROM response"
                + window
                + " AND (API_BUSINESS_HOURS = 'ALL' OR RESPONSE_ID IS NOT NULL)"));
    assertEquals(
        scalar(c, "SELECT COUNT(*) FROM conversation" + window),
        scalar(
            c,
            "SELECT COUNT(*) FROM conversation"
                + window
                + " AND (API_CONVERSATION_REPORT_TYPE = 'OPEN_AT_END' OR STATUS IS NOT NULL)"));
    assertEquals(
        scalar(c, "SELECT COUNT(*) FROM response_approval" + window),
        scalar(
            c,
            "SELECT COUNT(*) FROM response_approval"
                + window
                + " AND (NOT API_INCLUDE_DISABLED OR APPROVAL_ID IS NOT NULL)"));
  }

  /**
   * Conversation (CREATED/CLOSED) and expert-help rows report state as of the export's endTime.
   * Narrowing a tagged window's export to the anchor range (or cutting it into pieces) ends the
   * export early, so the rows of window [a, b) show their state as of the anchor's end instead.
   */
  @Test
  void anchorNarrowingKeepsTheWindowsStateColumns() throws SQLException {
    List<String> differing = new ArrayList<>();
    for (int h = 8; h < 60; h += 4) {
      long start = suite.base + h * World.HOUR;
      Sql.Query q =
          new Sql.Query(
              List.of(new Sql.From("conversation", "t1")),
              List.of(),
              new Sql.And(
                  List.of(
                      new Sql.Cmp(">=", col("WINDOW_START", Sql.Type.TIMESTAMP), time(start)),
                      new Sql.Cmp(
                          "<=",
                          col("WINDOW_END", Sql.Type.TIMESTAMP),
                          time(start + 4 * World.HOUR)),
                      new Sql.Cmp(
                          "=",
                          col("API_CONVERSATION_REPORT_TYPE", Sql.Type.VARCHAR),
                          new Sql.Lit("CREATED", Sql.Type.VARCHAR, false)),
                      new Sql.Cmp(">=", col("CREATED_TIME", Sql.Type.TIMESTAMP), time(start)),
                      new Sql.Cmp(
                          "<", col("CREATED_TIME", Sql.Type.TIMESTAMP), time(start + World.HOUR)))),
              List.of(
                  new Sql.Item(
                      new Sql.Agg("COUNT", col("FIRST_RESPONSE_TIME", Sql.Type.TIMESTAMP), false),
                      "c1"),
                  new Sql.Item(
                      new Sql.Agg("COUNT", col("CLOSED_TIME", Sql.Type.TIMESTAMP), false), "c2")),
              false,
              List.of(),
              null,
              List.of(),
              null,
              null,
              false);
      Harness.Outcome o = suite.harness.compare(q, suite.csv, true);
      if (o.verdict() != Harness.Verdict.MATCH) {
        differing.add(o.driverSql() + "\n" + o.detail());
      }
    }
    assertEquals(List.of(), differing);
  }

  /**
   * The user export takes no {@code timezone} (the API's parameter matrix) and its dates are UTC;
   * with apiTimeZone=Asia/Kolkata the driver still reads them as Kolkata wall clocks, 5:30 off.
   */
  @Test
  void theUserExportsDatesDoNotDependOnApiTimeZone() throws SQLException {
    long start = suite.base + 10 * World.HOUR;
    String sql =
        "SELECT AGENT_ID, CREATED_DATE, LAST_LOGIN_TIME FROM \"user\" WHERE WINDOW_START >= "
            + ts(start)
            + " AND WINDOW_END <= "
            + ts(start + World.HOUR)
            + " ORDER BY 1";
    assertEquals(rows(suite.csv.connection(), sql), rows(suite.zoned.connection(), sql));
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(
            rs.getString(1)
                + "|"
                + rs.getTimestamp(2, utc).getTime()
                + "|"
                + (rs.getTimestamp(3, utc) == null ? null : rs.getTimestamp(3, utc).getTime()));
      }
    }
    return out;
  }

  private static Sql.Col col(String name, Sql.Type type) {
    return new Sql.Col("t1", name, type);
  }

  private static Sql.Lit time(long millis) {
    return new Sql.Lit(millis, Sql.Type.TIMESTAMP, false);
  }

  /**
   * A branch with WINDOW_* bounds and an anchor-only branch that denote the same window and
   * parameters are two exports with identical tags: every event twice. (Found after the fix of the
   * first duplicate bug, which merges only tagged with tagged and untagged with untagged.)
   */
  @Test
  void aWindowAndTheSameAnchorRangeInAnOrCountEveryEventOnce() throws SQLException {
    long start = suite.base + 22 * World.HOUR;
    long end = start + 3 * World.HOUR + 44 * 60_000L;
    Connection c = suite.json.connection();
    String window = "WINDOW_START >= " + ts(start) + " AND WINDOW_END <= " + ts(end);
    assertEquals(
        scalar(c, "SELECT COUNT(*) FROM combined WHERE " + window),
        scalar(
            c,
            "SELECT COUNT(*) FROM combined WHERE ("
                + window
                + ") OR (MESSAGE_TIME >= "
                + ts(start)
                + " AND MESSAGE_TIME < "
                + ts(end)
                + ")"));
  }

  /**
   * A pseudo-column predicate repeated inside an OR ({@code API_X = v AND (API_X = v OR ...)}) is
   * rewritten by Calcite to {@code API_X IS NOT NULL OR ...}, which was refused as an unsupported
   * use of the column although the query is valid (seed 2, emulator seed 7, query 11703).
   */
  @Test
  void aPseudoColumnPredicateRepeatedInAnOrIsAccepted() throws SQLException {
    long start = suite.base + 16 * World.HOUR;
    String window =
        "WINDOW_START >= " + ts(start) + " AND WINDOW_END <= " + ts(start + 2 * World.HOUR);
    Connection c = suite.csv.connection();
    assertEquals(
        scalar(
            c,
            "SELECT COUNT(*) FROM response WHERE " + window + " AND API_BUSINESS_HOURS = 'INSIDE'"),
        scalar(
            c,
            "SELECT COUNT(*) FROM response WHERE "
                + window
                + " AND (API_BUSINESS_HOURS = "
                + "'INSIDE' OR RESPONSE_ID > '8') AND API_BUSINESS_HOURS = 'INSIDE'"));
    assertEquals(
        scalar(c, "SELECT COUNT(*) FROM response WHERE " + window),
        scalar(
            c,
            "SELECT COUNT(*) FROM response WHERE "
                + window
                + " AND (WINDOW_START >= "
                + ts(start)
                + " OR RESPONSE_ID > '8')"));
  }

  /** The same non-Latin-1 value as a ? parameter. */
  @Test
  void aNonLatin1ValueWorksAsAParameter() throws SQLException {
    long start = suite.base + 10 * World.HOUR;
    try (PreparedStatement ps =
        suite
            .csv
            .connection()
            .prepareStatement(
                "SELECT COUNT(*) FROM response WHERE WINDOW_START >= ? AND WINDOW_END <= ? "
                    + "AND AGENT_NAME <> ?")) {
      Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
      ps.setTimestamp(1, new java.sql.Timestamp(start), utc);
      ps.setTimestamp(2, new java.sql.Timestamp(start + World.HOUR), utc);
      ps.setString(3, "Łukasz Smith");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        rs.getLong(1);
      }
    }
  }
}
