package io.khorosjdbc.driver.reliability;

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
 * The client-side limits are per tenant, not per connection: every connection to the same host
 * and company key in the JVM draws from one request rate and one pool of running jobs.
 */
class TenantLimitsTest {

  private static List<String> inParallel(List<Connection> connections, int times, String sql)
      throws Exception {
    List<CompletableFuture<List<String>>> runs = new ArrayList<>();
    for (Connection connection : connections) {
      runs.add(CompletableFuture.supplyAsync(() -> {
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

  @Test
  void twoConnectionsShareOneRequestRate() throws Exception {
    try (EmulatorFixture emu = EmulatorFixture.start();
         Connection a = emu.connect("maxRequestsPerSecond=5");
         Connection b = emu.connect("maxRequestsPerSecond=5")) {
      long started = System.nanoTime();
      inParallel(List.of(a, b), 10, "SELECT * FROM khoros_meta.teams");
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      List<JournalEntry> teams = emu.emulator().journal().stream()
          .filter(e -> e.route().equals("teams")).toList();
      assertEquals(20, teams.size());
      // A burst of 5, then 5 per second for both together: 15 more take 3 s. Limits per
      // connection would allow 10 per second, i.e. about 1 s.
      assertTrue(elapsed >= 2_500, "20 requests took only " + elapsed + " ms");
      long first = teams.get(0).time();
      long inFirstSecond = teams.stream().filter(e -> e.time() < first + 1_000).count();
      assertTrue(inFirstSecond <= 11, inFirstSecond + " requests in the first second");
    }
  }

  @Test
  void twoConnectionsShareOnePoolOfRunningJobs() throws Exception {
    try (EmulatorFixture emu = new EmulatorFixture(KhorosEmulator.builder().seed(42)
        .rowsPerDay(500).jobLatencyMillis(150).maxRunningJobs(2).rateLimit(RateLimit.OFF))) {
      String sql = "SELECT COUNT(*) FROM response WHERE WINDOW_START >= TIMESTAMP "
          + "'2019-03-11 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-03-15 00:00:00'";
      List<String> expected;
      try (Connection warm = emu.connect("maxJobsPerTenant=1"); Statement statement =
          warm.createStatement()) {
        expected = Rows.query(statement, sql);
      }
      emu.emulator().reset();
      try (Connection a = emu.connect("maxJobsPerTenant=2", "maxConcurrentExports=4",
          "maxRetries=0", "splitWindow=1d");
           Connection b = emu.connect("maxJobsPerTenant=2", "maxConcurrentExports=4",
               "maxRetries=0", "splitWindow=1d")) {
        List<String> rows = inParallel(List.of(a, b), 1, sql);

        assertEquals(List.of(expected.get(0), expected.get(0)), rows);
      }
      List<Integer> creates = emu.creates().stream().map(JournalEntry::status).toList();
      assertEquals(8, creates.size(), "two queries of four one-day pieces");
      assertTrue(creates.stream().allMatch(status -> status == 200),
          "the server never had to refuse a job: " + creates);
    }
  }
}
