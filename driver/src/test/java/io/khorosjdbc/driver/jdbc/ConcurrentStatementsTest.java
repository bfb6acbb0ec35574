package io.khorosjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * JDBC objects must be safe to use from several threads: an application (or a test harness) may
 * share one connection between threads that each open, run and close their own statements.
 */
class ConcurrentStatementsTest {
  private static final int THREADS = 8;
  private static final int STATEMENTS_PER_THREAD = 20_000;
  private static final int OPEN_AT_ONCE = 4;

  @Test
  void manyThreadsCanOpenAndCloseStatementsOnOneConnectionAtOnce() throws Exception {
    try (EmulatorFixture emu = EmulatorFixture.start();
        Connection connection = emu.connect()) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CyclicBarrier start = new CyclicBarrier(THREADS);
      try {
        List<Future<Integer>> runs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          runs.add(
              pool.submit(
                  () -> {
                    start.await();
                    // A few statements open at a time, as a tool with several result tabs has.
                    Deque<Statement> open = new ArrayDeque<>();
                    for (int i = 0; i < STATEMENTS_PER_THREAD; i++) {
                      open.addLast(connection.createStatement());
                      if (open.size() > OPEN_AT_ONCE) {
                        open.removeFirst().close();
                      }
                    }
                    int answered = 0;
                    for (Statement statement : open) {
                      try (ResultSet rs =
                          statement.executeQuery("SELECT COUNT(*) FROM khoros_meta.reports")) {
                        answered += rs.next() && rs.getInt(1) > 0 ? 1 : 0;
                      }
                      statement.close();
                    }
                    return answered;
                  }));
        }
        for (Future<Integer> run : runs) {
          assertEquals(OPEN_AT_ONCE, run.get(), "every statement still runs its query");
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
