package org.apache.calcite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A query whose plan is one scan is read from the scan's column batches, bypassing Calcite's rows
 * of objects; every JDBC getter answers exactly as it does through Calcite's rows.
 */
class ReadFromBatchesTest {
  private static final String WINDOW =
      " FROM response WHERE RESPONSE_TIME >= TIMESTAMP '2019-02-01 00:00:00'"
          + " AND RESPONSE_TIME < TIMESTAMP '2019-02-01 12:00:00'";

  private static EmulatorFixture emu;
  private static Connection connection;

  @BeforeAll
  static void connect() throws SQLException {
    emu = EmulatorFixture.start();
    connection = emu.connect();
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
    emu.close();
  }

  @Test
  void aPlainScanIsReadFromItsBatches() throws SQLException {
    assertTrue(readsBatches("SELECT *" + WINDOW, 0));
    assertTrue(readsBatches("SELECT RESPONSE_ID" + WINDOW, 0));
  }

  @Test
  void aPlanWithMoreThanTheScanIsReadThroughCalcite() throws SQLException {
    assertFalse(readsBatches("SELECT *" + WINDOW + " ORDER BY RESPONSE_ID", 0));
    assertFalse(readsBatches("SELECT RESPONSE_ID + 1" + WINDOW, 0));
    assertFalse(readsBatches("SELECT *" + WINDOW + " LIMIT 5", 0));
    assertFalse(readsBatches("SELECT *" + WINDOW, 5));
  }

  @Test
  void everyGetterAnswersAsThroughCalcitesRows() throws SQLException {
    String direct = "SELECT *" + WINDOW;
    String throughCalcite = direct + " LIMIT 1000000";
    assertTrue(readsBatches(direct, 0));
    List<String> expected = everyGetter(throughCalcite);
    assertTrue(expected.size() > 100, "rows: " + expected.size());
    assertTrue(expected.stream().anyMatch(row -> row.contains("null")), "no null values seen");
    assertEquals(expected, everyGetter(direct));
  }

  @Test
  void oneColumnIsReadFromItsBatchesToo() throws SQLException {
    String direct = "SELECT RESPONSE_TIME" + WINDOW;
    assertEquals(everyGetter(direct + " LIMIT 1000000"), everyGetter(direct));
  }

  private static boolean readsBatches(String sql, int maxRows) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setMaxRows(maxRows);
      try (ResultSet rs = statement.executeQuery(sql)) {
        return rs.unwrap(SqlExceptionJdbcFactory.CheckedResultSet.class).readsBatches();
      }
    }
  }

  /** Each row: every column read with getObject, getString and its type's getter, and wasNull. */
  private static List<String> everyGetter(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object value = rs.getObject(i);
          row.append(value == null ? "null" : value.getClass().getSimpleName() + ":" + value);
          row.append('/').append(rs.wasNull()).append('/').append(rs.getString(i));
          row.append('/').append(typed(rs, i, meta.getColumnType(i))).append('/');
          row.append(rs.wasNull()).append('|');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static Object typed(ResultSet rs, int column, int type) throws SQLException {
    return switch (type) {
      case Types.BIGINT -> rs.getLong(column);
      case Types.DOUBLE -> rs.getDouble(column);
      case Types.BOOLEAN -> rs.getBoolean(column);
      case Types.TIMESTAMP -> rs.getTimestamp(column);
      default -> rs.getString(column);
    };
  }
}
