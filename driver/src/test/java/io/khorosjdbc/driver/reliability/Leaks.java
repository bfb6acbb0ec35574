package io.khorosjdbc.driver.reliability;

import io.khorosjdbc.driver.api.AnalyticsClient;
import io.khorosjdbc.driver.export.ExportLedger;
import io.khorosjdbc.driver.export.TenantScheduler;
import io.khorosjdbc.driver.sql.KhorosContext;
import io.khorosjdbc.driver.sql.KhorosSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.calcite.jdbc.CalciteConnection;

/** Looks for what a closed connection must not leave behind: threads, sockets, temp files. */
final class Leaks {
  private Leaks() {}

  /** Names of live threads that start with {@code prefix}. */
  static List<String> threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .sorted()
        .toList();
  }

  /** The threads' prefix of a new tenant scheduler: {@code khoros-scheduler-<id>-}. */
  static String schedulerThreadPrefix(List<String> before, List<String> after) {
    return after.stream()
        .filter(name -> !before.contains(name) && name.contains("-timer-"))
        .map(name -> name.substring(0, name.indexOf("-timer-") + 1))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no new scheduler thread: " + after));
  }

  /** OkHttp threads other than its shared, idle-expiring TaskRunner threads. */
  static List<String> okHttpWorkerThreads() {
    return threads("OkHttp").stream()
        .filter(name -> !name.startsWith("OkHttp TaskRunner"))
        .toList();
  }

  static AnalyticsClient client(Connection connection) throws SQLException {
    return context(connection).exports().scheduler().client();
  }

  static TenantScheduler scheduler(Connection connection) throws SQLException {
    return context(connection).exports().scheduler();
  }

  static ExportLedger ledger(Connection connection) throws SQLException {
    return context(connection).ledger();
  }

  private static KhorosContext context(Connection connection) throws SQLException {
    return connection
        .unwrap(CalciteConnection.class)
        .getRootSchema()
        .subSchemas()
        .get(KhorosSchema.NAME)
        .unwrap(KhorosSchema.class)
        .context();
  }

  /** Open sockets of this process (Linux), or -1 where /proc is not available. */
  static int sockets() {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return -1;
    }
    try (Stream<Path> list = Files.list(fds)) {
      return (int)
          list.filter(
                  fd -> {
                    try {
                      return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                    } catch (IOException e) {
                      return false;
                    }
                  })
              .count();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Files left in a directory tree whose names end with {@code suffix}. */
  static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
    }
  }

  /** Waits up to {@code millis} for {@code condition}; returns whether it came true. */
  static boolean eventually(long millis, BooleanSupplier condition) {
    long until = System.nanoTime() + millis * 1_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
