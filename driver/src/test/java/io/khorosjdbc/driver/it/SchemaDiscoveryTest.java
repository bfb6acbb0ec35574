package io.khorosjdbc.driver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import io.khorosjdbc.emulator.CsvHeaderStyle;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Columns come from local knowledge (schema file, what the tenant's exports showed, the built-in
 * catalog), are corrected from the tenant's own exports, are cached on disk, and never cost an
 * export just to describe a table.
 */
class SchemaDiscoveryTest {

  private static List<String> columns(Connection connection, String table) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getColumns(null, "khoros", table, "%")) {
      while (rs.next()) {
        names.add(rs.getString("COLUMN_NAME"));
      }
    }
    return names;
  }

  private static int type(Connection connection, String table, String column) throws SQLException {
    try (ResultSet rs = connection.getMetaData().getColumns(null, "khoros", table, column)) {
      assertTrue(rs.next(), table + "." + column);
      return rs.getInt("DATA_TYPE");
    }
  }

  /** The emulator's catalog with the conversation export's default columns changed. */
  private static Path changedCatalog(Path dir) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode catalog;
    try (InputStream in = KhorosEmulator.class.getResourceAsStream("catalog.json")) {
      catalog = json.readTree(in);
    }
    for (JsonNode export : catalog.get("exports")) {
      if (export.get("id").asText().equals("conversation")) {
        ArrayNode columns = (ArrayNode) export.get("columns");
        for (int i = columns.size() - 1; i >= 0; i--) {
          if (columns.get(i).get("name").asText().equals("NETWORK")) {
            columns.remove(i);
          }
        }
        ObjectNode custom = columns.addObject();
        custom
            .put("name", "TENANT_LOYALTY_SCORE")
            .put("displayName", "Tenant Loyalty Score")
            .put("type", "double")
            .put("default", true)
            .put("description", "a tenant column");
      }
    }
    Path file = dir.resolve("catalog.json");
    json.writeValue(file.toFile(), catalog);
    return file;
  }

  private static String remark(Connection connection, String table) throws SQLException {
    try (ResultSet rs = connection.getMetaData().getTables(null, "khoros", table, null)) {
      assertTrue(rs.next(), table);
      return rs.getString("REMARKS");
    }
  }

  private static boolean eventually(long millis, Callable<Boolean> condition) throws Exception {
    long until = System.nanoTime() + millis * 1_000_000L;
    while (!condition.call()) {
      if (System.nanoTime() > until) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  @Test
  void aTenantWithOtherColumnsIsLearnedWhenAQueryMeetsThemAndRememberedOnDisk(@TempDir Path dir)
      throws Exception {
    String window =
        " FROM conversation WHERE WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' "
            + "AND WINDOW_END <= TIMESTAMP '2019-02-02 00:00:00'";
    try (EmulatorFixture changed =
            new EmulatorFixture(
                KhorosEmulator.builder()
                    .seed(42)
                    .jobLatencyMillis(20)
                    .catalog(changedCatalog(dir))
                    .rateLimit(RateLimit.OFF));
        Connection connection = changed.connect()) {
      // Describing a table never waits on an export: until the tenant shows otherwise, its
      // columns are the built-in catalog's, and the remarks say so.
      assertTrue(columns(connection, "conversation").contains("NETWORK"));
      assertTrue(
          remark(connection, "conversation").contains("not yet confirmed"),
          remark(connection, "conversation"));
      assertTrue(changed.creates().isEmpty());

      try (Statement statement = connection.createStatement()) {
        SQLException e =
            assertThrows(
                SQLException.class, () -> Rows.query(statement, "SELECT NETWORK" + window));
        assertTrue(e.getMessage().contains("NETWORK"), e.getMessage());
      }
      // The refusal makes the driver learn the tenant's columns in the background.
      assertTrue(
          eventually(10_000, () -> !columns(connection, "conversation").contains("NETWORK")),
          "the table is corrected");
      assertTrue(columns(connection, "conversation").contains("TENANT_LOYALTY_SCORE"));
      assertEquals(Types.DOUBLE, type(connection, "conversation", "TENANT_LOYALTY_SCORE"));
      assertTrue(remark(connection, "conversation").contains("confirmed by your tenant"));
      try (Statement statement = connection.createStatement()) {
        assertEquals(
            5, Rows.query(statement, "SELECT TENANT_LOYALTY_SCORE" + window + " LIMIT 5").size());
      }

      changed.emulator().reset();
      try (Connection next = changed.connect()) {
        assertTrue(columns(next, "conversation").contains("TENANT_LOYALTY_SCORE"));
      }
      assertTrue(changed.creates().isEmpty(), "the next connection read them from disk");
    }
  }

  /** The default columns of the conversation export in the catalog file, as API names. */
  private static List<String> defaultConversationColumns(Path catalog) throws Exception {
    List<String> names = new ArrayList<>();
    for (JsonNode export : new ObjectMapper().readTree(catalog.toFile()).get("exports")) {
      if (export.get("id").asText().equals("conversation")) {
        export
            .get("columns")
            .forEach(
                c -> {
                  if (c.path("default").asBoolean(true)) {
                    names.add(c.get("name").asText());
                  }
                });
      }
    }
    return names;
  }

  @ParameterizedTest
  @EnumSource(CsvHeaderStyle.class)
  void aTenantsColumnsAreLearnedAsApiNamesWhateverItsHeadersSpelling(
      CsvHeaderStyle headers, @TempDir Path dir) throws Exception {
    String window =
        " FROM conversation WHERE WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' "
            + "AND WINDOW_END <= TIMESTAMP '2019-02-02 00:00:00'";
    Path catalog = changedCatalog(dir);
    try (EmulatorFixture changed =
            new EmulatorFixture(
                KhorosEmulator.builder()
                    .seed(42)
                    .jobLatencyMillis(20)
                    .catalog(catalog)
                    .csvHeader(headers)
                    .rateLimit(RateLimit.OFF));
        Connection connection = changed.connect();
        Statement statement = connection.createStatement()) {
      assertThrows(SQLException.class, () -> Rows.query(statement, "SELECT NETWORK" + window));
      assertTrue(
          eventually(10_000, () -> !columns(connection, "conversation").contains("NETWORK")),
          "the table is corrected");

      // "Conversation ID", "conversationId" and "Assignee ID" are learned as the API's names.
      List<String> learned = columns(connection, "conversation");
      assertTrue(
          learned.containsAll(defaultConversationColumns(catalog)), headers + ": " + learned);
      assertTrue(
          learned.containsAll(
              List.of("CONVERSATION_ID", "ASSIGNED_AGENT_DISPLAY_ID", "TENANT_LOYALTY_SCORE")),
          headers + ": " + learned);
      assertTrue(learned.stream().allMatch(c -> c.matches("[A-Z0-9_]+")), headers + ": " + learned);
      assertEquals(
          5,
          Rows.query(
                  statement,
                  "SELECT CONVERSATION_ID, ASSIGNED_AGENT_DISPLAY_ID, "
                      + "TENANT_LOYALTY_SCORE"
                      + window
                      + " LIMIT 5")
              .size());
    }
  }

  @Test
  void listingTablesStartsNoExport() throws SQLException {
    try (EmulatorFixture emu = EmulatorFixture.start();
        Connection connection = emu.connect()) {
      DatabaseMetaData meta = connection.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = meta.getTables(null, "khoros", "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertEquals(14, tables.size(), tables.toString());
      assertTrue(emu.creates().isEmpty(), emu.creates().toString());
    }
  }

  @Test
  void describingEveryTableOnAnEmptyCacheCreatesNoExportAndTakesUnderTwoSeconds()
      throws SQLException {
    // The documented budget on both sides: a discovery export per table would take minutes.
    try (EmulatorFixture emu =
        new EmulatorFixture(
            KhorosEmulator.builder()
                .seed(42)
                .jobLatencyMillis(5_000)
                .rateLimit(RateLimit.DOCUMENTED))) {
      long started = System.nanoTime();
      int columns = 0;
      try (Connection connection = emu.connect("requestBudget=20/1m")) {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, "khoros", "%", null)) {
          while (rs.next()) {
            tables.add(rs.getString("TABLE_NAME"));
          }
        }
        for (String table : tables) {
          columns += columns(connection, table).size();
        }
      }
      long elapsed = (System.nanoTime() - started) / 1_000_000L;

      assertTrue(columns > 14 * 3, columns + " columns");
      assertTrue(elapsed < 2_000, "took " + elapsed + " ms");
      assertEquals(List.of(), emu.emulator().journal(), "not one API request");
    }
  }

  @Test
  void aSchemaFilePinsColumnsAndTypesWithoutDiscovery(@TempDir Path dir) throws Exception {
    Path schema = dir.resolve("schema.json");
    Files.writeString(
        schema,
        "{\"response\": [{\"name\": \"RESPONSE_ID\"}, "
            + "{\"name\": \"RESPONSE_WAIT_MILLIS\", \"type\": \"VARCHAR\", \"description\": \"raw\"}]}");
    try (EmulatorFixture emu = EmulatorFixture.start();
        Connection connection = emu.connect("schemaFile=" + schema)) {
      List<String> names = columns(connection, "response");

      assertEquals("RESPONSE_ID", names.get(0));
      assertEquals("RESPONSE_WAIT_MILLIS", names.get(1));
      assertEquals("WINDOW_START", names.get(2));
      assertEquals(Types.VARCHAR, type(connection, "response", "RESPONSE_WAIT_MILLIS"));
      assertTrue(emu.creates().isEmpty());
    }
  }

  @Test
  void typeModeStringsExposesEveryDataColumnAsVarchar() throws SQLException {
    try (EmulatorFixture emu = EmulatorFixture.start();
        Connection connection = emu.connect("typeMode=strings")) {
      assertEquals(Types.VARCHAR, type(connection, "response", "RESPONSE_TIME"));
      assertEquals(Types.VARCHAR, type(connection, "response", "RESPONSE_WAIT_MILLIS"));
      assertEquals(Types.TIMESTAMP, type(connection, "response", "WINDOW_START"));
    }
  }

  @Test
  void columnsAreTypedFromTheCatalogAndTheirNames() throws SQLException {
    try (EmulatorFixture emu = EmulatorFixture.start();
        Connection connection = emu.connect()) {
      assertEquals(Types.TIMESTAMP, type(connection, "response", "RESPONSE_TIME"));
      assertEquals(Types.BIGINT, type(connection, "response", "RESPONSE_WAIT_MILLIS"));
      assertEquals(Types.BOOLEAN, type(connection, "response", "IS_FIRST_RESPONSE"));
      assertEquals(Types.VARCHAR, type(connection, "response", "RESPONSE_ID"));
      assertEquals(Types.DOUBLE, type(connection, "team_performance", "RESPONSE_RATE"));
      assertEquals(Types.BIGINT, type(connection, "response", "API_PRIORITY"));
    }
  }
}
