package io.khorosjdbc.driver.sql;

import java.sql.SQLWarning;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Warnings raised while a query binds its scans, for {@code ResultSet.getWarnings()} and {@code
 * Statement.getWarnings()}. Scans bind deep inside Calcite, on the thread that executes the
 * statement, where the statement is not at hand; so the result set collects what that thread
 * reports while it executes.
 */
public final class QueryWarnings {
  private static final ThreadReports<String> MESSAGES = new ThreadReports<>();

  private QueryWarnings() {}

  /** Reports a warning to the execution running on this thread, if one collects them. */
  static void add(String message) {
    MESSAGES.report(message);
  }

  /** The result of {@code execution} and the warnings its scans reported, as a JDBC chain. */
  public record Collected<T>(T result, SQLWarning warnings) {}

  public static <T> Collected<T> collect(Callable<T> execution) throws Exception {
    ThreadReports.Collected<T, String> run = MESSAGES.collect(execution);
    return new Collected<>(run.result(), chain(run.items()));
  }

  private static SQLWarning chain(List<String> messages) {
    SQLWarning first = null;
    for (String message : messages) {
      SQLWarning warning = new SQLWarning(message, "01000");
      if (first == null) {
        first = warning;
      } else {
        first.setNextWarning(warning);
      }
    }
    return first;
  }
}
