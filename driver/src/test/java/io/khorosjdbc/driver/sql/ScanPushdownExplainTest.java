package io.khorosjdbc.driver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    return plan(sql)
        .lines()
        .filter(line -> line.contains("KhorosTableScan"))
        .map(line -> line.strip().replaceAll(", exports=\\[.*", ""))
        .findFirst()
        .orElseThrow();
  }

  private static String plan(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return String.join("\n", Rows.query(statement, "EXPLAIN PLAN FOR " + sql));
    }
  }

  private static final String SCAN = "KhorosTableScan(table=[[khoros, response]], columns=";

  /** The week, over the table's full row type ($16 = WINDOW_START, $17 = WINDOW_END). */
  private static final String PUSHED_WEEK =
      ">=($16, 2019-03-04 00:00:00), " + "<=($17, 2019-03-11 00:00:00)";

  /** The scan checks the WHERE clause itself, so it hands on only the selected columns. */
  @Test
  void aProjectionNarrowsTheScanToItsColumns() throws SQLException {
    assertEquals(
        SCAN
            + "[[RESPONSE_ID, AGENT_ID]], condition=[AND("
            + PUSHED_WEEK
            + ")], filtersRows=[true]",
        scanLine("SELECT RESPONSE_ID, AGENT_ID FROM response" + WEEK));
  }

  @Test
  void theScanHandsOnTheSelectedColumnsInTheirOrder() throws SQLException {
    assertEquals(
        SCAN
            + "[[AGENT_ID, RESPONSE_ID]], condition=[AND("
            + PUSHED_WEEK
            + ")], filtersRows=[true]",
        scanLine("SELECT AGENT_ID, RESPONSE_ID FROM response" + WEEK));
  }

  @Test
  void theWholeWhereClauseIsCopiedIntoTheScanOverTheTablesColumns() throws SQLException {
    assertEquals(
        SCAN
            + "[[RESPONSE_ID]], "
            + "condition=[AND("
            + PUSHED_WEEK
            + ", SEARCH($19, Sarg[1L:BIGINT, 2L:BIGINT]:BIGINT), "
            + "=($8, 'twitter'))], filtersRows=[true]",
        scanLine(
            "SELECT RESPONSE_ID FROM response"
                + WEEK
                + " AND API_PRIORITY IN (1, 2) AND NETWORK = 'twitter'"));
  }

  @Test
  void anAggregateReadsOnlyTheColumnsItGroupsBy() throws SQLException {
    assertEquals(
        SCAN + "[[NETWORK]], condition=[AND(" + PUSHED_WEEK + ")], filtersRows=[true]",
        scanLine("SELECT NETWORK, COUNT(*) FROM response" + WEEK + " GROUP BY NETWORK"));
  }

  @Test
  void aCountReadsNoDataColumnInThePlanButOneIsRequested() throws SQLException {
    assertEquals(
        SCAN
            + "[[WINDOW_START, WINDOW_END]], condition=[AND("
            + PUSHED_WEEK
            + ")], filtersRows=[true]",
        scanLine("SELECT COUNT(*) FROM response" + WEEK));
  }

  /**
   * A string function of a data column is copied into the scan's condition like any predicate, but
   * asks nothing of the API: the window is still what is pushed, and the scan checks each row, so
   * it requests the column it checks without handing it on.
   */
  @Test
  void aCodePointStringFunctionOfADataColumnIsARowFilterBesideThePushedWindow()
      throws SQLException {
    assertEquals(
        SCAN
            + "[[RESPONSE_ID]], condition=[AND("
            + PUSHED_WEEK
            + ", >(CHAR_LENGTH($9), 10), LIKE($9, 'Hi _%'))], filtersRows=[true]",
        scanLine(
            "SELECT RESPONSE_ID FROM response"
                + WEEK
                + " AND CHAR_LENGTH(RESPONSE_TEXT) > 10 AND RESPONSE_TEXT LIKE 'Hi _%'"));
    assertTrue(
        plan("SELECT RESPONSE_ID FROM response" + WEEK + " AND RESPONSE_TEXT LIKE 'Hi _%'")
            .contains("metrics=[RESPONSE_ID, RESPONSE_TEXT]"));
  }
}
