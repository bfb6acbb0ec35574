package io.khorosjdbc.driver.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.QueryProcess;
import io.khorosjdbc.driver.testing.Rows;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Against a server that allows 20 API requests a minute per company (the documented limit, or a
 * scaled window), the driver stays inside the budget, never gets a 429 it could have avoided, pays
 * for each export once, and still returns exact answers.
 */
@Tag("slow")
class UnderTheRateLimitTest {
  private static final String DEMO =
      "SELECT STATUS, COUNT(*) AS conversations FROM conversation "
          + "WHERE WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' AND WINDOW_END <= TIMESTAMP "
          + "'2019-05-01 00:00:00' GROUP BY STATUS ORDER BY STATUS";

  /** Starts of four different 30-day windows. */
  private static final List<String> MONTHS =
      List.of("2019-01-01", "2019-01-31", "2019-03-02", "2019-04-01");

  /** The same world without any limit: what every answer must equal. */
  private static EmulatorFixture unlimited;

  @BeforeAll
  static void start() {
    unlimited = world(RateLimit.OFF, 20);
  }

  @AfterAll
  static void stop() {
    unlimited.close();
  }

  private static EmulatorFixture world(RateLimit limit, long jobLatencyMillis) {
    return new EmulatorFixture(
        KhorosEmulator.builder()
            .seed(42)
            .rowsPerDay(500)
            .jobLatencyMillis(jobLatencyMillis)
            .rateLimit(limit));
  }

  /** Conversations by priority in the 30 days from {@code start}. */
  private static String month(String start) {
    return "SELECT PRIORITY, COUNT(*) FROM conversation WHERE WINDOW_START >= TIMESTAMP '"
        + start
        + " 00:00:00' AND WINDOW_END <= TIMESTAMP '"
        + LocalDate.parse(start).plusDays(30)
        + " 00:00:00' GROUP BY PRIORITY ORDER BY PRIORITY";
  }

  private static List<String> rows(Connection connection, String sql) {
    try (Statement statement = connection.createStatement()) {
      return Rows.query(statement, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> expected(String sql) throws SQLException {
    try (Connection connection = unlimited.connect()) {
      return rows(connection, sql);
    }
  }

  /** Runs the four months at once, each on a connection of its own, and checks every answer. */
  private static void eachMonthOnItsOwnConnectionAtOnceIsExact(
      EmulatorFixture emu, String... properties) throws Exception {
    List<Connection> connections = new ArrayList<>();
    List<CompletableFuture<List<String>>> answers = new ArrayList<>();
    try {
      for (String month : MONTHS) {
        Connection connection = emu.connect(properties);
        connections.add(connection);
        answers.add(CompletableFuture.supplyAsync(() -> rows(connection, month(month))));
      }
      for (int i = 0; i < MONTHS.size(); i++) {
        assertEquals(expected(month(MONTHS.get(i))), answers.get(i).get(60, TimeUnit.SECONDS));
      }
    } finally {
      for (Connection connection : connections) {
        connection.close();
      }
    }
  }

  @Test
  void theReadmeDemoOnAnEmptyCacheStaysWithinTwentyRequestsAMinuteWithoutA429()
      throws SQLException {
    try (EmulatorFixture emu = world(RateLimit.DOCUMENTED, 5_000);
        Connection connection = emu.connect("requestBudget=20/1m", "pollInitialDelay=1s")) {
      assertEquals(expected(DEMO), rows(connection, DEMO));

      List<JournalEntry> api = Journals.apiRequests(emu.emulator().journal());
      assertEquals(0, Journals.throttled(api), api.toString());
      assertTrue(Journals.mostInAnyWindow(api, 60_000) <= 20, api.size() + " requests");
      assertEquals(1, Journals.creates(api), "89 days are one export under the budget");
    }
  }

  @Test
  void fourConnectionsRunningFourDifferentThirtyDayQueriesAtOnceAreExactWithoutA429()
      throws Exception {
    // Scaled: 20 requests per 6 s, jobs of 600 ms.
    try (EmulatorFixture emu = world(RateLimit.parse("20/6s"), 600)) {
      eachMonthOnItsOwnConnectionAtOnceIsExact(emu, "requestBudget=20/6s");

      List<JournalEntry> api = Journals.apiRequests(emu.emulator().journal());
      assertEquals(0, Journals.throttled(api), api.toString());
      assertTrue(Journals.mostInAnyWindow(api, 6_000) <= 20, api.size() + " requests");
    }
  }

  @Test
  void aBare429SlowsTheWholeTenantDownAndEveryQueryStillSucceeds() throws Exception {
    // Another client shares the key: the server allows fewer requests than the budget thinks.
    try (EmulatorFixture emu = world(RateLimit.parse("6/1s"), 100)) {
      eachMonthOnItsOwnConnectionAtOnceIsExact(emu, "requestBudget=20/1s", "maxRetries=8");
      List<JournalEntry> api = Journals.apiRequests(emu.emulator().journal());
      assertTrue(Journals.throttled(api) >= 1, "the server had to refuse some: " + api);
      assertEquals(
          MONTHS.size(),
          api.stream().filter(e -> e.route().equals("create") && e.status() == 200).count(),
          "a refused create was sent again, and each export was created once");
    }
  }

  @Test
  void aQueryCancelledWhileItsExportRunsAttachesToTheSameJobWhenRunAgain() throws Exception {
    String sql = month(MONTHS.get(2));
    try (EmulatorFixture emu = world(RateLimit.OFF, 1_500);
        Connection connection = emu.connect()) {
      Statement statement = connection.createStatement();
      CompletableFuture<Void> cancel =
          CompletableFuture.runAsync(
              () -> {
                while (emu.creates().isEmpty()) {
                  Thread.onSpinWait();
                }
                try {
                  statement.cancel();
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      SQLException cancelled = assertThrows(SQLException.class, () -> Rows.query(statement, sql));
      assertTrue(cancelled.getMessage().contains("cancel"), cancelled.getMessage());
      cancel.get(5, TimeUnit.SECONDS);

      assertEquals(expected(sql), rows(connection, sql));
      try (Connection another = emu.connect()) {
        assertEquals(expected(sql), rows(another, sql));
        assertEquals(
            List.of("NEW", "SHARED", "SHARED"),
            rows(another, "SELECT ATTACHED FROM khoros_meta.exports ORDER BY JOB_ID"));
      }
      assertEquals(1, emu.creates().size(), "one job, whoever asks");
    }
  }

  @Test
  void aQueryRunAgainFromANewJvmAttachesToTheJobTheCancelledOneStarted() throws Exception {
    String sql = month(MONTHS.get(3));
    try (EmulatorFixture emu = world(RateLimit.OFF, 2_000)) {
      try (Connection connection = emu.connect();
          Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(1);
        assertThrows(SQLException.class, () -> Rows.query(statement, sql));
      }
      assertEquals(1, emu.creates().size());

      Process next =
          QueryProcess.start(emu.url(), emu.emulator().user(), emu.emulator().password(), sql);
      assertEquals(expected(sql), QueryProcess.rows(next));
      assertEquals(1, emu.creates().size(), "the new JVM attached to the saved job");
    }
  }

  @Test
  void twoProcessesSharingOneCacheDirectoryStayWithinTheBudgetTogether() throws Exception {
    // Scaled: 12 requests per 3 s shared by two JVMs, each of which could use all of them.
    try (EmulatorFixture emu = world(RateLimit.parse("12/3s"), 300)) {
      String url = emu.url("requestBudget=12/3s");
      String user = emu.emulator().user();
      String password = emu.emulator().password();
      Process first =
          QueryProcess.start(url, user, password, month(MONTHS.get(0)), month(MONTHS.get(1)));
      Process second =
          QueryProcess.start(url, user, password, month(MONTHS.get(2)), month(MONTHS.get(3)));
      List<String> firstRows = QueryProcess.rows(first);
      List<String> secondRows = QueryProcess.rows(second);

      List<String> expectedFirst = new ArrayList<>(expected(month(MONTHS.get(0))));
      expectedFirst.addAll(expected(month(MONTHS.get(1))));
      List<String> expectedSecond = new ArrayList<>(expected(month(MONTHS.get(2))));
      expectedSecond.addAll(expected(month(MONTHS.get(3))));
      assertEquals(expectedFirst, firstRows);
      assertEquals(expectedSecond, secondRows);
      List<JournalEntry> api = Journals.apiRequests(emu.emulator().journal());
      assertEquals(0, Journals.throttled(api), api.toString());
      assertTrue(Journals.mostInAnyWindow(api, 3_000) <= 12, api.size() + " requests");
    }
  }
}
