package io.khorosjdbc.driver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import io.khorosjdbc.emulator.StatusShape;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The asynchronous export flow: polling, both status shapes, failures, cancel and timeouts. */
class AsyncFlowTest {
  private static final String WINDOW =
      " WHERE WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00'"
          + " AND WINDOW_END <= TIMESTAMP '2019-02-01 06:00:00'";

  private static EmulatorFixture emulator(KhorosEmulator.Builder builder) {
    return new EmulatorFixture(builder.seed(42).rowsPerDay(2000).rateLimit(RateLimit.OFF));
  }

  /** Discovers a table's columns so that later journal entries are the query's own. */
  private static void warm(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0").close();
    }
  }

  @Test
  void theOneElementArrayStatusShapeWorksLikeTheObjectShape() throws SQLException {
    try (EmulatorFixture object =
            emulator(
                KhorosEmulator.builder().jobLatencyMillis(50).statusShape(StatusShape.OBJECT));
        EmulatorFixture array =
            emulator(KhorosEmulator.builder().jobLatencyMillis(50).statusShape(StatusShape.ARRAY));
        Connection a = object.connect();
        Connection b = array.connect();
        Statement sa = a.createStatement();
        Statement sb = b.createStatement()) {
      String sql = "SELECT RESPONSE_ID, RESPONSE_TIME FROM response" + WINDOW;
      assertEquals(Rows.query(sa, sql), Rows.query(sb, sql));
    }
  }

  @Test
  void aFailedJobFailsTheQueryWithTheJobIdsAndWhatToDo() throws SQLException {
    try (EmulatorFixture emu = emulator(KhorosEmulator.builder().jobLatencyMillis(20));
        Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      warm(connection, "response");
      emu.emulator().setFaults("status:failed:x1");

      SQLException e =
          assertThrows(
              SQLException.class,
              () -> Rows.query(statement, "SELECT COUNT(*) FROM response" + WINDOW));

      String message = e.getMessage();
      assertTrue(message.contains("FAILED on the server"), message);
      assertTrue(message.contains("workflowId=") && message.contains("runId="), message);
      assertTrue(
          message.contains("response [2019-02-01T00:00:00Z, 2019-02-01T06:00:00Z)"), message);
    }
  }

  @Test
  void aJobStuckRunningFailsAfterTheExportTimeout() throws SQLException {
    try (EmulatorFixture emu = emulator(KhorosEmulator.builder().jobLatencyMillis(20));
        Connection connection = emu.connect("exportTimeout=300ms");
        Statement statement = connection.createStatement()) {
      warm(connection, "response");
      emu.emulator().setFaults("status:stuck");

      SQLException e =
          assertThrows(
              SQLException.class,
              () -> Rows.query(statement, "SELECT COUNT(*) FROM response" + WINDOW));

      assertTrue(e.getMessage().contains("still RUNNING after PT0.3S"), e.getMessage());
      assertTrue(e.getMessage().contains("exportTimeout"), e.getMessage());
    }
  }

  @Test
  void cancelStopsAQueryWaitingForItsExport() throws Exception {
    try (EmulatorFixture emu = emulator(KhorosEmulator.builder().jobLatencyMillis(20));
        Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      warm(connection, "response");
      emu.emulator().setFaults("status:stuck");
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
          assertThrows(
              SQLException.class,
              () -> Rows.query(statement, "SELECT COUNT(*) FROM response" + WINDOW));
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      cancel.get();

      assertTrue(e.getMessage().contains("cancel"), e.getMessage());
      assertTrue(elapsed < 10_000, "cancel took " + elapsed + " ms");
    }
  }

  @Test
  void theQueryTimeoutStopsAQueryWaitingForItsExport() throws SQLException {
    try (EmulatorFixture emu = emulator(KhorosEmulator.builder().jobLatencyMillis(20));
        Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      warm(connection, "response");
      emu.emulator().setFaults("status:stuck");
      statement.setQueryTimeout(1);

      SQLException e =
          assertThrows(
              SQLException.class,
              () -> Rows.query(statement, "SELECT COUNT(*) FROM response" + WINDOW));

      assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }
  }

  @Test
  void aJoinStartsBothExportsBeforeReadingEither() throws SQLException {
    try (EmulatorFixture emu = emulator(KhorosEmulator.builder().jobLatencyMillis(300));
        Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      warm(connection, "response");
      warm(connection, "conversation_actions");
      emu.emulator().reset();

      List<String> rows =
          Rows.query(
              statement,
              "SELECT COUNT(*) FROM response r JOIN "
                  + "conversation_actions a ON r.CONVERSATION_ID = a.CONVERSATION_ID WHERE "
                  + "r.WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' AND r.WINDOW_END <= TIMESTAMP "
                  + "'2019-02-01 06:00:00' AND a.WINDOW_START >= TIMESTAMP '2019-02-01 03:00:00' AND "
                  + "a.WINDOW_END <= TIMESTAMP '2019-02-01 09:00:00'");

      assertEquals(1, rows.size());
      List<JournalEntry> journal = emu.emulator().journal();
      List<String> routes = journal.stream().map(JournalEntry::route).toList();
      int secondCreate = routes.lastIndexOf("create");
      int firstDownload = routes.indexOf("download");
      assertEquals(2, routes.stream().filter("create"::equals).count(), routes.toString());
      assertTrue(secondCreate < firstDownload, "both exports start before any download: " + routes);
      JournalEntry second = journal.get(secondCreate);
      JournalEntry firstStatus = journal.get(routes.indexOf("status"));
      assertTrue(
          second.time() - journal.get(routes.indexOf("create")).time() < 300
              || second.seq() < firstStatus.seq(),
          "the second job did not wait for the first");
    }
  }

  @Test
  void aLimitStopsReadingAndLaterPiecesAreNeverDownloaded() throws SQLException {
    try (EmulatorFixture emu = emulator(KhorosEmulator.builder().jobLatencyMillis(20));
        Connection connection = emu.connect("splitWindow=1d");
        Statement statement = connection.createStatement()) {
      warm(connection, "response");
      emu.emulator().reset();

      List<String> rows =
          Rows.query(
              statement,
              "SELECT RESPONSE_ID FROM response WHERE "
                  + "WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' AND WINDOW_END <= TIMESTAMP "
                  + "'2019-02-04 00:00:00' LIMIT 5");

      assertEquals(5, rows.size());
      List<String> routes = emu.emulator().journal().stream().map(JournalEntry::route).toList();
      assertEquals(3, routes.stream().filter("create"::equals).count(), routes.toString());
      assertEquals(1, routes.stream().filter("file"::equals).count(), routes.toString());
    }
  }

  @Test
  void aLimitStopsTheThreadThatReadsAheadAndItsTransfer() throws Exception {
    try (EmulatorFixture emu = emulator(KhorosEmulator.builder().jobLatencyMillis(20));
        Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      String query =
          "SELECT ACTION_ID FROM conversation_actions WHERE WINDOW_START >= TIMESTAMP"
              + " '2019-02-01 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-11 00:00:00'";
      List<String> all = Rows.query(statement, query);
      assertTrue(all.size() > 10_000, "a file much larger than what is read ahead");

      List<String> first = Rows.query(statement, query + " LIMIT 3");

      assertEquals(all.subList(0, 3), first);
      assertTrue(
          waitUntil(5_000, () -> readAheadThreads() == 0),
          "threads still reading ahead: " + readAheadThreads());
    }
  }

  private static long readAheadThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("khoros-read"))
        .count();
  }

  private static boolean waitUntil(long millis, BooleanSupplier condition) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      sleep(20);
    }
    return true;
  }

  @Test
  void credentialsAreNeverSentToTheDownloadTarget() throws SQLException {
    try (EmulatorFixture emu = emulator(KhorosEmulator.builder().jobLatencyMillis(20));
        Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      Rows.query(statement, "SELECT COUNT(*) FROM response" + WINDOW);

      List<JournalEntry> files =
          emu.emulator().journal().stream().filter(e -> e.route().equals("file")).toList();
      assertFalse(files.isEmpty());
      assertTrue(files.stream().noneMatch(JournalEntry::authSent), files.toString());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
