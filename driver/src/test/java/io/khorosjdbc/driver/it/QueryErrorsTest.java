package io.khorosjdbc.driver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes fail before any export starts, with the table, column or value at fault. */
class QueryErrorsTest {
  private static EmulatorFixture emu;
  private static Connection connection;

  @BeforeAll
  static void start() throws SQLException {
    emu = EmulatorFixture.start();
    connection = emu.connect();
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT * FROM khoros_meta.columns").close();
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    connection.close();
    emu.close();
  }

  @BeforeEach
  void clearJournal() {
    emu.emulator().reset();
  }

  private static String failure(Connection on, String sql) {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> {
              try (Statement statement = on.createStatement()) {
                Rows.query(statement, sql);
              }
            });
    return e.getMessage();
  }

  private static String failure(String sql) {
    String message = failure(connection, sql);
    assertTrue(emu.creates().isEmpty(), "no export may start: " + emu.creates());
    return message;
  }

  @Test
  void aReversedWindowIsAnErrorNamingTheTable() {
    String message =
        failure(
            "SELECT * FROM response WHERE WINDOW_START >= TIMESTAMP "
                + "'2019-05-01 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-01 00:00:00'");
    assertTrue(message.contains("the time window of response is empty"), message);
  }

  @Test
  void aWindowWithoutAStartIsAnErrorShowingOne() {
    String message =
        failure("SELECT * FROM response WHERE WINDOW_END <= TIMESTAMP " + "'2019-02-01 00:00:00'");
    assertTrue(message.contains("add e.g. WINDOW_START >= TIMESTAMP"), message);
  }

  @Test
  void withoutADefaultWindowAQueryMustSayWhichWindow() throws SQLException {
    try (Connection strict = emu.connect("defaultWindow=none")) {
      String message = failure(strict, "SELECT COUNT(*) FROM response");
      assertTrue(
          message.contains(
              "response needs a time window (defaultWindow=none): add e.g."
                  + " WHERE WINDOW_START >= TIMESTAMP"),
          message);
    }
  }

  @Test
  void anOperatorTheApiCannotExpressOnAParameterColumnIsAnError() {
    String message = failure("SELECT * FROM response WHERE API_PRIORITY > 2");
    assertTrue(message.contains("response.API_PRIORITY cannot be used"), message);
    assertTrue(message.contains("only = and IN"), message);
  }

  @Test
  void aParameterValueTheApiDoesNotAcceptIsAnErrorListingTheValues() {
    String message =
        failure("SELECT * FROM conversation WHERE " + "API_CONVERSATION_REPORT_TYPE = 'RESOLVED'");
    assertTrue(
        message.contains(
            "conversation.API_CONVERSATION_REPORT_TYPE does not accept "
                + "'RESOLVED'; use one of [OPEN_AT_END, CLOSED, CREATED]"),
        message);
  }

  @Test
  void aWindowPseudoColumnInAnExpressionIsAnError() {
    String message =
        failure("SELECT * FROM response WHERE " + "EXTRACT(YEAR FROM WINDOW_START) = 2019");
    assertTrue(message.contains("response.WINDOW_START cannot be used"), message);
  }

  @Test
  void anAnchorPredicateThatCannotChooseAWindowIsNotSilentlyDefaulted() {
    String message =
        failure("SELECT * FROM response WHERE " + "EXTRACT(YEAR FROM RESPONSE_TIME) = 2019");
    assertTrue(message.contains("cannot be derived from the predicate on RESPONSE_TIME"), message);
  }

  @Test
  void anUnknownColumnIsReportedByName() {
    String message = failure("SELECT NO_SUCH_COLUMN FROM response");
    assertTrue(message.contains("NO_SUCH_COLUMN"), message);
  }

  @Test
  void writesAreRefusedBecauseTheDriverIsReadOnly() {
    for (String sql :
        new String[] {
          "INSERT INTO response (RESPONSE_ID) VALUES ('x')",
          "UPDATE response SET RESPONSE_ID = 'x'",
          "DELETE FROM response",
          "CREATE TABLE t (a INT)",
          "DROP TABLE response"
        }) {
      String message = failure(sql);
      assertTrue(message.contains("khoros-jdbc is read-only"), sql + ": " + message);
    }
  }

  @Test
  void aValueThatDoesNotConvertNamesTheReportRowColumnAndValue(@TempDir Path dir) throws Exception {
    Path schema = dir.resolve("schema.json");
    Files.writeString(
        schema,
        "{\"response\": [{\"name\": \"RESPONSE_ID\"}, "
            + "{\"name\": \"NETWORK\", \"type\": \"BIGINT\"}]}");
    String sql =
        "SELECT NETWORK FROM response WHERE WINDOW_START >= TIMESTAMP "
            + "'2019-02-01 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-01 01:00:00'";
    try (Connection pinned = emu.connect("schemaFile=" + schema);
        Connection strings = emu.connect("typeMode=strings");
        Statement statement = strings.createStatement()) {
      String network = Rows.query(statement, sql).get(0);
      String message = failure(pinned, sql);
      String expected =
          "table response, column NETWORK, row 1: '"
              + network
              + "' is not a BIGINT "
              + "(expected a whole number in locale en_US such as 42, -7 or 1,234 (no decimals, at most 19 "
              + "digits)); set typeMode=strings to read the column as text";
      assertTrue(message.endsWith(expected), message);
    }
  }

  @Test
  void explainShowsTheExportRequestsWithoutRunningThem() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      String plan =
          String.join(
              "\n",
              Rows.query(
                  statement,
                  "EXPLAIN PLAN FOR SELECT STATUS, "
                      + "COUNT(*) FROM conversation WHERE WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' "
                      + "AND WINDOW_END <= TIMESTAMP '2019-05-01 00:00:00' GROUP BY STATUS"));
      assertTrue(
          plan.contains(
              "exports=[1 job(s): conversation [2019-02-01T00:00:00Z, "
                  + "2019-05-01T00:00:00Z) metrics=[STATUS] params={} format=csv]"),
          plan);
    }
    assertEquals(0, emu.creates().size());
  }
}
