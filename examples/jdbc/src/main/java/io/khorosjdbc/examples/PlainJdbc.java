package io.khorosjdbc.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain JDBC: conversations closed per team in February 2019. The driver registers itself with
 * {@link DriverManager}; the window is chosen by the WINDOW_START/WINDOW_END predicate and the
 * export type by the API_CONVERSATION_REPORT_TYPE pseudo-column.
 */
public final class PlainJdbc {
  static final String SQL =
      """
      SELECT TEAM_NAME, COUNT(*) AS CLOSED
      FROM conversation
      WHERE API_CONVERSATION_REPORT_TYPE = 'CLOSED'
        AND WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00'
        AND WINDOW_END   <= TIMESTAMP '2019-03-01 00:00:00'
      GROUP BY TEAM_NAME
      ORDER BY CLOSED DESC, TEAM_NAME""";

  private PlainJdbc() {}

  /** Closed conversations per team, largest first. */
  public static Map<String, Long> closedPerTeam(String url) throws SQLException {
    Map<String, Long> result = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection(url, Connect.credentials());
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(SQL)) {
      while (rs.next()) {
        result.put(rs.getString("TEAM_NAME"), rs.getLong("CLOSED"));
      }
    }
    return result;
  }

  public static void main(String[] args) throws SQLException {
    closedPerTeam(Connect.url(args))
        .forEach((team, closed) -> System.out.printf("%-20s %6d%n", team, closed));
  }
}
