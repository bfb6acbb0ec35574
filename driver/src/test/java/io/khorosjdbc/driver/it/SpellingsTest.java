package io.khorosjdbc.driver.it;

import static io.khorosjdbc.driver.it.ExportTables.dataColumns;
import static io.khorosjdbc.driver.it.ExportTables.rows;
import static io.khorosjdbc.driver.it.ExportTables.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.emulator.CsvHeaderStyle;
import io.khorosjdbc.emulator.JsonKeyStyle;
import io.khorosjdbc.emulator.KhorosEmulator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing documents whether a tenant's CSV headers and JSON keys are the API's names ({@code
 * CONVERSATION_ID}), the UI's ({@code Conversation ID}, {@code Assignee ID}) or camelCase ({@code
 * conversationId}). Every table returns exactly the same rows whichever the tenant sends.
 */
class SpellingsTest {

  /** One way a tenant may spell its files, and how the driver is told to read them. */
  enum Spelling {
    CSV_HEADERS_DISPLAY(b -> b.csvHeader(CsvHeaderStyle.DISPLAY), "format=csv"),
    CSV_HEADERS_CAMEL(b -> b.csvHeader(CsvHeaderStyle.CAMEL), "format=csv"),
    JSON_KEYS_DISPLAY(b -> b.jsonKeys(JsonKeyStyle.DISPLAY), "format=json"),
    JSON_KEYS_CAMEL(b -> b.jsonKeys(JsonKeyStyle.CAMEL), "format=json");

    final UnaryOperator<KhorosEmulator.Builder> emulator;
    final String format;

    Spelling(UnaryOperator<KhorosEmulator.Builder> emulator, String format) {
      this.emulator = emulator;
      this.format = format;
    }
  }

  /** Same seed, same data: a tenant that spells its files the API's way, and one per spelling. */
  private static EmulatorFixture apiSpelled;

  private static final Map<Spelling, EmulatorFixture> SPELLED = new EnumMap<>(Spelling.class);
  private static final List<Connection> CONNECTIONS = new ArrayList<>();
  private static final Map<String, Connection> BY_NAME = new HashMap<>();

  /** The API-spelled tenant's rows, by format and export: each spelling is compared with them. */
  private static final Map<String, List<String>> EXPECTED = new HashMap<>();

  private static KhorosEmulator.Builder tenant() {
    return EmulatorFixture.defaults();
  }

  @BeforeAll
  static void start() throws SQLException {
    apiSpelled = new EmulatorFixture(tenant());
    BY_NAME.put("api format=csv", open(apiSpelled, "format=csv"));
    BY_NAME.put("api format=json", open(apiSpelled, "format=json"));
    for (Spelling spelling : Spelling.values()) {
      EmulatorFixture emu = new EmulatorFixture(spelling.emulator.apply(tenant()));
      SPELLED.put(spelling, emu);
      BY_NAME.put(spelling.name(), open(emu, spelling.format));
    }
  }

  private static Connection open(EmulatorFixture emu, String format) throws SQLException {
    Connection connection = emu.connect(format);
    CONNECTIONS.add(connection);
    return connection;
  }

  @AfterAll
  static void stop() throws SQLException {
    for (Connection connection : CONNECTIONS) {
      connection.close();
    }
    SPELLED.values().forEach(EmulatorFixture::close);
    apiSpelled.close();
  }

  private static List<String> rowsOf(Connection connection, String sql) {
    try {
      return rows(connection, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> everySpellingOfEveryExport() {
    return ExportTables.exportIds()
        .flatMap(
            exportId ->
                Stream.of(Spelling.values()).map(spelling -> Arguments.of(spelling, exportId)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everySpellingOfEveryExport")
  void aTableReturnsTheSameRowsWhateverTheFilesSpelling(Spelling spelling, String exportId)
      throws SQLException {
    Connection reference = BY_NAME.get("api " + spelling.format);
    Connection spelled = BY_NAME.get(spelling.name());
    // The table's columns are the API's names (the column discovery learns them from any spelling,
    // see SchemaDiscoveryTest); the spelled file must fill each of them.
    List<String> columns = dataColumns(reference, exportId);
    List<String> expected =
        EXPECTED.computeIfAbsent(
            spelling.format + " " + exportId, key -> rowsOf(reference, select(exportId, columns)));

    assertFalse(expected.isEmpty(), exportId + " has no rows in the test window");
    assertEquals(expected, rows(spelled, select(exportId, columns)), spelling + " " + exportId);
  }
}
