package io.khorosjdbc.driver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How WHERE clauses on windows, anchors and parameters become export requests. */
class WindowPushdownTest {
  private static final long FEB_1_2019 = 1548979200000L;
  private static final long MAY_1_2019 = 1556668800000L;
  private static final long HOUR = 3_600_000L;

  private static EmulatorFixture emu;
  private static Connection connection;

  @BeforeAll
  static void start() throws SQLException {
    emu = EmulatorFixture.start();
    // These tests say which window each export carries. splitWindow=auto cuts a window once the
    // durations learned from earlier tests make pieces look worth it, which depends on the
    // machine's load; the cutting has its own tests (SplitPolicyTest, the splitWindow=7d test).
    connection = emu.connect("splitWindow=none");
  }

  @AfterAll
  static void stop() throws SQLException {
    connection.close();
    emu.close();
  }

  /** Columns are discovered once; then each test sees only its own requests. */
  @BeforeEach
  void warmSchemasAndClearJournal() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT * FROM khoros_meta.columns").close();
    }
    emu.emulator().reset();
  }

  private static List<String> query(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return Rows.query(statement, sql);
    }
  }

  private static JournalEntry onlyCreate() {
    List<JournalEntry> creates = emu.creates();
    assertEquals(1, creates.size(), "create calls: " + creates);
    return creates.get(0);
  }

  private static String param(JournalEntry entry, String name) {
    List<String> values = entry.parameters().get(name);
    return values == null ? null : String.join(",", values);
  }

  @Test
  void theGuideWindowIsOneExportWithExactBoundsAndOnlyTheNeededColumn() throws SQLException {
    List<String> rows =
        query(
            "SELECT STATUS, COUNT(*) FROM conversation "
                + "WHERE WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' "
                + "AND WINDOW_END <= TIMESTAMP '2019-05-01 00:00:00' GROUP BY STATUS ORDER BY STATUS");

    JournalEntry create = onlyCreate();
    assertEquals("conversation", create.exportId());
    assertEquals(String.valueOf(FEB_1_2019), param(create, "startTime"));
    assertEquals(String.valueOf(MAY_1_2019), param(create, "endTime"));
    assertEquals("STATUS", param(create, "reportMetrics"));

    Map<String, Integer> expected = new TreeMap<>();
    for (CSVRecord record :
        Rows.csv(
            emu.groundTruth(
                "conversation",
                Map.of(
                    "companyKey",
                    List.of("demo"),
                    "startTime",
                    List.of(String.valueOf(FEB_1_2019)),
                    "endTime",
                    List.of(String.valueOf(MAY_1_2019)),
                    "reportFormat",
                    List.of("csv"))))) {
      expected.merge(record.get("STATUS"), 1, Integer::sum);
    }
    assertEquals(
        expected.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue()).toList(), rows);
  }

  @Test
  void aQueryThatReadsNoColumnStillSeesEveryRowThroughOneRequestedColumn() throws SQLException {
    String window =
        " FROM response WHERE WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' "
            + "AND WINDOW_END <= TIMESTAMP '2019-02-01 06:00:00'";
    List<String> constant = query("SELECT SUM(x) FROM (SELECT 1 AS x" + window + ")");
    assertEquals("RESPONSE_ID", param(onlyCreate(), "reportMetrics"));

    assertEquals(query("SELECT COUNT(*)" + window), constant);
  }

  @Test
  void betweenOnTheAnchorColumnIsAnInclusiveRange() throws SQLException {
    query(
        "SELECT COUNT(*) FROM conversation_actions WHERE ACTION_TIME BETWEEN "
            + "TIMESTAMP '2019-02-01 00:00:00' AND TIMESTAMP '2019-02-01 01:00:00'");

    JournalEntry create = onlyCreate();
    assertEquals(String.valueOf(FEB_1_2019), param(create, "startTime"));
    assertEquals(String.valueOf(FEB_1_2019 + HOUR + 1), param(create, "endTime"));
  }

  @Test
  void strictComparisonsOnTheAnchorColumnMoveByOneMillisecond() throws SQLException {
    query(
        "SELECT COUNT(*) FROM response WHERE RESPONSE_TIME > TIMESTAMP '2019-02-01 00:00:00'"
            + " AND RESPONSE_TIME < TIMESTAMP '2019-02-01 01:00:00'");

    JournalEntry create = onlyCreate();
    assertEquals(String.valueOf(FEB_1_2019 + 1), param(create, "startTime"));
    assertEquals(String.valueOf(FEB_1_2019 + HOUR), param(create, "endTime"));
  }

  @Test
  void anAnchorEqualityIsAOneMillisecondWindow() throws SQLException {
    query("SELECT COUNT(*) FROM response WHERE RESPONSE_TIME = TIMESTAMP '2019-02-01 00:00:00'");

    JournalEntry create = onlyCreate();
    assertEquals(String.valueOf(FEB_1_2019), param(create, "startTime"));
    assertEquals(String.valueOf(FEB_1_2019 + 1), param(create, "endTime"));
  }

  @Test
  void dateLiteralsWorkLikeMidnightTimestamps() throws SQLException {
    query(
        "SELECT COUNT(*) FROM response WHERE WINDOW_START >= DATE '2019-02-01' "
            + "AND WINDOW_END <= DATE '2019-02-02'");

    JournalEntry create = onlyCreate();
    assertEquals(String.valueOf(FEB_1_2019), param(create, "startTime"));
    assertEquals(String.valueOf(FEB_1_2019 + 24 * HOUR), param(create, "endTime"));
  }

  @Test
  void anOrOfTwoWindowsRunsTwoExportsAndEachRowCarriesItsWindow() throws SQLException {
    List<String> rows =
        query(
            "SELECT WINDOW_START, COUNT(*) FROM response WHERE "
                + "(WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' AND WINDOW_END <= TIMESTAMP "
                + "'2019-02-01 01:00:00') OR (WINDOW_START >= TIMESTAMP '2019-03-01 00:00:00' AND "
                + "WINDOW_END <= TIMESTAMP '2019-03-01 01:00:00') GROUP BY WINDOW_START "
                + "ORDER BY WINDOW_START");

    assertEquals(2, emu.creates().size());
    assertEquals(2, rows.size());
    assertTrue(rows.get(0).startsWith("2019-02-01 00:00:00"), rows.toString());
    assertTrue(rows.get(1).startsWith("2019-03-01 00:00:00"), rows.toString());
  }

  @Test
  void overlappingAnchorRangesInAnOrAreMergedSoNoEventIsCountedTwice() throws SQLException {
    List<String> merged =
        query(
            "SELECT COUNT(*) FROM response WHERE "
                + "RESPONSE_TIME BETWEEN TIMESTAMP '2019-02-01 00:00:00' AND TIMESTAMP '2019-02-01 02:00:00'"
                + " OR (RESPONSE_TIME >= TIMESTAMP '2019-02-01 01:00:00' AND RESPONSE_TIME < TIMESTAMP "
                + "'2019-02-01 03:00:00' AND NETWORK IS NOT NULL)");
    JournalEntry create = onlyCreate();
    assertEquals(String.valueOf(FEB_1_2019), param(create, "startTime"));
    assertEquals(String.valueOf(FEB_1_2019 + 3 * HOUR), param(create, "endTime"));

    emu.emulator().reset();
    List<String> whole =
        query(
            "SELECT COUNT(*) FROM response WHERE RESPONSE_TIME >= "
                + "TIMESTAMP '2019-02-01 00:00:00' AND RESPONSE_TIME < TIMESTAMP '2019-02-01 03:00:00'"
                + " AND (RESPONSE_TIME <= TIMESTAMP '2019-02-01 02:00:00' OR NETWORK IS NOT NULL)");
    assertEquals(whole, merged);
  }

  @Test
  void preparedParametersChooseTheWindowAtBindTime() throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM " + "response WHERE WINDOW_START >= ? AND WINDOW_END <= ?")) {
      statement.setTimestamp(1, Timestamp.valueOf("2019-02-01 00:00:00"));
      statement.setTimestamp(2, Timestamp.valueOf("2019-02-01 01:00:00"));
      try (ResultSet rs = statement.executeQuery()) {
        assertTrue(rs.next());
      }
      statement.setTimestamp(1, Timestamp.valueOf("2019-03-01 00:00:00"));
      statement.setTimestamp(2, Timestamp.valueOf("2019-03-01 02:00:00"));
      try (ResultSet rs = statement.executeQuery()) {
        assertTrue(rs.next());
      }
    }
    List<JournalEntry> creates = emu.creates();
    assertEquals(2, creates.size());
    assertEquals(String.valueOf(FEB_1_2019), param(creates.get(0), "startTime"));
    assertEquals(String.valueOf(FEB_1_2019 + HOUR), param(creates.get(0), "endTime"));
    assertEquals("1551398400000", param(creates.get(1), "startTime"));
    assertEquals(String.valueOf(1551398400000L + 2 * HOUR), param(creates.get(1), "endTime"));
  }

  /** The earliest start and latest end of the creates: the whole window, however cut. */
  private static long[] span() {
    List<JournalEntry> creates = emu.creates();
    return new long[] {
      creates.stream().mapToLong(c -> Long.parseLong(param(c, "startTime"))).min().orElseThrow(),
      creates.stream().mapToLong(c -> Long.parseLong(param(c, "endTime"))).max().orElseThrow()
    };
  }

  @Test
  void currentTimestampMinusAnIntervalEndsTheWindowNow() throws SQLException {
    long before = System.currentTimeMillis();
    query(
        "SELECT COUNT(*) FROM response WHERE WINDOW_START >= CURRENT_TIMESTAMP - INTERVAL '7' DAY");
    long after = System.currentTimeMillis();

    long[] span = span();
    assertTrue(span[1] >= before - 1000 && span[1] <= after, "end " + span[1]);
    assertEquals(7 * 24 * HOUR, span[1] - span[0], 1000);
  }

  @Test
  void withoutATimePredicateTheDefaultWindowIsTheLastSevenDays() throws SQLException {
    long before = System.currentTimeMillis();
    query("SELECT COUNT(*) FROM response");

    long[] span = span();
    assertTrue(span[1] >= before - 1000, "end " + span[1]);
    assertEquals(7 * 24 * HOUR, span[1] - span[0]);
  }

  @Test
  void aQueryWithoutATimePredicateSaysWhichWindowItAssumed() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM response")) {
        assertTrue(rs.next());
        SQLWarning warning = statement.getWarnings();
        assertNotNull(warning, "the statement warns");
        assertTrue(
            warning
                .getMessage()
                .startsWith("table response: no time predicate, so the " + "default window ["),
            warning.getMessage());
        assertTrue(
            warning
                .getMessage()
                .endsWith(
                    ") was used (defaultWindow=7d); choose one "
                        + "with WINDOW_START/WINDOW_END or RESPONSE_TIME"),
            warning.getMessage());
        assertEquals(warning.getMessage(), rs.getWarnings().getMessage(), "and so does its rows");
      }
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT COUNT(*) FROM response WHERE "
                  + "WINDOW_START >= TIMESTAMP '2019-03-11 00:00:00' AND WINDOW_END <= TIMESTAMP "
                  + "'2019-03-12 00:00:00'")) {
        assertTrue(rs.next());
        assertNull(statement.getWarnings(), "a query with a window assumes nothing");
      }
    }
  }

  @Test
  void eventWindowsAreCutIntoWeeksThatRunInParallelAndStreamInOrder() throws SQLException {
    String where =
        " FROM response WHERE WINDOW_START >= TIMESTAMP '2019-02-01 12:00:00' AND "
            + "WINDOW_END <= TIMESTAMP '2019-02-20 00:00:00'";
    List<String> cut;
    try (Connection weekly = emu.connect("splitWindow=7d");
        Statement statement = weekly.createStatement()) {
      cut = Rows.query(statement, "SELECT RESPONSE_ID" + where);
    }

    // Friday Feb 1 12:00, then each Monday (Feb 4, 11, 18) up to the end on Feb 20.
    assertEquals(
        List.of("1549022400000", "1549238400000", "1549843200000", "1550448000000"),
        emu.creates().stream().map(c -> param(c, "startTime")).sorted().toList());
    try (Connection whole = emu.connect("splitWindow=none");
        Statement statement = whole.createStatement()) {
      assertEquals(Rows.query(statement, "SELECT RESPONSE_ID" + where), cut);
    }
  }

  @Test
  void anInListOnAParameterRunsOneExportPerValueAndRowsCarryTheirValue() throws SQLException {
    List<String> rows =
        query(
            "SELECT API_PRIORITY, COUNT(*) FROM conversation_actions "
                + "WHERE API_PRIORITY IN (1, 4) AND WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' "
                + "AND WINDOW_END <= TIMESTAMP '2019-02-02 00:00:00' GROUP BY API_PRIORITY "
                + "ORDER BY API_PRIORITY");

    List<JournalEntry> creates = emu.creates();
    assertEquals(2, creates.size());
    assertEquals(
        List.of("1", "4"), creates.stream().map(c -> param(c, "priorities")).sorted().toList());
    assertEquals(2, rows.size());
    assertTrue(rows.get(0).startsWith("1|") && rows.get(1).startsWith("4|"), rows.toString());

    List<String> one =
        query(
            "SELECT PRIORITY, COUNT(*) FROM conversation_actions WHERE "
                + "PRIORITY IN ('1', '4') AND WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' AND "
                + "WINDOW_END <= TIMESTAMP '2019-02-02 00:00:00' GROUP BY PRIORITY ORDER BY PRIORITY");
    assertEquals(rows, one, "the API filter must select what the data column says");
  }

  /**
   * A WHERE on window tags and parameters alone selects whole exports: the planner leaves out the
   * ones it rules out, and the scan decides it once per file that it reads, not per row.
   */
  @Test
  void aConditionOnParametersAndWindowsAloneSelectsWholeExports() throws SQLException {
    String window =
        " AND WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00'"
            + " AND WINDOW_END <= TIMESTAMP '2019-02-02 00:00:00' GROUP BY API_PRIORITY";
    List<String> rows =
        query(
            "SELECT API_PRIORITY, COUNT(*) FROM conversation_actions WHERE API_PRIORITY IN (1, 4)"
                + " AND (API_PRIORITY = 1 OR WINDOW_END > TIMESTAMP '2020-01-01 00:00:00')"
                + window);

    assertEquals("1", param(onlyCreate(), "priorities"), "priority 4 cannot pass the OR");
    List<String> one =
        query(
            "SELECT API_PRIORITY, COUNT(*) FROM conversation_actions WHERE API_PRIORITY = 1"
                + window);
    assertEquals(1, one.size(), one.toString());
    assertEquals(one, rows);
  }

  /** RAND() answers each row anew, even beside window tags that are the same in every row. */
  @Test
  void aRandomConditionIsAskedOfEveryRow() throws SQLException {
    String where =
        " FROM response WHERE WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00'"
            + " AND WINDOW_END <= TIMESTAMP '2019-02-02 00:00:00'";
    long all = Long.parseLong(query("SELECT COUNT(*)" + where).get(0));
    long sampled = Long.parseLong(query("SELECT COUNT(*)" + where + " AND RAND() < 0.5").get(0));

    assertTrue(all > 100 && sampled > 0 && sampled < all, sampled + " of " + all);
  }

  @Test
  void modeParametersAreSentAndCarried() throws SQLException {
    List<String> rows =
        query(
            "SELECT DISTINCT API_CONVERSATION_REPORT_TYPE, "
                + "API_BUSINESS_HOURS FROM conversation WHERE API_CONVERSATION_REPORT_TYPE = 'CLOSED' "
                + "AND API_BUSINESS_HOURS = 'INSIDE' AND WINDOW_START >= TIMESTAMP "
                + "'2019-02-01 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-02 00:00:00'");

    JournalEntry create = onlyCreate();
    assertEquals("CLOSED", param(create, "conversationReportType"));
    assertEquals("true", param(create, "enableBusinessHour"));
    assertEquals("true", param(create, "businessHourType"));
    assertEquals(List.of("CLOSED|INSIDE"), rows);
  }

  @Test
  void anInListOfModesRunsOneExportPerMode() throws SQLException {
    List<String> rows =
        query(
            "SELECT API_CONVERSATION_REPORT_TYPE, COUNT(*) FROM conversation"
                + " WHERE API_CONVERSATION_REPORT_TYPE IN ('CLOSED', 'CREATED') AND WINDOW_START >= "
                + "TIMESTAMP '2019-02-01 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-02 00:00:00' "
                + "GROUP BY API_CONVERSATION_REPORT_TYPE ORDER BY 1");

    assertEquals(2, emu.creates().size());
    assertEquals(2, rows.size(), rows.toString());
    assertTrue(
        rows.get(0).startsWith("CLOSED|") && rows.get(1).startsWith("CREATED|"), rows.toString());
  }

  @Test
  void closedConversationsAreSelectedByTheirCloseTime() throws SQLException {
    query(
        "SELECT COUNT(*) FROM conversation WHERE API_CONVERSATION_REPORT_TYPE = 'CLOSED' "
            + "AND CLOSED_TIME >= TIMESTAMP '2019-02-01 00:00:00' AND CLOSED_TIME < TIMESTAMP "
            + "'2019-02-02 00:00:00'");

    JournalEntry create = onlyCreate();
    assertEquals(String.valueOf(FEB_1_2019), param(create, "startTime"));
    assertEquals(String.valueOf(FEB_1_2019 + 24 * HOUR), param(create, "endTime"));
  }

  @Test
  void theIntervalExportAlwaysSendsItsRequiredTimeInterval() throws SQLException {
    List<String> rows =
        query(
            "SELECT DISTINCT API_TIME_INTERVAL FROM team_performance_interval"
                + " WHERE WINDOW_START >= TIMESTAMP '2024-01-01 00:00:00' AND WINDOW_END <= TIMESTAMP "
                + "'2024-01-03 00:00:00'");

    assertEquals("86400000", param(onlyCreate(), "timeInterval"));
    assertEquals(List.of("86400000"), rows);
  }

  @Test
  void rowsCarryTheirWindowSoTheFilterAboveTheScanKeepsThemAll() throws SQLException {
    Map<String, Integer> countsByWindow = new HashMap<>();
    for (String row :
        query(
            "SELECT WINDOW_START, WINDOW_END FROM response WHERE WINDOW_START "
                + "= TIMESTAMP '2019-02-01 00:00:00' AND WINDOW_END = TIMESTAMP '2019-02-01 06:00:00'")) {
      countsByWindow.merge(row, 1, Integer::sum);
    }
    assertEquals(1, countsByWindow.size());
    assertTrue(
        countsByWindow.keySet().iterator().next().startsWith("2019-02-01 00:00:00"),
        countsByWindow.toString());
    String truth =
        emu.groundTruth(
            "response",
            Map.of(
                "companyKey",
                List.of("demo"),
                "startTime",
                List.of(String.valueOf(FEB_1_2019)),
                "endTime",
                List.of(String.valueOf(FEB_1_2019 + 6 * HOUR)),
                "reportFormat",
                List.of("csv")));
    assertEquals(Rows.csv(truth).size(), countsByWindow.values().iterator().next());
  }
}
