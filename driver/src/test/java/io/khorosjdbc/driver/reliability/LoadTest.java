package io.khorosjdbc.driver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.api.AnalyticsClient;
import io.khorosjdbc.driver.export.TenantScheduler;
import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 16 connections run 50 queries each against an emulator that injects random faults at every step.
 * Every query that succeeds returns exactly the fault-free answer; every one that fails says why in
 * one of the documented ways; afterwards no thread, socket or temp file is left.
 */
@Tag("slow")
class LoadTest {
  private static final int CONNECTIONS = 16;
  private static final int QUERIES_PER_CONNECTION = 50;
  private static final String FAULTS =
      "create:429:0.05,create:reset:0.01,"
          + "status:500:0.05,status:reset:0.03,status:truncate:0.02,status:429:0.03,"
          + "download:503:0.04,download:reset:0.02,download:expired:0.01,"
          + "file:truncate:0.05,file:reset:0.03,file:500:0.03,file:expired:0.01";
  private static final String[] PROPERTIES = {
    "pollInitialDelay=2ms",
    "pollMaxDelay=20ms",
    "retryBaseDelay=2ms",
    "retryMaxDelay=20ms",
    "maxRetries=5",
    "maxRequestsPerSecond=0",
    "maxJobsPerTenant=12",
    "maxConcurrentExports=2"
  };

  /** The only ways a query may fail under these faults. */
  private static final List<String> EXPECTED_FAILURES =
      List.of(
          "failed after the request was sent", // create reset: a job may exist, no duplicate
          "may have started the job",
          // An expired link ends a job for every query attached to it, and each of those
          // queries runs the export again, at most twice (docs/compatibility.md): with 16
          // connections sharing jobs, three expiries in a row for one query happen now and then.
          "the download link has expired");

  private static List<String> queries() {
    List<String> queries = new ArrayList<>();
    for (int day = 1; day <= 3; day++) {
      String window =
          " WHERE WINDOW_START >= TIMESTAMP '2019-03-1"
              + day
              + " 00:00:00' AND "
              + "WINDOW_END <= TIMESTAMP '2019-03-1"
              + day
              + " 08:00:00'";
      queries.add(
          "SELECT RESPONSE_ID, RESPONSE_TIME, AGENT_ID, RESPONSE_TEXT FROM response" + window);
      queries.add(
          "SELECT ACTION_TYPE, COUNT(*) FROM conversation_actions"
              + window
              + " GROUP BY ACTION_TYPE ORDER BY ACTION_TYPE");
    }
    queries.add(
        "SELECT COUNT(*), MIN(RESPONSE_TIME), MAX(RESPONSE_TIME) FROM response WHERE "
            + "WINDOW_START >= TIMESTAMP '2019-03-14 00:00:00' AND WINDOW_END <= TIMESTAMP "
            + "'2019-03-16 00:00:00'");
    return queries;
  }

  @Test
  void sixteenConnectionsOfFiftyQueriesUnderRandomFaults() throws Exception {
    long started = System.nanoTime();
    List<String> queries = queries();
    try (EmulatorFixture emu =
        new EmulatorFixture(
            KhorosEmulator.builder()
                .seed(7)
                .rowsPerDay(2000)
                .jobLatencyMillis(5)
                .rateLimit(RateLimit.OFF))) {
      List<List<String>> answers = new ArrayList<>();
      try (Connection connection = emu.connect(PROPERTIES);
          Statement statement = connection.createStatement()) {
        for (String sql : queries) {
          answers.add(Rows.query(statement, sql));
        }
      }
      int socketsBefore = Leaks.sockets();
      List<String> threadsBefore = Leaks.threads("khoros-scheduler-");
      emu.emulator().setFaults(FAULTS);

      AtomicInteger succeeded = new AtomicInteger();
      Map<String, Integer> failures = new ConcurrentHashMap<>();
      List<String> wrong = Collections.synchronizedList(new ArrayList<>());
      List<Connection> connections = new ArrayList<>();
      for (int i = 0; i < CONNECTIONS; i++) {
        connections.add(emu.connect(PROPERTIES));
      }
      List<String> threadsDuring = Leaks.threads("khoros-scheduler-");
      List<AnalyticsClient> clients = new ArrayList<>();
      List<TenantScheduler> schedulers = new ArrayList<>();
      for (Connection connection : connections) {
        clients.add(Leaks.client(connection));
        schedulers.add(Leaks.scheduler(connection));
      }
      ExecutorService workers = Executors.newFixedThreadPool(CONNECTIONS);
      List<Future<?>> runs = new ArrayList<>();
      for (int c = 0; c < CONNECTIONS; c++) {
        Connection connection = connections.get(c);
        Random random = new Random(c);
        runs.add(
            workers.submit(
                () -> {
                  List<PreparedStatement> prepared = new ArrayList<>();
                  try {
                    for (String sql : queries) {
                      prepared.add(connection.prepareStatement(sql));
                    }
                    for (int q = 0; q < QUERIES_PER_CONNECTION; q++) {
                      int which = random.nextInt(queries.size());
                      try {
                        List<String> rows = Rows.rows(prepared.get(which).executeQuery());
                        if (rows.equals(answers.get(which))) {
                          succeeded.incrementAndGet();
                        } else {
                          wrong.add(
                              queries.get(which)
                                  + ": "
                                  + rows.size()
                                  + " rows instead of "
                                  + answers.get(which).size());
                        }
                      } catch (SQLException | RuntimeException e) {
                        String kind =
                            EXPECTED_FAILURES.stream()
                                .filter(k -> String.valueOf(e.getMessage()).contains(k))
                                .findFirst()
                                .orElse("UNEXPECTED: " + e);
                        failures.merge(kind, 1, Integer::sum);
                      }
                    }
                    for (PreparedStatement statement : prepared) {
                      statement.close();
                    }
                  } catch (SQLException e) {
                    throw new IllegalStateException(e);
                  }
                  return null;
                }));
      }
      for (Future<?> run : runs) {
        run.get(110, TimeUnit.SECONDS);
      }
      workers.shutdown();
      for (Connection connection : connections) {
        connection.close();
      }

      int total = CONNECTIONS * QUERIES_PER_CONNECTION;
      assertEquals(List.of(), wrong, "a successful query returned a different answer");
      assertTrue(
          failures.keySet().stream().noneMatch(k -> k.startsWith("UNEXPECTED")),
          failures.toString());
      assertEquals(
          total, succeeded.get() + failures.values().stream().mapToInt(Integer::intValue).sum());
      assertTrue(
          succeeded.get() >= total * 0.9, succeeded + " of " + total + " succeeded; " + failures);
      System.out.printf(
          "load: %d of %d queries succeeded, failures %s, %d ms%n",
          succeeded.get(),
          total,
          failures,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

      // Nothing left behind.
      assertEquals(
          1,
          schedulers.stream().distinct().count(),
          "the tenant's connections share one scheduler");
      String ours = Leaks.schedulerThreadPrefix(threadsBefore, threadsDuring);
      assertTrue(
          Leaks.eventually(3_000, () -> Leaks.threads(ours).isEmpty()),
          "scheduler threads left: " + Leaks.threads(ours));
      assertEquals(List.of(), Leaks.okHttpWorkerThreads());
      assertEquals(0, schedulers.get(0).runningJobs(), "job slots left");
      for (AnalyticsClient client : clients) {
        assertEquals(0, client.openConnections(), "pooled sockets left");
      }
      if (socketsBefore >= 0) {
        assertTrue(
            Leaks.eventually(5_000, () -> Leaks.sockets() <= socketsBefore),
            "sockets: " + Leaks.sockets() + " now, " + socketsBefore + " before");
      }
      String cacheDir = emu.url().replaceAll(".*schemaCacheDir=([^;]+).*", "$1");
      assertEquals(List.of(), Leaks.files(Path.of(cacheDir), ".tmp"), "temp files left");
    }
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(elapsed < 120_000, "the load test took " + elapsed + " ms");
  }
}
