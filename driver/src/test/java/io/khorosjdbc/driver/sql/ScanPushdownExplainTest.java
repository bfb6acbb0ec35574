package io.khorosjdbc.driver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of what the planner rules push into the scan (its columns and its condition), read from
 * EXPLAIN: a change in Calcite's rules or ours shows here as a changed plan line.
 */
class ScanPushdownExplainTest {
  private static final String WEEK =
      " WHERE WINDOW_START >= TIMESTAMP '2019-03-04 00:00:00' AND "
          + "WINDOW_END <= TIMESTAMP '2019-03-11 00:00:00'";
  private static EmulatorFixture emu;
  private static Connection connection;

  @BeforeAll
  static void start() throws SQLException {
    emu = EmulatorFixture.start();
    connection = emu.connect("splitWindow=none");
  }

  @AfterAll
  static void stop() throws SQLException {
    connection.close();
    emu.close();
  }

  /** The plan's line for the Khoros scan, without its export list. */
  private static String scanLine(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return Rows.query(statement, "EXPLAIN PLAN FOR " + sql).stream()
          .flatMap(plan -> plan.lines())
          .filter(line -> line.contains("KhorosTableScan"))
          .map(line -> line.strip().replaceAll(", exports=\\[.*", ""))
          .findFirst()
          .orElseThrow();
    }
  }

  private static final String SCAN = "KhorosTableScan(table=[[khoros, response]], columns=";

  /** The week, over the table's full row type ($16 = WINDOW_START, $17 = WINDOW_END). */
  private static final String PUSHED_WEEK =
      ">=($16, 2019-03-04 00:00:00), " + "<=($17, 2019-03-11 00:00:00)";

  @Test
  void aProjectionNarrowsTheScanToItsColumnsAndTheWindowsColumns() throws SQLException {
    assertEquals(
        SCAN
            + "[[RESPONSE_ID, AGENT_ID, WINDOW_START, WINDOW_END]], condition=[AND("
            + PUSHED_WEEK
            + ")]",
        scanLine("SELECT RESPONSE_ID, AGENT_ID FROM response" + WEEK));
  }

  @Test
  void theWholeWhereClauseIsCopiedIntoTheScanOverTheTablesColumns() throws SQLException {
    assertEquals(
        SCAN
            + "[[RESPONSE_ID, NETWORK, WINDOW_START, WINDOW_END, API_PRIORITY]], "
            + "condition=[AND("
            + PUSHED_WEEK
            + ", SEARCH($19, Sarg[1L:BIGINT, 2L:BIGINT]:BIGINT), "
            + "=($8, 'twitter'))]",
        scanLine(
            "SELECT RESPONSE_ID FROM response"
                + WEEK
                + " AND API_PRIORITY IN (1, 2) AND NETWORK = 'twitter'"));
  }

  @Test
  void anAggregateReadsOnlyTheColumnsItGroupsBy() throws SQLException {
    assertEquals(
        SCAN + "[[NETWORK, WINDOW_START, WINDOW_END]], condition=[AND(" + PUSHED_WEEK + ")]",
        scanLine("SELECT NETWORK, COUNT(*) FROM response" + WEEK + " GROUP BY NETWORK"));
  }

  @Test
  void aCountReadsNoDataColumnInThePlanButOneIsRequested() throws SQLException {
    assertEquals(
        SCAN + "[[WINDOW_START, WINDOW_END]], condition=[AND(" + PUSHED_WEEK + ")]",
        scanLine("SELECT COUNT(*) FROM response" + WEEK));
  }

  /**
   * A string function of a data column is copied into the scan's condition like any predicate, but
   * asks nothing of the API: the window is still what is pushed, and each row is checked.
   */
  @Test
  void aCodePointStringFunctionOfADataColumnIsARowFilterBesideThePushedWindow()
      throws SQLException {
    assertEquals(
        SCAN
            + "[[RESPONSE_ID, RESPONSE_TEXT, WINDOW_START, WINDOW_END]], condition=[AND("
            + PUSHED_WEEK
            + ", >(CHAR_LENGTH($9), 10), LIKE($9, 'Hi _%'))]",
        scanLine(
            "SELECT RESPONSE_ID FROM response"
                + WEEK
                + " AND CHAR_LENGTH(RESPONSE_TEXT) > 10 AND RESPONSE_TEXT LIKE 'Hi _%'"));
  }
}
