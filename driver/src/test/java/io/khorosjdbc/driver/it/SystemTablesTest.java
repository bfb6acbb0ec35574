package io.khorosjdbc.driver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The khoros_meta schema: jobs, catalog, columns, teams and time zones. */
class SystemTablesTest {

  @Test
  void theExportsTableShowsEveryJobWithItsWindowStateAndCounts() throws SQLException {
    try (EmulatorFixture emu = EmulatorFixture.start();
        Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      // The exports table holds all of the tenant's jobs in this JVM: look only at this test's.
      String started =
          java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
              .withZone(java.time.ZoneOffset.UTC)
              .format(java.time.Instant.now());
      long rows =
          Long.parseLong(
              Rows.query(
                      statement,
                      "SELECT COUNT(*) FROM response WHERE "
                          + "WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' AND WINDOW_END <= TIMESTAMP "
                          + "'2019-02-01 06:00:00'")
                  .get(0));

      List<String> jobs =
          Rows.query(
              statement,
              "SELECT REPORT, WINDOW_START, WINDOW_END, "
                  + "STATE, ROW_COUNT, METRICS, BYTES > 0, WORKFLOW_ID IS NOT NULL FROM "
                  + "khoros_meta.exports WHERE REPORT = 'response' AND WINDOW_START = TIMESTAMP "
                  + "'2019-02-01 00:00:00' AND CREATED_AT >= TIMESTAMP '"
                  + started
                  + "'");

      assertEquals(
          List.of(
              "response|2019-02-01 00:00:00.000|2019-02-01 06:00:00.000|DONE|"
                  + rows
                  + "|RESPONSE_ID|true|true"),
          jobs);
    }
  }

  @Test
  void theExportsTableShowsOnlyTheConnectionsOwnTenantsJobs() throws SQLException {
    try (EmulatorFixture companyA = EmulatorFixture.start();
        EmulatorFixture companyB = EmulatorFixture.start();
        Connection a = companyA.connect();
        Connection b = companyB.connect();
        Statement onA = a.createStatement();
        Statement onB = b.createStatement()) {
      String window =
          " WHERE WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' AND WINDOW_END <= "
              + "TIMESTAMP '2019-02-01 06:00:00'";
      Rows.query(onA, "SELECT COUNT(*) FROM response" + window);
      Rows.query(onB, "SELECT COUNT(*) FROM incoming_post" + window);

      String reports =
          "SELECT DISTINCT REPORT FROM khoros_meta.exports WHERE WINDOW_START = "
              + "TIMESTAMP '2019-02-01 00:00:00' AND WINDOW_END = TIMESTAMP '2019-02-01 06:00:00'";
      assertEquals(List.of("response"), Rows.query(onA, reports));
      assertEquals(List.of("incoming_post"), Rows.query(onB, reports));
    }
  }

  @Test
  void theReportsTableListsEveryExport() throws SQLException {
    try (EmulatorFixture emu = EmulatorFixture.start();
        Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      List<String> reports =
          Rows.query(
              statement,
              "SELECT TABLE_NAME, PATH, WINDOW_KIND, "
                  + "ANCHOR_COLUMN FROM khoros_meta.reports ORDER BY TABLE_NAME");

      assertEquals(14, reports.size());
      assertTrue(
          reports.contains(
              "raw_brand_posts|/api/public/reports/report/marketing/"
                  + "raw_brand_posts|EVENT|PUBLISHED_TIME"),
          reports.toString());
      assertTrue(
          reports.contains(
              "team_performance|/api/public/reports/report/" + "team_performance|AGGREGATE|null"),
          reports.toString());
      assertTrue(emu.creates().isEmpty());
    }
  }

  @Test
  void theColumnsTableDescribesDataWindowAndParameterColumns() throws SQLException {
    try (EmulatorFixture emu = EmulatorFixture.start();
        Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      List<String> columns =
          Rows.query(
              statement,
              "SELECT COLUMN_NAME, TYPE_NAME, COLUMN_KIND,"
                  + " JSON_ONLY FROM khoros_meta.columns WHERE TABLE_NAME = 'user'");

      assertTrue(columns.contains("AGENT_ID|VARCHAR|DATA|false"), columns.toString());
      assertTrue(
          columns.contains("TOTAL_GREEN_STATE_TIME_MILLIS|BIGINT|DATA|true"), columns.toString());
      assertTrue(columns.contains("WINDOW_START|TIMESTAMP|WINDOW|false"), columns.toString());
      assertTrue(columns.contains("API_AGENT_ID|VARCHAR|PARAMETER|false"), columns.toString());
    }
  }

  @Test
  void teamsAndTimeZonesComeFromTheApisOwnEndpoints() throws SQLException {
    try (EmulatorFixture emu = EmulatorFixture.start();
        Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      List<String> teams = Rows.query(statement, "SELECT TEAM_ID, NAME FROM khoros_meta.teams");
      List<String> zones = Rows.query(statement, "SELECT ID FROM khoros_meta.timezones");

      assertFalse(teams.isEmpty());
      assertTrue(zones.contains("America/Chicago"), zones.toString());
      List<String> routes = emu.emulator().journal().stream().map(e -> e.route()).toList();
      assertTrue(routes.contains("teams") && routes.contains("timezones"), routes.toString());
    }
  }
}
