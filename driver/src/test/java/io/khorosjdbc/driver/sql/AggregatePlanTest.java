package io.khorosjdbc.driver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which GROUP BYs the driver computes itself ({@link KhorosAggregate}) and that their answers are
 * the ones the plain rows give. The differential suites compare many more against DuckDB.
 */
class AggregatePlanTest {
  private static final String WEEK =
      " FROM response WHERE WINDOW_START >= TIMESTAMP '2019-03-04 00:00:00' AND "
          + "WINDOW_END <= TIMESTAMP '2019-03-11 00:00:00'";
  private static EmulatorFixture emu;
  private static Connection connection;

  @BeforeAll
  static void start() throws SQLException {
    emu = EmulatorFixture.start();
    connection = emu.connect("splitWindow=none");
  }

  @AfterAll
  static void stop() throws SQLException {
    connection.close();
    emu.close();
  }

  @Test
  void aDistinctCountBesideOtherAggregatesIsOnePassOverTheScan() throws SQLException {
    String plan =
        explain(
            "SELECT NETWORK, COUNT(*), COUNT(DISTINCT AGENT_ID), MIN(RESPONSE_ID),"
                + " MAX(WINDOW_START)"
                + WEEK
                + " GROUP BY NETWORK");

    assertTrue(
        plan.startsWith(
            "KhorosAggregate(group=[{0}], EXPR$1=[COUNT()], EXPR$2=[COUNT(DISTINCT $1)]"),
        plan);
    assertFalse(plan.contains("EnumerableAggregate"), plan);
    assertFalse(plan.contains("groups=["), plan); // no grouping sets
  }

  @Test
  void anAggregateTheDriverDoesNotComputeIsLeftToCalcite() throws SQLException {
    String plan = explain("SELECT NETWORK, LISTAGG(AGENT_ID)" + WEEK + " GROUP BY NETWORK");

    assertTrue(plan.contains("EnumerableAggregate"), plan);
    assertFalse(plan.contains("KhorosAggregate"), plan);
  }

  @Test
  void groupsAndCountsAreTheOnesThePlainRowsGive() throws SQLException {
    Map<String, Long> rows = new HashMap<>();
    Map<String, Set<String>> agents = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT NETWORK, AGENT_ID" + WEEK)) {
      while (rs.next()) {
        String network = String.valueOf(rs.getString(1));
        rows.merge(network, 1L, Long::sum);
        Set<String> seen = agents.computeIfAbsent(network, n -> new HashSet<>());
        if (rs.getString(2) != null) {
          seen.add(rs.getString(2));
        }
      }
    }
    Map<String, List<Long>> expected = new TreeMap<>();
    rows.forEach(
        (network, count) ->
            expected.put(network, List.of(count, (long) agents.get(network).size())));

    Map<String, List<Long>> actual = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT NETWORK, COUNT(*), COUNT(DISTINCT AGENT_ID)"
                    + WEEK
                    + " GROUP BY NETWORK")) {
      while (rs.next()) {
        actual.put(String.valueOf(rs.getString(1)), List.of(rs.getLong(2), rs.getLong(3)));
      }
    }

    assertTrue(expected.size() > 1, expected.toString());
    assertEquals(expected, actual);
  }

  @Test
  void aLoneAggregateWithoutGroupByIsOneValue() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      List<String> distinct = Rows.query(statement, "SELECT COUNT(DISTINCT NETWORK)" + WEEK);
      List<String> networks =
          Rows.query(statement, "SELECT DISTINCT NETWORK" + WEEK + " AND NETWORK IS NOT NULL");

      assertEquals(List.of(String.valueOf(networks.size())), distinct);
    }
  }

  private static String explain(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return String.join("\n", Rows.query(statement, "EXPLAIN PLAN FOR " + sql));
    }
  }
}
