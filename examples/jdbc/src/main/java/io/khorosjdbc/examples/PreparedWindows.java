package io.khorosjdbc.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PreparedStatement whose time window is two {@code ?} parameters: agent responses per day for a
 * week, one export per execution. Planned once, executed per day.
 */
public final class PreparedWindows {
  static final String SQL =
      """
      SELECT COUNT(*) AS RESPONSES
      FROM response
      WHERE WINDOW_START >= ? AND WINDOW_END <= ?""";

  private PreparedWindows() {}

  public static Map<LocalDate, Long> responsesPerDay(String url, LocalDate first, int days)
      throws SQLException {
    Map<LocalDate, Long> result = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection(url, Connect.credentials());
        PreparedStatement statement = connection.prepareStatement(SQL)) {
      for (int i = 0; i < days; i++) {
        LocalDate day = first.plusDays(i);
        // The connection works in UTC (timeZone=UTC), so these are UTC wall-clock times.
        statement.setTimestamp(1, Timestamp.valueOf(day.atStartOfDay()));
        statement.setTimestamp(2, Timestamp.valueOf(day.plusDays(1).atStartOfDay()));
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          result.put(day, rs.getLong(1));
        }
      }
    }
    return result;
  }

  public static void main(String[] args) throws SQLException {
    responsesPerDay(Connect.url(args), LocalDate.parse("2019-02-04"), 7)
        .forEach((day, n) -> System.out.println(day + "  " + n));
  }
}
