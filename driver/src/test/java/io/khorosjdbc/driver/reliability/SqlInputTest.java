package io.khorosjdbc.driver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad SQL input fails before any export starts, with a message that shows what would work; windows
 * longer than the API takes are cut where that is exact.
 */
class SqlInputTest {
  private static EmulatorFixture emu;
  private static Connection connection;

  @BeforeAll
  static void start() throws SQLException {
    emu =
        new EmulatorFixture(
            KhorosEmulator.builder()
                .seed(42)
                .rowsPerDay(500)
                .jobLatencyMillis(10)
                .bucketCap(40)
                .authorHistoryCheck(false)
                .rateLimit(RateLimit.OFF));
    connection = emu.connect("splitWindow=none");
    try (Statement statement = connection.createStatement()) {
      for (String table : List.of("response", "author", "team_performance_interval")) {
        statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0").close();
      }
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    connection.close();
    emu.close();
  }

  @BeforeEach
  void clearJournal() {
    emu.emulator().reset();
  }

  private static String failureBeforeAnyRequest(String sql) {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> {
              try (Statement statement = connection.createStatement()) {
                Rows.query(statement, sql);
              }
            });
    assertTrue(emu.creates().isEmpty(), "no export may start: " + emu.creates());
    return e.getMessage();
  }

  @Test
  void aMisspeltColumnIsAnErrorListingTheNearestColumns() {
    String message = failureBeforeAnyRequest("SELECT RESPONSE_TXT FROM response");
    assertTrue(message.contains("Column 'RESPONSE_TXT' not found"), message);
    assertTrue(message.contains("did you mean RESPONSE_TEXT"), message);
  }

  @Test
  void aMisspeltTableIsAnErrorListingTheNearestTables() {
    String message = failureBeforeAnyRequest("SELECT * FROM respons");
    assertTrue(message.contains("'respons' not found"), message);
    assertTrue(message.contains("did you mean response"), message);
  }

  @Test
  void aColumnOfAnotherTableIsSuggestedOnlyFromTheTablesInTheQuery() {
    String message = failureBeforeAnyRequest("SELECT ACTIVITY_TIM FROM response");
    assertTrue(message.contains("Column 'ACTIVITY_TIM' not found"), message);
    assertTrue(
        !message.contains("ACTIVITY_TIME"), "author's column is not in the query: " + message);
  }

  @Test
  void anAuthorWindowLongerThanNinetyDaysIsCutIntoPiecesThatTheApiAccepts() throws SQLException {
    String sql =
        "SELECT COUNT(*) FROM author WHERE WINDOW_START >= TIMESTAMP "
            + "'2019-01-01 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-05-01 00:00:00'";
    List<String> rows;
    try (Statement statement = connection.createStatement()) {
      rows = Rows.query(statement, sql);
    }
    List<JournalEntry> creates =
        emu.creates().stream()
            .sorted(
                java.util.Comparator.comparing(
                    (JournalEntry c) -> Long.parseLong(c.parameters().get("startTime").get(0))))
            .toList();
    assertEquals(2, creates.size(), "120 days = 90 + 30");
    assertEquals(List.of("1546300800000"), creates.get(0).parameters().get("startTime"));
    assertEquals(List.of("1554076800000"), creates.get(0).parameters().get("endTime"));
    assertEquals(List.of("1554076800000"), creates.get(1).parameters().get("startTime"));
    assertEquals(List.of("1556668800000"), creates.get(1).parameters().get("endTime"));
    long truth =
        Rows.csv(
                    emu.groundTruth(
                        "author",
                        java.util.Map.of(
                            "startTime",
                            List.of("1546300800000"),
                            "endTime",
                            List.of("1554076800000"),
                            "reportFormat",
                            List.of("csv"))))
                .size()
            + Rows.csv(
                    emu.groundTruth(
                        "author",
                        java.util.Map.of(
                            "startTime",
                            List.of("1554076800000"),
                            "endTime",
                            List.of("1556668800000"),
                            "reportFormat",
                            List.of("csv"))))
                .size();
    assertEquals(List.of(Long.toString(truth)), rows);
  }

  @Test
  void aTimeIntervalThatIsNotDocumentedIsAnErrorBeforeAnyRequest() {
    String message =
        failureBeforeAnyRequest(
            "SELECT * FROM team_performance_interval WHERE "
                + "API_TIME_INTERVAL = 1000 AND WINDOW_START >= TIMESTAMP '2019-03-11 00:00:00' AND "
                + "WINDOW_END <= TIMESTAMP '2019-03-12 00:00:00'");
    assertTrue(
        message.contains(
            "team_performance_interval.API_TIME_INTERVAL does not accept "
                + "1000; use one of [300000, 600000, 900000, 1800000, 3600000, 7200000, 14400000, "
                + "28800000, 43200000, 86400000, 604800000] (ms), or a value above 604800000 for monthly"
                + " buckets"),
        message);
  }

  @Test
  void tooManyBucketsForTheWindowIsAnErrorBeforeAnyRequest() {
    String message =
        failureBeforeAnyRequest(
            "SELECT * FROM team_performance_interval WHERE "
                + "API_TIME_INTERVAL = 3600000 AND WINDOW_START >= TIMESTAMP '2019-03-11 00:00:00' AND "
                + "WINDOW_END <= TIMESTAMP '2019-03-18 00:00:00'");
    assertTrue(
        message.contains(
            "API_TIME_INTERVAL = 3600000 needs 168 buckets for the window "
                + "[2019-03-11T00:00:00Z, 2019-03-18T00:00:00Z), more than the 41 the API allows "
                + "(maxTimeBuckets); choose a larger interval or a shorter window"),
        message);
  }

  @Test
  void monthlyBucketsCountCalendarMonths() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      List<String> rows =
          Rows.query(
              statement,
              "SELECT COUNT(*) FROM team_performance_interval"
                  + " WHERE API_TIME_INTERVAL = 2592000000 AND WINDOW_START >= TIMESTAMP "
                  + "'2019-01-15 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-04-15 00:00:00'");
      assertEquals(1, rows.size());
    }
    assertEquals(1, emu.creates().size());
  }

  @Test
  void whenTheServersCapIsLowerItsHydrationMessageIsShownAsIs() throws SQLException {
    // 41 buckets passes the driver's default cap (41) but not the emulator's (40).
    try (Statement statement = connection.createStatement()) {
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  Rows.query(
                      statement,
                      "SELECT * FROM team_performance_interval WHERE API_TIME_INTERVAL = 14400000 AND "
                          + "WINDOW_START >= TIMESTAMP '2019-03-11 00:00:00' AND WINDOW_END <= TIMESTAMP "
                          + "'2019-03-17 20:00:00'"));
      assertTrue(
          e.getMessage()
              .contains(
                  "the server rejected creating the export "
                      + "team_performance_interval (HTTP 400): "),
          e.getMessage());
      assertTrue(
          e.getMessage()
              .contains(
                  "Unable to hydrate filter for export info: com.lithium."
                      + "socialweb.analytics.webapp.models.filter.HydrationException: Too many buckets (41) "
                      + "requested. Select a larger interval?"),
          e.getMessage());
    }
    assertEquals(1, emu.creates().size(), "a 400 is not retried");
  }

  @Test
  void theBucketCheckCanBeLeftToTheServer() throws SQLException {
    try (Connection unchecked = emu.connect("maxTimeBuckets=0");
        Statement statement = unchecked.createStatement()) {
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  Rows.query(
                      statement,
                      "SELECT * FROM team_performance_interval WHERE API_TIME_INTERVAL = 3600000 AND "
                          + "WINDOW_START >= TIMESTAMP '2019-03-11 00:00:00' AND WINDOW_END <= TIMESTAMP "
                          + "'2019-03-18 00:00:00'"));
      assertTrue(e.getMessage().contains("Too many buckets (168) requested"), e.getMessage());
    }
  }
}
