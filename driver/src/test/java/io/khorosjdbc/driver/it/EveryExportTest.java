package io.khorosjdbc.driver.it;

import static io.khorosjdbc.driver.it.ExportTables.WHERE;
import static io.khorosjdbc.driver.it.ExportTables.dataColumns;
import static io.khorosjdbc.driver.it.ExportTables.rows;
import static io.khorosjdbc.driver.it.ExportTables.select;
import static io.khorosjdbc.driver.it.ExportTables.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every export is a table whose rows are exactly the export's rows, in CSV and in JSON. */
class EveryExportTest {
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

  @ParameterizedTest
  @MethodSource("io.khorosjdbc.driver.it.ExportTables#exportIds")
  void everyExportReturnsExactlyItsRowsInCsvAndJson(String exportId) throws SQLException {
    List<String> columns = dataColumns(csv, exportId);
    assertTrue(columns.size() >= 5, exportId + " columns " + columns);
    String select = select(exportId, columns);

    List<String> expected = new ArrayList<>();
    for (CSVRecord record : truth(emu, exportId, columns)) {
      // The driver reads an empty value as NULL (CSV cannot tell them apart).
      expected.add(
          String.join("|", record.toList().stream().map(v -> v.isEmpty() ? "null" : v).toList()));
    }
    assertEquals(expected, rows(strings, select), exportId + ": values differ");
    List<String> viaCsv = rows(csv, select);
    assertEquals(expected.size(), viaCsv.size(), exportId);
    assertTrue(expected.size() > 0, exportId + " has no rows in the test window");
    assertEquals(viaCsv, rows(json, select), exportId + ": CSV and JSON disagree");
  }

  @Test
  void jsonOnlyColumnsSwitchTheExportToJsonByThemselves() throws SQLException {
    emu.emulator().reset();
    List<String> rows =
        rows(csv, "SELECT AGENT_ID, TOTAL_GREEN_STATE_TIME_MILLIS FROM " + "\"user\"" + WHERE);

    assertTrue(rows.size() > 0);
    assertTrue(rows.stream().noneMatch(r -> r.endsWith("|null")), rows.toString());
    assertEquals(List.of("json"), emu.creates().get(0).parameters().get("reportFormat"));
  }
}
