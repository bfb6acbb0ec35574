package io.khorosjdbc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.KhorosEmulatorExtension;
import io.khorosjdbc.emulator.RateLimit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each example against the emulator, checked against an independent query. */
class ExamplesTest {
  @RegisterExtension
  static final KhorosEmulatorExtension EMU =
      new KhorosEmulatorExtension(
          KhorosEmulator.builder().rowsPerDay(500).jobLatencyMillis(20).rateLimit(RateLimit.OFF));

  @TempDir Path cache;

  String url() {
    return "jdbc:khoros:url="
        + EMU.baseUrl()
        + ";companyKey=demo;cache=false;pollInitialDelay=10ms"
        + ";schemaCacheDir="
        + cache;
  }

  long single(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url(), Connect.credentials());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  long creates() {
    return EMU.emulator().journal().stream().filter(e -> "create".equals(e.route())).count();
  }

  @Test
  void plainJdbc() throws Exception {
    Map<String, Long> perTeam = PlainJdbc.closedPerTeam(url());
    assertTrue(perTeam.size() >= 3, perTeam::toString);
    long total = perTeam.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(
        single(
            "SELECT COUNT(*) FROM conversation WHERE API_CONVERSATION_REPORT_TYPE"
                + " = 'CLOSED' AND WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00'"
                + " AND WINDOW_END <= TIMESTAMP '2019-03-01 00:00:00'"),
        total);
    assertTrue(
        EMU.emulator().journal().stream()
            .filter(e -> "create".equals(e.route()))
            .allMatch(
                e ->
                    !"conversation".equals(e.exportId())
                        || e.parameters()
                            .getOrDefault("conversationReportType", java.util.List.of("CLOSED"))
                            .contains("CLOSED")),
        "the pseudo-column became an API parameter");
  }

  @Test
  void preparedStatementWindows() throws Exception {
    Map<LocalDate, Long> perDay =
        PreparedWindows.responsesPerDay(url(), LocalDate.parse("2019-02-04"), 3);
    assertEquals(3, perDay.size());
    long week =
        single(
            "SELECT COUNT(*) FROM response WHERE WINDOW_START >= TIMESTAMP"
                + " '2019-02-04 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-07 00:00:00'");
    assertEquals(
        week,
        perDay.values().stream().mapToLong(Long::longValue).sum(),
        "three one-day windows add up to one three-day window");
    assertTrue(perDay.values().stream().allMatch(n -> n > 0), perDay::toString);
  }

  @Test
  void hikariPoolSharedByThreads() throws Exception {
    try (HikariDataSource pool = PooledQueries.pool(url(), 3)) {
      Map<LocalDate, Long> perDay =
          PooledQueries.statesPerDay(pool, LocalDate.parse("2019-02-04"), 6, 3);
      assertEquals(6, perDay.size());
      assertTrue(perDay.values().stream().allMatch(n -> n > 0), perDay::toString);
      assertTrue(pool.getHikariPoolMXBean().getTotalConnections() <= 3);
      for (Map.Entry<LocalDate, Long> day : perDay.entrySet()) {
        assertEquals(
            single(
                "SELECT COUNT(*) FROM raw_agent_states WHERE WINDOW_START >= TIMESTAMP '"
                    + day.getKey()
                    + " 00:00:00' AND WINDOW_END <= TIMESTAMP '"
                    + day.getKey().plusDays(1)
                    + " 00:00:00'"),
            day.getValue(),
            day.getKey().toString());
      }
    }
  }
}
