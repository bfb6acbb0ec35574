package io.khorosjdbc.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A HikariCP pool shared by several threads: each thread counts one day's agent state changes
 * through a pooled connection. The driver is read-only and keeps no transaction state, so the pool
 * is configured read-only with auto-commit.
 */
public final class PooledQueries {
  static final String SQL =
      "SELECT COUNT(*) FROM raw_agent_states" + " WHERE WINDOW_START >= ? AND WINDOW_END <= ?";

  private PooledQueries() {}

  public static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setDriverClassName("io.khorosjdbc.driver.jdbc.KhorosDriver");
    config.setUsername(Connect.credentials().getProperty("user"));
    config.setPassword(Connect.credentials().getProperty("password"));
    config.setMaximumPoolSize(size);
    config.setReadOnly(true);
    config.setAutoCommit(true);
    config.setPoolName("khoros");
    return new HikariDataSource(config);
  }

  public static Map<LocalDate, Long> statesPerDay(
      HikariDataSource pool, LocalDate first, int days, int threads) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> counts = new ArrayList<>();
      for (int i = 0; i < days; i++) {
        LocalDate day = first.plusDays(i);
        counts.add(executor.submit(() -> count(pool, day)));
      }
      Map<LocalDate, Long> result = new TreeMap<>();
      for (int i = 0; i < days; i++) {
        result.put(first.plusDays(i), counts.get(i).get());
      }
      return result;
    } finally {
      executor.shutdownNow();
    }
  }

  static long count(HikariDataSource pool, LocalDate day) throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(SQL)) {
      statement.setTimestamp(1, Timestamp.valueOf(day.atStartOfDay()));
      statement.setTimestamp(2, Timestamp.valueOf(day.plusDays(1).atStartOfDay()));
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    try (HikariDataSource pool = pool(Connect.url(args), 4)) {
      statesPerDay(pool, LocalDate.parse("2019-02-04"), 7, 4)
          .forEach((day, n) -> System.out.println(day + "  " + n));
    }
  }
}
