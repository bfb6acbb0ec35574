package io.khorosjdbc.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * A one-line progress display on stderr while a statement runs: the state of the exports it
 * started, elapsed time and rows downloaded so far, redrawn in place and erased when the statement
 * ends. It reads the driver's {@code khoros_meta.exports} system table from its own connection and
 * thread (the ledger is shared by every connection of the JVM). Only used on a terminal.
 */
final class ProgressReporter implements AutoCloseable {
  static final long FIRST_DRAW_MILLIS = 400;
  static final long REDRAW_MILLIS = 250;

  private final Callable<Connection> connections;
  private final PrintStream err;
  private Connection connection;
  private PreparedStatement poll;

  ProgressReporter(Callable<Connection> connections, PrintStream err) {
    this.connections = connections;
    this.err = err;
  }

  /** Reports while the returned handle is open. */
  Running start() {
    long fromJob = lastJobId();
    Running running = new Running(fromJob);
    running.thread.start();
    return running;
  }

  private synchronized long lastJobId() {
    try {
      PreparedStatement statement = statement();
      long max = 0;
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          max = Math.max(max, rs.getLong(1));
        }
      }
      return max;
    } catch (Exception e) {
      return Long.MAX_VALUE; // progress is a nicety: never fail a query over it
    }
  }

  private PreparedStatement statement() throws Exception {
    if (poll == null) {
      connection = connections.call();
      poll =
          connection.prepareStatement("SELECT JOB_ID, STATE, ROW_COUNT FROM khoros_meta.exports");
    }
    return poll;
  }

  /** The line for the jobs after {@code fromJob}, or null when there are none yet. */
  private synchronized String describe(long fromJob, long elapsedMillis) {
    try {
      Map<String, Integer> states = new TreeMap<>();
      long rows = 0;
      int jobs = 0;
      try (ResultSet rs = statement().executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(1) > fromJob) {
            jobs++;
            states.merge(rs.getString(2).toLowerCase(Locale.ROOT), 1, Integer::sum);
            rows += rs.getLong(3);
          }
        }
      }
      if (jobs == 0) {
        return null;
      }
      return line(states, jobs, rows, elapsedMillis);
    } catch (Exception e) {
      return null;
    }
  }

  static String line(Map<String, Integer> states, int jobs, long rows, long elapsedMillis) {
    StringBuilder b = new StringBuilder(jobs == 1 ? "export " : jobs + " exports ");
    if (jobs == 1) {
      b.append(states.keySet().iterator().next());
    } else {
      StringBuilder parts = new StringBuilder();
      states.forEach(
          (state, count) ->
              parts
                  .append(parts.length() == 0 ? "" : ", ")
                  .append(count)
                  .append(' ')
                  .append(state));
      b.append(parts);
    }
    b.append(String.format(Locale.ROOT, " | %.1f s | %,d rows", elapsedMillis / 1000.0, rows));
    return b.toString();
  }

  @Override
  public synchronized void close() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      // nothing to report: the progress connection holds no state
    }
  }

  /** One statement's progress display. */
  final class Running implements AutoCloseable {
    private final Thread thread;
    private final long started = System.nanoTime();
    private volatile boolean done;
    private int drawn;

    private Running(long fromJob) {
      thread = new Thread(() -> loop(fromJob), "khoros-sql-progress");
      thread.setDaemon(true);
    }

    private void loop(long fromJob) {
      try {
        Thread.sleep(FIRST_DRAW_MILLIS);
        while (!done) {
          long elapsed = (System.nanoTime() - started) / 1_000_000;
          String text = describe(fromJob, elapsed);
          if (text != null) {
            draw(text);
          }
          Thread.sleep(REDRAW_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private synchronized void draw(String text) {
      if (done) {
        return;
      }
      String padding = " ".repeat(Math.max(0, drawn - text.length()));
      err.print("\r" + text + padding);
      err.flush();
      drawn = text.length();
    }

    @Override
    public void close() {
      synchronized (this) {
        done = true;
        if (drawn > 0) {
          err.print("\r" + " ".repeat(drawn) + "\r");
          err.flush();
          drawn = 0;
        }
      }
      thread.interrupt();
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
