package io.khorosjdbc.driver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import io.khorosjdbc.emulator.CsvHeaderStyle;
import io.khorosjdbc.emulator.DateFormatStyle;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Values convert the same whatever the server's header or date style and the JVM's zone. */
class ValuesAndTimeTest {
  private static final String SQL = "SELECT RESPONSE_ID, RESPONSE_TIME, RESPONSE_WAIT_MILLIS, "
      + "IS_FIRST_RESPONSE, RESPONSE_TEXT FROM response WHERE RESPONSE_TIME >= TIMESTAMP "
      + "'2019-02-01 00:00:00' AND RESPONSE_TIME < TIMESTAMP '2019-02-01 06:00:00' "
      + "ORDER BY RESPONSE_ID";

  private static List<String> rows(KhorosEmulator.Builder builder, String... properties)
      throws SQLException {
    try (EmulatorFixture emu = new EmulatorFixture(builder.seed(42).rowsPerDay(2000)
        .rateLimit(RateLimit.OFF)
        .jobLatencyMillis(10)); Connection connection = emu.connect(properties);
         Statement statement = connection.createStatement()) {
      return Rows.query(statement, SQL);
    }
  }

  private static List<String> standard() throws SQLException {
    return rows(KhorosEmulator.builder());
  }

  @ParameterizedTest
  @EnumSource(DateFormatStyle.class)
  void everyDateStyleTheServerMightUseGivesTheSameTimestamps(DateFormatStyle style)
      throws SQLException {
    List<String> rows = rows(KhorosEmulator.builder().dateFormat(style));
    assertTrue(rows.size() > 10);
    assertEquals(standard(), rows, style.name());
  }

  @Test
  void displayNameHeadersMapToTheSameColumns() throws SQLException {
    assertEquals(standard(), rows(KhorosEmulator.builder().csvHeader(CsvHeaderStyle.DISPLAY)));
  }

  @Test
  void anInclusiveEndTimeApiGivesTheSameRowsWhenTheDriverIsToldSo() throws SQLException {
    assertEquals(standard(), rows(KhorosEmulator.builder().endInclusive(true),
        "endTimeInclusive=true"));
  }

  @Test
  void timestampsAreNotShiftedByTheJvmTimeZone() throws SQLException {
    TimeZone original = TimeZone.getDefault();
    try (EmulatorFixture emu = EmulatorFixture.start(); Connection connection = emu.connect();
         Statement statement = connection.createStatement()) {
      TimeZone.setDefault(TimeZone.getTimeZone("America/Chicago"));
      try (ResultSet rs = statement.executeQuery("SELECT WINDOW_START, MIN(RESPONSE_TIME) "
          + "FROM response WHERE WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00' AND "
          + "WINDOW_END <= TIMESTAMP '2019-02-01 06:00:00' GROUP BY WINDOW_START")) {
        assertTrue(rs.next());
        assertEquals("2019-02-01 00:00:00.0", rs.getTimestamp(1).toString());
        assertEquals(Timestamp.valueOf("2019-02-01 00:00:00"), rs.getTimestamp(1));
        assertTrue(rs.getTimestamp(2).toString().startsWith("2019-02-01 0"),
            rs.getTimestamp(2).toString());
      }
    } finally {
      TimeZone.setDefault(original);
    }
  }
}
