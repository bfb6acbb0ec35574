package io.khorosjdbc.driver.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client-side limits are per tenant, not per connection: every connection to the same host and
 * company key in the JVM shares one scheduler, with one request budget, one pool of running jobs,
 * and one job for each distinct export.
 */
class TenantLimitsTest {

  private static List<String> inParallel(List<Connection> connections, int times, String sql)
      throws Exception {
    List<CompletableFuture<List<String>>> runs = new ArrayList<>();
    for (Connection connection : connections) {
      runs.add(
          CompletableFuture.supplyAsync(
              () -> {
                List<String> rows = new ArrayList<>();
                try (Statement statement = connection.createStatement()) {
                  for (int i = 0; i < times; i++) {
                    rows.addAll(Rows.query(statement, sql));
                  }
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
                return rows;
              }));
    }
    List<String> all = new ArrayList<>();
    for (CompletableFuture<List<String>> run : runs) {
      all.addAll(run.get(60, TimeUnit.SECONDS));
    }
    return all;
  }

  private static List<String> rows(Connection connection, String sql) {
    try (Statement statement = connection.createStatement()) {
      return Rows.query(statement, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void twoConnectionsShareOneRequestBudget() throws Exception {
    try (EmulatorFixture emu = EmulatorFixture.start();
        Connection a = emu.connect("requestBudget=5/500ms");
        Connection b = emu.connect("requestBudget=5/500ms")) {
      long started = System.nanoTime();
      inParallel(List.of(a, b), 10, "SELECT * FROM khoros_meta.teams");
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      List<JournalEntry> teams =
          emu.emulator().journal().stream().filter(e -> e.route().equals("teams")).toList();
      assertEquals(20, teams.size());
      assertTrue(
          Journals.mostInAnyWindow(teams, 500) <= 5,
          Journals.mostInAnyWindow(teams, 500) + " requests in one 500 ms window");
      // 5 per 500 ms for both together: 20 requests need three more windows. A budget per
      // connection would allow twice as many.
      assertTrue(elapsed >= 1_500, "20 requests took only " + elapsed + " ms");
    }
  }

  @Test
  void twoConnectionsShareOnePoolOfRunningJobs() throws Exception {
    try (EmulatorFixture emu =
        new EmulatorFixture(
            KhorosEmulator.builder()
                .seed(42)
                .rowsPerDay(500)
                .jobLatencyMillis(150)
                .maxRunningJobs(2)
                .rateLimit(RateLimit.OFF))) {
      String march11 =
          "SELECT COUNT(*) FROM response WHERE WINDOW_START >= TIMESTAMP "
              + "'2019-03-11 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-03-15 00:00:00'";
      String march18 = march11.replace("-11 ", "-18 ").replace("-15 ", "-22 ");
      List<String> expected = new ArrayList<>();
      try (Connection warm = emu.connect("maxJobsPerTenant=1");
          Statement statement = warm.createStatement()) {
        expected.addAll(Rows.query(statement, march11));
        expected.addAll(Rows.query(statement, march18));
      }
      emu.emulator().reset();
      String[] properties = {"maxJobsPerTenant=2", "maxRetries=0", "splitWindow=1d"};
      try (Connection a = emu.connect(properties);
          Connection b = emu.connect(properties)) {
        CompletableFuture<List<String>> first =
            CompletableFuture.supplyAsync(() -> rows(a, march11));
        CompletableFuture<List<String>> second =
            CompletableFuture.supplyAsync(() -> rows(b, march18));
        List<String> rows = new ArrayList<>(first.get(60, TimeUnit.SECONDS));
        rows.addAll(second.get(60, TimeUnit.SECONDS));

        assertEquals(expected, rows);
      }
      List<Integer> creates = emu.creates().stream().map(JournalEntry::status).toList();
      assertEquals(8, creates.size(), "two queries of four one-day pieces");
      assertTrue(
          creates.stream().allMatch(status -> status == 200),
          "the server never had to refuse a job: " + creates);
    }
  }

  @Test
  void twoConnectionsRunningTheSameQueryShareItsJobs() throws Exception {
    try (EmulatorFixture emu =
            new EmulatorFixture(
                KhorosEmulator.builder()
                    .seed(42)
                    .rowsPerDay(500)
                    .jobLatencyMillis(300)
                    .rateLimit(RateLimit.OFF));
        Connection a = emu.connect("splitWindow=1d");
        Connection b = emu.connect("splitWindow=1d")) {
      String sql =
          "SELECT COUNT(*) FROM response WHERE WINDOW_START >= TIMESTAMP "
              + "'2019-03-11 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-03-13 00:00:00'";
      List<String> rows = inParallel(List.of(a, b), 1, sql);

      assertEquals(rows.get(0), rows.get(1));
      assertEquals(2, emu.creates().size(), "two one-day jobs, each paid for once");
    }
  }
}
