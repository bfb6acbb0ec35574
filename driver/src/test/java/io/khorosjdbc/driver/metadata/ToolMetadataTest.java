package io.khorosjdbc.driver.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.KhorosEmulatorExtension;
import io.khorosjdbc.emulator.RateLimit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays what DBeaver's generic driver (and most JDBC BI tools) ask on connect and while browsing
 * the navigator, against the emulator. Listing must never start an export; describing a table may
 * (column discovery); schema probes such as {@code SELECT * FROM t WHERE 1=0} must not start a data
 * export.
 */
class ToolMetadataTest {
  @RegisterExtension
  static final KhorosEmulatorExtension EMU =
      new KhorosEmulatorExtension(
          KhorosEmulator.builder().jobLatencyMillis(20).rateLimit(RateLimit.OFF));

  static final Set<String> TABLES =
      Set.of(
          "conversation",
          "conversation_actions",
          "conversation_history_action",
          "combined",
          "author",
          "raw_agent_states",
          "raw_expert_help",
          "incoming_post",
          "response",
          "response_approval",
          "team_performance",
          "team_performance_interval",
          "user",
          "raw_brand_posts");

  @TempDir Path cache;

  Connection connection;
  DatabaseMetaData meta;

  @BeforeEach
  void connect() throws SQLException {
    connection = open();
    meta = connection.getMetaData();
  }

  Connection open() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", "demo");
    props.setProperty("password", "demo");
    return DriverManager.getConnection(
        "jdbc:khoros:url="
            + EMU.baseUrl()
            + ";companyKey=demo;pollInitialDelay=5ms;cache=false;schemaCacheDir="
            + cache,
        props);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  long creates() {
    return EMU.emulator().journal().stream().filter(e -> "create".equals(e.route())).count();
  }

  static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
    try (rs) {
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i).toUpperCase(Locale.ROOT), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  static Set<Object> column(List<Map<String, Object>> rows, String name) {
    Set<Object> values = new TreeSet<>();
    for (Map<String, Object> row : rows) {
      values.add(row.get(name));
    }
    return values;
  }

  @Test
  void connectHandshake() throws SQLException {
    assertNotNull(meta.getDatabaseProductName());
    assertFalse(meta.getDatabaseProductName().isBlank());
    assertNotNull(meta.getDatabaseProductVersion());
    assertEquals("khoros-jdbc", meta.getDriverName());
    assertFalse(meta.getDriverVersion().isBlank());
    assertTrue(meta.getDriverMajorVersion() >= 0);
    assertTrue(meta.getJDBCMajorVersion() >= 4);
    assertEquals("\"", meta.getIdentifierQuoteString());
    assertNotNull(meta.getSQLKeywords());
    assertNotNull(meta.getNumericFunctions());
    assertNotNull(meta.getStringFunctions());
    assertNotNull(meta.getTimeDateFunctions());
    assertNotNull(meta.getSystemFunctions());
    assertNotNull(meta.getSearchStringEscape());
    assertNotNull(meta.getExtraNameCharacters());
    assertNotNull(meta.getCatalogTerm());
    assertNotNull(meta.getSchemaTerm());
    assertNotNull(meta.getURL());
    assertFalse(meta.getURL().contains("demo:demo"));
    assertEquals("demo", meta.getUserName(), "DBeaver shows it in the connection info");
    // The answers DBeaver's generic driver reads to shape SQL and the navigator.
    assertTrue(meta.supportsSchemasInTableDefinitions());
    assertTrue(meta.supportsSchemasInDataManipulation());
    meta.supportsCatalogsInTableDefinitions();
    meta.supportsMixedCaseIdentifiers();
    meta.supportsMixedCaseQuotedIdentifiers();
    meta.storesUpperCaseIdentifiers();
    meta.storesLowerCaseIdentifiers();
    meta.storesMixedCaseIdentifiers();
    meta.supportsTransactions();
    meta.supportsSavepoints();
    meta.supportsBatchUpdates();
    meta.supportsGetGeneratedKeys();
    meta.supportsStoredProcedures();
    meta.supportsSubqueriesInIns();
    meta.supportsOuterJoins();
    meta.supportsUnion();
    meta.supportsLimitedOuterJoins();
    meta.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY);
    meta.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE);
    meta.getDefaultTransactionIsolation();
    meta.getMaxTableNameLength();
    meta.getMaxColumnNameLength();
    meta.getMaxStatementLength();
    meta.nullsAreSortedAtStart();
    meta.allTablesAreSelectable();
    assertTrue(meta.isReadOnly(), "the driver only reads");
    assertTrue(connection.isValid(5));
    connection.getCatalog();
    assertEquals("khoros", connection.getSchema());
    connection.setAutoCommit(true);
    connection.getTransactionIsolation();
    connection.getClientInfo();
    assertEquals(0, creates(), "connecting starts no export");
  }

  @Test
  void catalogsAndSchemas() throws SQLException {
    List<Map<String, Object>> catalogs = rows(meta.getCatalogs());
    List<Map<String, Object>> schemas = rows(meta.getSchemas());
    assertTrue(
        column(schemas, "TABLE_SCHEM").containsAll(Set.of("khoros", "khoros_meta")),
        schemas::toString);
    assertEquals(schemas, rows(meta.getSchemas(null, null)));
    assertEquals(schemas, rows(meta.getSchemas(null, "%")));
    assertEquals(Set.of("khoros"), column(rows(meta.getSchemas(null, "khoros")), "TABLE_SCHEM"));
    if (!catalogs.isEmpty()) {
      Object catalog = catalogs.get(0).get("TABLE_CAT");
      assertEquals(schemas, rows(meta.getSchemas((String) catalog, null)));
    }
    rows(meta.getSchemas("", null));
    List<Map<String, Object>> types = rows(meta.getTableTypes());
    assertTrue(column(types, "TABLE_TYPE").contains("TABLE"), types::toString);
    assertEquals(0, creates());
  }

  @Test
  void tablesWithEveryPatternAndTypeFilter() throws SQLException {
    for (String pattern : new String[] {null, "%"}) {
      List<Map<String, Object>> all = rows(meta.getTables(null, null, pattern, null));
      Set<Object> names = column(all, "TABLE_NAME");
      assertTrue(names.containsAll(TABLES), pattern + ": " + names);
      assertTrue(
          names.containsAll(Set.of("exports", "reports", "columns", "teams", "timezones")),
          names::toString);
    }
    assertEquals(TABLES, column(rows(meta.getTables(null, "khoros", "%", null)), "TABLE_NAME"));
    assertEquals(
        TABLES,
        column(rows(meta.getTables(null, "khoros", "%", new String[] {"TABLE"})), "TABLE_NAME"));
    assertEquals(
        TABLES,
        column(
            rows(meta.getTables(null, "khoros", "%", new String[] {"TABLE", "VIEW"})),
            "TABLE_NAME"));
    List<Map<String, Object>> system =
        rows(
            meta.getTables(
                null, "khoros_meta", "%", new String[] {"SYSTEM TABLE", "TABLE", "VIEW"}));
    assertTrue(column(system, "TABLE_NAME").contains("exports"), system::toString);
    assertEquals(
        Set.of("response"),
        column(rows(meta.getTables(null, "khoros", "response", null)), "TABLE_NAME"));
    assertEquals(
        Set.of("response", "response_approval"),
        column(rows(meta.getTables(null, "khoros", "resp%", null)), "TABLE_NAME"));
    // DBeaver passes "" for "no catalog" with some settings.
    rows(meta.getTables("", null, "%", null));
    rows(meta.getTables(null, "", "%", null));
    assertEquals(0, creates(), "listing tables never starts an export");
  }

  @Test
  void tableRemarksCarryDescriptions() throws SQLException {
    for (Map<String, Object> row : rows(meta.getTables(null, "khoros", "%", null))) {
      assertNotNull(row.get("REMARKS"), "table description for " + row.get("TABLE_NAME"));
    }
  }

  @Test
  void columnsOfOneTableAndOfAll() throws SQLException {
    List<Map<String, Object>> response = rows(meta.getColumns(null, "khoros", "response", "%"));
    Set<Object> names = column(response, "COLUMN_NAME");
    assertTrue(
        names.containsAll(Set.of("RESPONSE_TIME", "WINDOW_START", "WINDOW_END")), names::toString);
    for (Map<String, Object> row : response) {
      assertNotNull(row.get("TYPE_NAME"), row::toString);
      assertTrue(((Number) row.get("DATA_TYPE")).intValue() != java.sql.Types.OTHER, row::toString);
      assertTrue(((Number) row.get("ORDINAL_POSITION")).intValue() > 0);
    }
    assertEquals(1, rows(meta.getColumns(null, "khoros", "response", "RESPONSE_TIME")).size());
    List<Map<String, Object>> nullPattern = rows(meta.getColumns(null, "khoros", "response", null));
    assertEquals(response.size(), nullPattern.size());
    List<Map<String, Object>> all = rows(meta.getColumns(null, null, "%", "%"));
    assertTrue(column(all, "TABLE_NAME").containsAll(TABLES), "every table's columns");
  }

  /** Reported separately so a missing description shows up as what it is: a driver gap. */
  @Test
  void columnRemarksCarryDescriptions() throws SQLException {
    List<Map<String, Object>> response = rows(meta.getColumns(null, "khoros", "response", "%"));
    List<Object> missing = new ArrayList<>();
    for (Map<String, Object> row : response) {
      if (row.get("REMARKS") == null) {
        missing.add(row.get("COLUMN_NAME"));
      }
    }
    assertEquals(List.of(), missing, "columns without REMARKS");
  }

  @Test
  void keysIndexesAndRoutinesAreEmpty() throws SQLException {
    assertEquals(List.of(), rows(meta.getPrimaryKeys(null, "khoros", "response")));
    assertEquals(List.of(), rows(meta.getImportedKeys(null, "khoros", "response")));
    assertEquals(List.of(), rows(meta.getExportedKeys(null, "khoros", "response")));
    assertEquals(List.of(), rows(meta.getIndexInfo(null, "khoros", "response", false, true)));
    rows(meta.getProcedures(null, null, "%"));
    rows(meta.getFunctions(null, null, "%"));
    rows(meta.getUDTs(null, null, "%", null));
    List<Map<String, Object>> typeInfo = rows(meta.getTypeInfo());
    Set<Object> typeNames = column(typeInfo, "TYPE_NAME");
    assertTrue(
        typeNames.containsAll(Set.of("VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN", "TIMESTAMP")),
        typeNames::toString);
    assertEquals(0, creates());
  }

  @Test
  void schemaProbesStartNoDataExport() throws SQLException {
    // Discovery (describing a table) may export once; warm it, then count from a new connection.
    rows(meta.getColumns(null, "khoros", "response", "%"));
    rows(meta.getColumns(null, "khoros", "conversation", "%"));
    EMU.emulator().reset();
    try (Connection tool = open();
        Statement statement = tool.createStatement()) {
      for (String sql :
          List.of(
              "SELECT * FROM response WHERE 1=0",
              "SELECT * FROM response LIMIT 0",
              "SELECT * FROM \"response\" WHERE 1=0",
              "SELECT * FROM khoros.response WHERE 1=0",
              "SELECT * FROM (SELECT * FROM conversation) t WHERE 1=0")) {
        try (ResultSet rs = statement.executeQuery(sql)) {
          assertTrue(rs.getMetaData().getColumnCount() > 3, sql);
          assertFalse(rs.next(), sql);
        }
        assertEquals(0, creates(), sql + " must not start an export");
      }
      statement.setMaxRows(0);
      try (java.sql.PreparedStatement prepared = tool.prepareStatement("SELECT * FROM response")) {
        assertTrue(prepared.getMetaData().getColumnCount() > 3, "DBeaver describes prepared SQL");
      }
      assertEquals(0, creates(), "preparing describes without exporting");
    }
  }

  @Test
  void transactionsAreHarmlessNoOps() throws SQLException {
    // Tools (Spark's JDBCRDD, pools) commit when auto-commit reads as false.
    assertTrue(connection.getAutoCommit(), "a read-only driver should report auto-commit");
    connection.commit();
    connection.rollback();
  }

  @Test
  void autoCommitCanBeSwitchedOnAsPoolsDo() throws SQLException {
    connection.setAutoCommit(true);
    assertTrue(connection.getAutoCommit());
    connection.setReadOnly(true);
  }
}
