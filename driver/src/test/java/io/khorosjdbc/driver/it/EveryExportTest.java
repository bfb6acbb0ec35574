package io.khorosjdbc.driver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every export is a table whose rows are exactly the export's rows, in CSV and in JSON. */
class EveryExportTest {
  /** Six hours, three days ago: recent enough for Raw Author's 18-month history limit. */
  private static final Instant START_TIME =
      Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);
  private static final Instant END_TIME = START_TIME.plus(6, ChronoUnit.HOURS);
  private static final String START = String.valueOf(START_TIME.toEpochMilli());
  private static final String END = String.valueOf(END_TIME.toEpochMilli());
  private static final String WHERE = " WHERE WINDOW_START >= TIMESTAMP '" + sql(START_TIME)
      + "' AND WINDOW_END <= TIMESTAMP '" + sql(END_TIME) + "'";

  private static String sql(Instant instant) {
    return instant.toString().replace('T', ' ').replace("Z", "");
  }

  private static EmulatorFixture emu;
  private static Connection csv;
  private static Connection json;
  private static Connection strings;

  @BeforeAll
  static void start() throws SQLException {
    emu = EmulatorFixture.start();
    csv = emu.connect();
    json = emu.connect("format=json");
    strings = emu.connect("typeMode=strings");
  }

  @AfterAll
  static void stop() throws SQLException {
    csv.close();
    json.close();
    strings.close();
    emu.close();
  }

  private static String table(String exportId) {
    return exportId.equals("user") ? "\"user\"" : exportId;
  }

  /** The ground truth: the export downloaded whole, as the API's own strings. */
  private static List<CSVRecord> truth(String exportId, List<String> metrics) {
    Map<String, List<String>> parameters = new java.util.HashMap<>(Map.of(
        "companyKey", List.of("demo"), "startTime", List.of(START), "endTime", List.of(END),
        "reportFormat", List.of("csv"), "reportMetrics", metrics));
    if (exportId.equals("team_performance_interval")) {
      parameters.put("timeInterval", List.of("86400000"));
    }
    String path = exportId.equals("raw_brand_posts") ? "marketing/raw_brand_posts" : exportId;
    return Rows.csv(emu.groundTruth(path, parameters));
  }

  /** The table's data columns (not the pseudo-columns), as the driver discovered them. */
  private static List<String> dataColumns(Connection connection, String exportId)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT COLUMN_NAME FROM khoros_meta.columns "
             + "WHERE TABLE_NAME = '" + exportId + "' AND COLUMN_KIND = 'DATA' AND NOT JSON_ONLY"
             + " ORDER BY ORDINAL_POSITION")) {
      while (rs.next()) {
        columns.add(rs.getString(1));
      }
    }
    return columns;
  }

  @ParameterizedTest
  @ValueSource(strings = {"author", "combined", "conversation", "conversation_actions",
      "conversation_history_action", "incoming_post", "raw_agent_states", "raw_expert_help",
      "response", "response_approval", "team_performance", "team_performance_interval", "user",
      "raw_brand_posts"})
  void everyExportReturnsExactlyItsRowsInCsvAndJson(String exportId) throws SQLException {
    List<String> columns = dataColumns(csv, exportId);
    assertTrue(columns.size() >= 5, exportId + " columns " + columns);
    String select = "SELECT \"" + String.join("\", \"", columns) + "\" FROM " + table(exportId)
        + WHERE;

    List<String> expected = new ArrayList<>();
    for (CSVRecord record : truth(exportId, columns)) {
      // The driver reads an empty value as NULL (CSV cannot tell them apart).
      expected.add(String.join("|", record.toList().stream()
          .map(v -> v.isEmpty() ? "null" : v).toList()));
    }
    assertEquals(expected, asStrings(strings, select), exportId + ": values differ");
    List<String> viaCsv = asStrings(csv, select);
    assertEquals(expected.size(), viaCsv.size(), exportId);
    assertTrue(expected.size() > 0, exportId + " has no rows in the test window");
    assertEquals(viaCsv, asStrings(json, select), exportId + ": CSV and JSON disagree");
  }

  /** Rows as text, with each value as the driver typed it, compared across formats. */
  private static List<String> asStrings(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return Rows.query(statement, sql);
    }
  }

  @Test
  void jsonOnlyColumnsSwitchTheExportToJsonByThemselves() throws SQLException {
    emu.emulator().reset();
    List<String> rows = asStrings(csv, "SELECT AGENT_ID, TOTAL_GREEN_STATE_TIME_MILLIS FROM "
        + "\"user\"" + WHERE);

    assertTrue(rows.size() > 0);
    assertTrue(rows.stream().noneMatch(r -> r.endsWith("|null")), rows.toString());
    assertEquals(List.of("json"), emu.creates().get(0).parameters().get("reportFormat"));
  }
}
