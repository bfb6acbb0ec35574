package io.khorosjdbc.driver.it;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;

/**
 * Every export as a table, and one query over each: its data columns in a six-hour window three
 * days ago (recent enough for Raw Author's 18-month history limit). Shared by the tests that check
 * a table returns exactly the export's rows, whatever the format or the spelling of the file.
 */
final class ExportTables {
  static final Instant START_TIME =
      Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);
  static final Instant END_TIME = START_TIME.plus(6, ChronoUnit.HOURS);
  static final String WHERE =
      " WHERE WINDOW_START >= TIMESTAMP '"
          + sql(START_TIME)
          + "' AND WINDOW_END <= TIMESTAMP '"
          + sql(END_TIME)
          + "'";

  private ExportTables() {}

  /** The ids of all 14 exports, for {@code @MethodSource}. */
  static Stream<String> exportIds() {
    return Stream.of(
        "author",
        "combined",
        "conversation",
        "conversation_actions",
        "conversation_history_action",
        "incoming_post",
        "raw_agent_states",
        "raw_expert_help",
        "response",
        "response_approval",
        "team_performance",
        "team_performance_interval",
        "user",
        "raw_brand_posts");
  }

  private static String sql(Instant instant) {
    return instant.toString().replace('T', ' ').replace("Z", "");
  }

  /** The table's name in SQL ({@code user} is a reserved word). */
  static String table(String exportId) {
    return exportId.equals("user") ? "\"user\"" : exportId;
  }

  /** The table's data columns (not the pseudo-columns, not JSON-only), as the driver knows them. */
  static List<String> dataColumns(Connection connection, String exportId) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT COLUMN_NAME FROM khoros_meta.columns "
                    + "WHERE TABLE_NAME = '"
                    + exportId
                    + "' AND COLUMN_KIND = 'DATA' AND NOT JSON_ONLY"
                    + " ORDER BY ORDINAL_POSITION")) {
      while (rs.next()) {
        columns.add(rs.getString(1));
      }
    }
    return columns;
  }

  /** {@code SELECT} of these columns of the export in the window. */
  static String select(String exportId, List<String> columns) {
    return "SELECT \"" + String.join("\", \"", columns) + "\" FROM " + table(exportId) + WHERE;
  }

  /** Rows as text, with each value as the driver typed it. */
  static List<String> rows(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return Rows.query(statement, sql);
    }
  }

  /**
   * The ground truth: the export's rows in the window downloaded whole, as the API's own strings.
   */
  static List<CSVRecord> truth(EmulatorFixture emu, String exportId, List<String> metrics) {
    Map<String, List<String>> parameters =
        new HashMap<>(
            Map.of(
                "companyKey",
                List.of(emu.emulator().companyKey()),
                "startTime",
                List.of(String.valueOf(START_TIME.toEpochMilli())),
                "endTime",
                List.of(String.valueOf(END_TIME.toEpochMilli())),
                "reportFormat",
                List.of("csv"),
                "reportMetrics",
                metrics));
    if (exportId.equals("team_performance_interval")) {
      parameters.put("timeInterval", List.of("86400000"));
    }
    String path = exportId.equals("raw_brand_posts") ? "marketing/raw_brand_posts" : exportId;
    return Rows.csv(emu.groundTruth(path, parameters));
  }
}
