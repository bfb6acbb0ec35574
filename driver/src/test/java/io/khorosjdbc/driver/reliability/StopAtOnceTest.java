package io.khorosjdbc.driver.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.api.AnalyticsClient;
import io.khorosjdbc.driver.export.ExportLedger;
import io.khorosjdbc.driver.export.JobRecord;
import io.khorosjdbc.driver.export.TenantScheduler;
import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Statement.cancel(), setQueryTimeout and Connection.close() stop polls, retry waits and downloads
 * at once, and release sockets, threads and job slots. The emulator's slow fault sends a file at 64
 * bytes a second, so without these a read would wait for the 60 s read timeout.
 */
@Tag("slow")
class StopAtOnceTest {
  private static final String WINDOW =
      " WHERE WINDOW_START >= TIMESTAMP '2019-03-11 00:00:00'"
          + " AND WINDOW_END <= TIMESTAMP '2019-03-11 12:00:00'";
  private static final String QUERY = "SELECT * FROM response" + WINDOW;
  private static EmulatorFixture emu;

  @BeforeAll
  static void start() throws SQLException {
    emu =
        new EmulatorFixture(
            KhorosEmulator.builder()
                .seed(42)
                .rowsPerDay(2000)
                .jobLatencyMillis(20)
                .slowBytesPerSecond(64)
                .rateLimit(RateLimit.OFF));
    try (Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      statement.executeQuery(QUERY + " AND 1 = 0").close(); // discover the columns once
    }
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void cancelStopsADownloadThatIsStalledMidBody() throws Exception {
    emu.emulator().setFaults("file:slow");
    try (Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      AnalyticsClient client = Leaks.client(connection);
      CompletableFuture<Void> cancel =
          CompletableFuture.runAsync(
              () -> {
                sleep(800);
                try {
                  statement.cancel();
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      long started = System.nanoTime();
      Exception e = assertThrows(Exception.class, () -> Rows.query(statement, QUERY));
      long elapsed = millisSince(started);
      cancel.get();

      assertTrue(String.valueOf(e.getMessage()).contains("cancel"), e.getMessage());
      assertTrue(elapsed < 3_000, "took " + elapsed + " ms");
      assertTrue(
          Leaks.eventually(2_000, () -> client.openConnections() == 0),
          "sockets left: " + client.openConnections());
    } finally {
      emu.emulator().setFaults("");
    }
  }

  @Test
  void theQueryTimeoutStopsADownloadThatIsStalledMidBody() throws Exception {
    emu.emulator().setFaults("file:slow");
    try (Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(1);
      long started = System.nanoTime();
      Exception e = assertThrows(Exception.class, () -> Rows.query(statement, QUERY));
      long elapsed = millisSince(started);

      assertTrue(String.valueOf(e.getMessage()).contains("timed out"), e.getMessage());
      assertTrue(elapsed < 3_000, "took " + elapsed + " ms");
    } finally {
      emu.emulator().setFaults("");
    }
  }

  @Test
  void cancelStopsAWaitForRetryAfter() throws Exception {
    try (StubbedApi stub = new StubbedApi()) {
      stub.completedJob().files("RESPONSE_ID,RESPONSE_TEXT\r\nr1,a\r\n");
      stub.stub(
          get(urlPathEqualTo(StubbedApi.STATUS))
              .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));
      try (Connection connection = stub.connect("retryMaxDelay=60s");
          Statement statement = connection.createStatement()) {
        CompletableFuture<Void> cancel =
            CompletableFuture.runAsync(
                () -> {
                  sleep(700);
                  try {
                    statement.cancel();
                  } catch (SQLException e) {
                    throw new IllegalStateException(e);
                  }
                });
        long started = System.nanoTime();
        SQLException e =
            assertThrows(SQLException.class, () -> Rows.query(statement, StubbedApi.QUERY));
        cancel.get();

        assertTrue(e.getMessage().contains("cancel"), e.getMessage());
        assertTrue(millisSince(started) < 3_000, "took " + millisSince(started) + " ms");
        TenantScheduler scheduler = Leaks.scheduler(connection);
        assertTrue(
            Leaks.eventually(1_000, () -> scheduler.runningJobs() == 0),
            "the job slot is released");
      }
    }
  }

  @Test
  void closingTheConnectionStopsEverythingAndLeavesNothingBehind() throws Exception {
    emu.emulator().setFaults("status:stuck");
    long createdAfter = System.currentTimeMillis();
    List<String> before = Leaks.threads("khoros-scheduler-");
    Connection connection = emu.connect("maxConcurrentExports=3", "splitWindow=1d");
    String prefix = Leaks.schedulerThreadPrefix(before, Leaks.threads("khoros-scheduler-"));
    AnalyticsClient client = Leaks.client(connection);
    TenantScheduler scheduler = Leaks.scheduler(connection);
    ExportLedger ledger = Leaks.ledger(connection);
    Statement statement = connection.createStatement();
    // Three one-day pieces, all polling a job that never finishes.
    CompletableFuture<Exception> query =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                Rows.query(
                    statement,
                    "SELECT COUNT(*) FROM response WHERE WINDOW_START >= TIMESTAMP "
                        + "'2019-03-11 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-03-14 00:00:00'");
                return null;
              } catch (Exception e) {
                return e;
              }
            });
    assertTrue(
        Leaks.eventually(5_000, () -> scheduler.runningJobs() == 3),
        "three jobs running: " + scheduler.runningJobs());

    long started = System.nanoTime();
    connection.close();
    Exception e = query.get(5, TimeUnit.SECONDS);
    long elapsed = millisSince(started);

    assertTrue(
        e != null && String.valueOf(e.getMessage()).contains("connection closed"),
        String.valueOf(e));
    assertTrue(elapsed < 3_000, "took " + elapsed + " ms");
    assertTrue(
        Leaks.eventually(2_000, () -> Leaks.threads(prefix).isEmpty()),
        "threads left: " + Leaks.threads(prefix));
    assertEquals(0, client.openConnections(), "the connection pool is empty");
    assertEquals(0, scheduler.runningJobs(), "job slots released");
    assertTrue(
        Leaks.eventually(2_000, () -> Leaks.okHttpWorkerThreads().isEmpty()),
        "OkHttp threads left: " + Leaks.okHttpWorkerThreads());
    List<JobRecord.State> states =
        ledger.jobs().stream()
            .filter(job -> job.createdAt() >= createdAfter)
            .map(JobRecord::state)
            .toList();
    assertEquals(
        List.of(JobRecord.State.CANCELLED, JobRecord.State.CANCELLED, JobRecord.State.CANCELLED),
        states,
        "the exports table shows the jobs as cancelled");
    emu.emulator().setFaults("");
  }

  @Test
  void closingTheConnectionStopsADownloadInProgress() throws Exception {
    emu.emulator().setFaults("file:slow");
    Connection connection = emu.connect();
    AnalyticsClient client = Leaks.client(connection);
    Statement statement = connection.createStatement();
    CompletableFuture<Exception> query =
        CompletableFuture.supplyAsync(
            () -> {
              try (ResultSet rs = statement.executeQuery(QUERY)) {
                while (rs.next()) {
                  // read until the connection closes under us
                }
                return null;
              } catch (Exception e) {
                return e;
              }
            });
    assertTrue(
        Leaks.eventually(
            5_000,
            () ->
                emu.emulator().journal().stream().anyMatch(entry -> entry.route().equals("file"))),
        "the download started");
    sleep(200);
    long started = System.nanoTime();
    connection.close();
    Exception e = query.get(5, TimeUnit.SECONDS);

    assertTrue(e != null, "the query failed");
    assertTrue(millisSince(started) < 3_000, "took " + millisSince(started) + " ms");
    assertEquals(0, client.openConnections());
    emu.emulator().setFaults("");
  }
}
