package io.khorosjdbc.driver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import io.khorosjdbc.emulator.NumberFormatStyle;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exports kept on disk answer repeated windows without API calls, and only whole ones. */
class ExportCacheTest {
  private static final String DAYS_1_TO_2 =
      " FROM response WHERE WINDOW_START >= TIMESTAMP "
          + "'2019-02-01 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-03 00:00:00'";
  private static final String DAYS_1_TO_3 =
      " FROM response WHERE WINDOW_START >= TIMESTAMP "
          + "'2019-02-01 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-04 00:00:00'";

  private EmulatorFixture emu;
  private Connection connection;
  private Statement statement;

  @BeforeEach
  void start() throws SQLException {
    emu = EmulatorFixture.start();
    connection = emu.connect("cache=true", "splitWindow=1d");
    statement = connection.createStatement();
    statement.executeQuery("SELECT * FROM response WHERE 1 = 0").close();
    emu.emulator().reset();
  }

  @AfterEach
  void stop() throws SQLException {
    connection.close();
    emu.close();
  }

  private List<String> query(String sql) throws SQLException {
    return Rows.query(statement, sql);
  }

  private List<String> createdStarts() {
    return createdStarts(emu);
  }

  private static List<String> createdStarts(EmulatorFixture emu) {
    return emu.creates().stream()
        .map(JournalEntry::parameters)
        .map(p -> p.get("startTime").get(0))
        .sorted()
        .toList();
  }

  @Test
  void aRepeatedQueryRunsNoApiCallAndReturnsTheSameRows() throws SQLException {
    List<String> cold = query("SELECT RESPONSE_ID, RESPONSE_TIME" + DAYS_1_TO_2);
    assertEquals(2, emu.creates().size());
    emu.emulator().reset();

    List<String> warm = query("SELECT RESPONSE_ID, RESPONSE_TIME" + DAYS_1_TO_2);

    assertEquals(cold, warm);
    assertTrue(emu.emulator().journal().isEmpty(), emu.emulator().journal().toString());
  }

  @Test
  void aWiderWindowFetchesOnlyTheDaysNotYetCached() throws SQLException {
    query("SELECT RESPONSE_ID" + DAYS_1_TO_2);
    emu.emulator().reset();

    List<String> rows = query("SELECT RESPONSE_ID" + DAYS_1_TO_3);

    assertEquals(List.of("1549152000000"), createdStarts());
    try (Connection uncached = emu.connect();
        Statement plain = uncached.createStatement()) {
      assertEquals(Rows.query(plain, "SELECT RESPONSE_ID" + DAYS_1_TO_3), rows);
    }
  }

  @Test
  void anExportWithMoreColumnsServesAQueryNeedingFewer() throws SQLException {
    query("SELECT RESPONSE_ID, AGENT_ID, NETWORK" + DAYS_1_TO_2);
    emu.emulator().reset();

    List<String> rows = query("SELECT NETWORK" + DAYS_1_TO_2);

    assertTrue(emu.creates().isEmpty());
    assertTrue(rows.size() > 100);
  }

  @Test
  void aCachedExportServesOnlyConnectionsThatAskForTheSameZoneAndLocale() throws Exception {
    String sql = "SELECT RESPONSE_ID, RESPONSE_TIME, SENTIMENT_SCORE" + DAYS_1_TO_2;
    try (EmulatorFixture localized =
        new EmulatorFixture(EmulatorFixture.defaults().numberFormat(NumberFormatStyle.LOCALE))) {
      Path cacheDir = Files.createTempDirectory("khoros-export-cache");
      cachedQuery(localized, sql, "cacheDir=" + cacheDir);
      for (String other : List.of("apiTimeZone=Asia/Kolkata", "apiLocale=de_DE")) {
        List<String> expected;
        try (Connection uncached = localized.connect(other);
            Statement plain = uncached.createStatement()) {
          expected = Rows.query(plain, sql);
        }
        localized.emulator().reset();

        assertEquals(expected, cachedQuery(localized, sql, "cacheDir=" + cacheDir, other), other);
        assertEquals(2, localized.creates().size(), other + " exports anew");
      }
    }
  }

  private static List<String> cachedQuery(EmulatorFixture emu, String sql, String... more)
      throws SQLException {
    String[] properties =
        Stream.concat(Stream.of("cache=true", "splitWindow=1d"), Stream.of(more))
            .toArray(String[]::new);
    try (Connection cached = emu.connect(properties);
        Statement queries = cached.createStatement()) {
      return Rows.query(queries, sql);
    }
  }

  @Test
  void aScanClosedEarlyCachesNothingOfThePieceItWasReading() throws SQLException {
    // Pieces ten times larger than what is read ahead (rows in batches, bytes in chunks), so the
    // LIMIT stops the transfer inside the first one; a piece read to its end would be kept.
    try (EmulatorFixture large = EmulatorFixture.start(60_000);
        Connection cached = large.connect("cache=true", "splitWindow=1d");
        Statement queries = cached.createStatement()) {
      assertEquals(3, Rows.query(queries, "SELECT *" + DAYS_1_TO_2 + " LIMIT 3").size());
      large.emulator().reset();

      Rows.query(queries, "SELECT *" + DAYS_1_TO_2);

      assertEquals(List.of("1548979200000", "1549065600000"), createdStarts(large));
    }
  }

  @Test
  void clearingTheCacheInSqlMakesTheNextQueryExportAgain() throws SQLException {
    query("SELECT RESPONSE_ID" + DAYS_1_TO_2);
    assertEquals(List.of("2"), query("SELECT COUNT(*) FROM khoros_meta.cache"));

    assertEquals(List.of("2"), query("SELECT REMOVED FROM khoros_meta.clear_cache"));
    emu.emulator().reset();
    query("SELECT RESPONSE_ID" + DAYS_1_TO_2);

    assertEquals(2, emu.creates().size());
  }

  @Test
  void theExportsTableTellsCachedExportsApart() throws SQLException {
    query("SELECT RESPONSE_ID" + DAYS_1_TO_2);
    query("SELECT RESPONSE_ID" + DAYS_1_TO_2);

    List<String> jobs =
        query(
            "SELECT FROM_CACHE, WORKFLOW_ID IS NULL, STATE FROM "
                + "khoros_meta.exports WHERE REPORT = 'response' AND WINDOW_START >= TIMESTAMP "
                + "'2019-02-01 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-03 00:00:00' "
                + "ORDER BY JOB_ID DESC LIMIT 4");
    assertEquals(
        List.of("true|true|DONE", "true|true|DONE", "false|false|DONE", "false|false|DONE"), jobs);
  }
}
