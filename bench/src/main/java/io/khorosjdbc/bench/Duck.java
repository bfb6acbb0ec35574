package io.khorosjdbc.bench;

import io.khorosjdbc.bench.Harness.Answer;
import io.khorosjdbc.bench.Harness.Drained;
import io.khorosjdbc.bench.Harness.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;

/**
 * DuckDB, the baseline engine, in memory, reading a saved export file. It is given the columns'
 * types from the pinned schema (the ones the driver converts to), so that both convert the same
 * values and neither guesses. On one thread it is the like-for-like baseline: the driver parses an
 * export on one thread.
 */
final class Duck implements AutoCloseable {
  private final Connection connection;
  private final int threads;

  private Duck(int threads) throws SQLException {
    this.connection = DriverManager.getConnection("jdbc:duckdb:");
    if (threads > 0) {
      try (Statement s = connection.createStatement()) {
        s.execute("SET threads TO " + threads);
      }
    }
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('threads')")) {
      rs.next();
      this.threads = rs.getInt(1);
    }
  }

  /** DuckDB on one thread. */
  static Duck oneThread() throws SQLException {
    return new Duck(1);
  }

  /** DuckDB with its default: a thread per core. */
  static Duck allThreads() throws SQLException {
    return new Duck(0);
  }

  int threads() {
    return threads;
  }

  /**
   * The table function that reads {@code file} with every column typed as the schema says: {@code
   * read_csv} for CSV, {@code read_json(format = 'array')} for the API's JSON.
   */
  static String source(Path file, Schema schema) throws IOException {
    StringJoiner columns = new StringJoiner(", ", "{", "}");
    for (String column : ExportFile.columns(file)) {
      columns.add(literal(column) + ": " + literal(schema.type(column)));
    }
    String path = literal(file.toString());
    return ExportFile.isJson(file)
        ? "read_json(" + path + ", format = 'array', columns = " + columns + ")"
        : "read_csv(" + path + ", header = true, columns = " + columns + ")";
  }

  /**
   * Reads every value of the file ({@code count(*)} and {@code count(c)} for each column c); the
   * rows are the count, the time is the query's.
   */
  Drained countAll(Path file, Schema schema) throws IOException, SQLException {
    List<String> columns = ExportFile.columns(file);
    StringBuilder sql = new StringBuilder("SELECT count(*)");
    for (String column : columns) {
      sql.append(", count(\"").append(column).append("\")");
    }
    sql.append(" FROM ").append(source(file, schema));
    long t0 = System.nanoTime();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql.toString())) {
      rs.next();
      long touched = 0;
      for (int i = 2; i <= columns.size() + 1; i++) {
        touched += rs.getLong(i);
      }
      return new Drained(rs.getLong(1), touched, System.nanoTime() - t0);
    }
  }

  /** Runs a query; its rows in canonical form, comparable with the driver's. */
  Answer answer(String sql) throws SQLException {
    return Harness.answer(connection, sql);
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
