package io.khorosjdbc.driver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import io.khorosjdbc.emulator.DateFormatStyle;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of failure carries the SQLState that says what kind it is (sql-reference: Errors). */
class SqlStatesTest {
  private static final String WEEK =
      " WHERE WINDOW_START >= TIMESTAMP '2019-03-04 00:00:00' "
          + "AND WINDOW_END <= TIMESTAMP '2019-03-11 00:00:00'";
  private static EmulatorFixture emu;

  @BeforeAll
  static void start() {
    emu =
        new EmulatorFixture(
            KhorosEmulator.builder()
                .seed(42)
                .rowsPerDay(500)
                .jobLatencyMillis(1_500)
                .rateLimit(RateLimit.OFF));
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  private static SQLException failure(Connection connection, String sql) {
    return assertThrows(
        SQLException.class,
        () -> {
          try (Statement statement = connection.createStatement()) {
            Rows.query(statement, sql);
          }
        });
  }

  private static String state(String sql, String... properties) throws SQLException {
    try (Connection connection = emu.connect(properties)) {
      return failure(connection, sql).getSQLState();
    }
  }

  @Test
  void aPredicateOrStatementTheDriverCannotDoIs0A000() throws SQLException {
    assertEquals("0A000", state("SELECT * FROM response WHERE API_PRIORITY > 2"));
    assertEquals("0A000", state("DELETE FROM response"));
    assertEquals("0A000", state("SELECT COUNT(*) FROM response", "defaultWindow=none"));
  }

  @Test
  void aValueTheApiDoesNotAcceptIs22023() throws SQLException {
    assertEquals(
        "22023",
        state("SELECT * FROM conversation WHERE " + "API_CONVERSATION_REPORT_TYPE = 'RESOLVED'"));
    assertEquals(
        "22023",
        state(
            "SELECT * FROM response WHERE WINDOW_START >= TIMESTAMP "
                + "'2019-03-11 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-03-04 00:00:00'"));
  }

  @Test
  void aBadPropertyValueIs22023AtConnect() {
    SQLException e = assertThrows(SQLException.class, () -> emu.connect("splitWindow=weekly"));
    assertEquals("22023", e.getSQLState());
  }

  @Test
  void aValueInTheExportThatDoesNotReadAsItsTypeIs22018(@TempDir Path dir) throws Exception {
    Path schema = dir.resolve("schema.json");
    Files.writeString(schema, "{\"response\": [{\"name\": \"NETWORK\", \"type\": \"BIGINT\"}]}");
    assertEquals("22018", state("SELECT NETWORK FROM response" + WEEK, "schemaFile=" + schema));
  }

  @Test
  void aBigintSumThatOverflowsIs22003() throws SQLException {
    assertEquals(
        "22003",
        state(
            "SELECT NETWORK, SUM(CAST(9223372036854775807 AS BIGINT)) FROM response"
                + WEEK
                + " GROUP BY NETWORK"));
  }

  @Test
  void aDateColumnThatFitsBothDayFirstAndMonthFirstIs22018() throws SQLException {
    try (EmulatorFixture dayFirst =
            new EmulatorFixture(
                KhorosEmulator.builder()
                    .seed(42)
                    .rowsPerDay(500)
                    .jobLatencyMillis(20)
                    .dateFormat(DateFormatStyle.DMY_SLASH)
                    .rateLimit(RateLimit.OFF));
        Connection connection = dayFirst.connect()) {
      // 1 February: no day above 12, so dd/MM and MM/dd both fit every value.
      SQLException e =
          failure(
              connection,
              "SELECT RESPONSE_TIME FROM response WHERE "
                  + "WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' AND WINDOW_END <= TIMESTAMP "
                  + "'2019-02-01 06:00:00'");
      assertEquals("22018", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void aRefusedPasswordIs28000() throws SQLException {
    Properties wrong = new Properties();
    wrong.setProperty("user", emu.emulator().user());
    wrong.setProperty("password", "not-" + emu.emulator().password());
    try (Connection connection = DriverManager.getConnection(emu.url("maxRetries=0"), wrong)) {
      assertEquals("28000", failure(connection, "SELECT * FROM khoros_meta.teams").getSQLState());
      assertEquals("28000", failure(connection, "SELECT * FROM response" + WEEK).getSQLState());
    }
  }

  @Test
  void anApiThatCannotBeReachedIs08001() throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", "demo");
    credentials.setProperty("password", "demo");
    try (Connection connection =
        DriverManager.getConnection(
            "jdbc:khoros:url=http://127.0.0.1:1;"
                + "companyKey=demo;requestBudget=off;maxRetries=0;cache=false",
            credentials)) {
      assertEquals("08001", failure(connection, "SELECT * FROM response" + WEEK).getSQLState());
    }
  }

  @Test
  void anExportThatFailedOnTheServerIs58000() throws SQLException {
    emu.emulator().setFaults("status:failed:x1");
    try {
      assertEquals(
          "58000",
          state(
              "SELECT * FROM response" + WEEK.replace("03-04", "02-04").replace("03-11", "02-11")));
    } finally {
      emu.emulator().setFaults("");
    }
  }

  @Test
  void aCancelledQueryIs57014() throws Exception {
    try (Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      CompletableFuture<Void> cancel =
          CompletableFuture.runAsync(
              () -> {
                try {
                  Thread.sleep(400);
                  statement.cancel();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  Rows.query(
                      statement,
                      "SELECT * FROM response"
                          + WEEK.replace("03-04", "01-07").replace("03-11", "01-14")));
      cancel.get(5, TimeUnit.SECONDS);
      assertEquals("57014", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void aQueryThatRunsOutOfTimeIsAnSqlTimeoutException() throws Exception {
    try (Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(1);
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  Rows.query(
                      statement,
                      "SELECT * FROM response"
                          + WEEK.replace("03-04", "01-21").replace("03-11", "01-28")));
      assertInstanceOf(SQLTimeoutException.class, e);
      assertEquals("HYT00", e.getSQLState());
    }
  }
}
