package io.khorosjdbc.driver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.emulator.CsvHeaderStyle;
import io.khorosjdbc.emulator.KhorosEmulator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * Values convert the same whatever the server's header style, end-time convention and the JVM's
 * zone. Date and number styles: {@link FormatsAndLocalesTest}.
 */
class ValuesAndTimeTest {
  private static final String SQL =
      "SELECT RESPONSE_ID, RESPONSE_TIME, RESPONSE_WAIT_MILLIS, "
          + "IS_FIRST_RESPONSE, RESPONSE_TEXT FROM response WHERE RESPONSE_TIME >= TIMESTAMP "
          + "'2019-02-01 00:00:00' AND RESPONSE_TIME < TIMESTAMP '2019-02-01 06:00:00' "
          + "ORDER BY RESPONSE_ID";

  private static List<String> rows(KhorosEmulator.Builder builder, String... properties)
      throws SQLException {
    return EmulatorFixture.rows(builder, SQL, properties);
  }

  private static List<String> standard() throws SQLException {
    return rows(KhorosEmulator.builder());
  }

  @Test
  void displayNameHeadersMapToTheSameColumns() throws SQLException {
    assertEquals(standard(), rows(KhorosEmulator.builder().csvHeader(CsvHeaderStyle.DISPLAY)));
  }

  @Test
  void anInclusiveEndTimeApiGivesTheSameRowsWhenTheDriverIsToldSo() throws SQLException {
    assertEquals(
        standard(), rows(KhorosEmulator.builder().endInclusive(true), "endTimeInclusive=true"));
  }

  @Test
  void timestampsAreNotShiftedByTheJvmTimeZone() throws SQLException {
    TimeZone original = TimeZone.getDefault();
    try (EmulatorFixture emu = EmulatorFixture.start();
        Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      TimeZone.setDefault(TimeZone.getTimeZone("America/Chicago"));
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT WINDOW_START, MIN(RESPONSE_TIME) "
                  + "FROM response WHERE WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' AND "
                  + "WINDOW_END <= TIMESTAMP '2019-02-01 06:00:00' GROUP BY WINDOW_START")) {
        assertTrue(rs.next());
        assertEquals("2019-02-01 00:00:00.0", rs.getTimestamp(1).toString());
        assertEquals(Timestamp.valueOf("2019-02-01 00:00:00"), rs.getTimestamp(1));
        assertTrue(
            rs.getTimestamp(2).toString().startsWith("2019-02-01 0"),
            rs.getTimestamp(2).toString());
      }
    } finally {
      TimeZone.setDefault(original);
    }
  }
}
