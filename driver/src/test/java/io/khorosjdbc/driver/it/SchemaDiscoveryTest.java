package io.khorosjdbc.driver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Columns come from the server, are cached on disk, and can be pinned by a schema file. */
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

  private static int type(Connection connection, String table, String column)
      throws SQLException {
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
        custom.put("name", "TENANT_LOYALTY_SCORE").put("displayName", "Tenant Loyalty Score")
            .put("type", "double").put("default", true).put("description", "a tenant column");
      }
    }
    Path file = dir.resolve("catalog.json");
    json.writeValue(file.toFile(), catalog);
    return file;
  }

  @Test
  void aTenantWithOtherColumnsShowsThemWithoutAnyDriverChange(@TempDir Path dir)
      throws Exception {
    try (EmulatorFixture standard = EmulatorFixture.start();
         EmulatorFixture changed = new EmulatorFixture(KhorosEmulator.builder().seed(42)
             .jobLatencyMillis(20).catalog(changedCatalog(dir)).rateLimit(RateLimit.OFF));
         Connection a = standard.connect(); Connection b = changed.connect()) {
      List<String> before = columns(a, "conversation");
      List<String> after = columns(b, "conversation");

      assertTrue(before.contains("NETWORK"));
      assertFalse(after.contains("NETWORK"));
      assertTrue(after.contains("TENANT_LOYALTY_SCORE"));
      assertEquals(Types.DOUBLE, type(b, "conversation", "TENANT_LOYALTY_SCORE"));
      try (Statement statement = b.createStatement()) {
        List<String> rows = Rows.query(statement, "SELECT TENANT_LOYALTY_SCORE FROM "
            + "conversation WHERE WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' AND "
            + "WINDOW_END <= TIMESTAMP '2019-02-02 00:00:00' LIMIT 5");
        assertEquals(5, rows.size());
      }
    }
  }

  @Test
  void listingTablesStartsNoExport() throws SQLException {
    try (EmulatorFixture emu = EmulatorFixture.start(); Connection connection = emu.connect()) {
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
  void discoveredColumnsAreCachedOnDiskForTheNextConnection() throws SQLException {
    try (EmulatorFixture emu = EmulatorFixture.start()) {
      try (Connection first = emu.connect()) {
        columns(first, "response");
      }
      assertEquals(1, emu.creates().size());
      emu.emulator().reset();
      try (Connection second = emu.connect()) {
        assertTrue(columns(second, "response").contains("RESPONSE_ID"));
      }
      assertTrue(emu.creates().isEmpty(), "the cache spared a discovery export");
    }
  }

  @Test
  void aSchemaFilePinsColumnsAndTypesWithoutDiscovery(@TempDir Path dir) throws Exception {
    Path schema = dir.resolve("schema.json");
    Files.writeString(schema, "{\"response\": [{\"name\": \"RESPONSE_ID\"}, "
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
    try (EmulatorFixture emu = EmulatorFixture.start(); Connection connection = emu.connect()) {
      assertEquals(Types.TIMESTAMP, type(connection, "response", "RESPONSE_TIME"));
      assertEquals(Types.BIGINT, type(connection, "response", "RESPONSE_WAIT_MILLIS"));
      assertEquals(Types.BOOLEAN, type(connection, "response", "IS_FIRST_RESPONSE"));
      assertEquals(Types.VARCHAR, type(connection, "response", "RESPONSE_ID"));
      assertEquals(Types.DOUBLE, type(connection, "team_performance", "RESPONSE_RATE"));
      assertEquals(Types.BIGINT, type(connection, "response", "API_PRIORITY"));
    }
  }
}
