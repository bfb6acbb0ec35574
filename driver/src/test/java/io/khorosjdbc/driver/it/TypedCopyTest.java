package io.khorosjdbc.driver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * A query that reads a cached export again takes the typed values an earlier query of it kept in
 * memory ({@code cacheMemory}) instead of parsing the body, and returns exactly the rows the body
 * gives. To tell the two apart, the tests cut the cached bodies down to their header line after the
 * first query: a query that parses a body then sees no rows.
 */
class TypedCopyTest {
  private static final String DAYS_1_TO_2 =
      " FROM response WHERE WINDOW_START >= TIMESTAMP "
          + "'2019-02-01 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-03 00:00:00'";

  @TempDir Path cacheDir;

  private EmulatorFixture emu;
  private List<String> expected;

  @BeforeEach
  void start() {
    emu = EmulatorFixture.start();
  }

  @AfterEach
  void stop() {
    emu.close();
  }

  private List<String> query(String sql, String... properties) throws SQLException {
    return query(emu, sql, properties);
  }

  private List<String> query(EmulatorFixture emu, String sql, String... properties)
      throws SQLException {
    String[] all =
        Stream.concat(
                Stream.of("cache=true", "splitWindow=1d", "cacheDir=" + cacheDir),
                Stream.of(properties))
            .toArray(String[]::new);
    try (Connection connection = emu.connect(all);
        Statement statement = connection.createStatement()) {
      return Rows.query(statement, sql);
    }
  }

  /** The rows as an uncached connection reads them from the API. */
  private List<String> uncached(String sql) throws SQLException {
    try (Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      return Rows.query(statement, sql);
    }
  }

  /** Leaves each cached body its header line only: parsing it gives no rows. */
  private void cutBodiesToTheirHeader() throws IOException {
    try (Stream<Path> files = Files.walk(cacheDir)) {
      for (Path body : files.filter(p -> p.toString().endsWith(".body")).toList()) {
        String header = Files.readAllLines(body, StandardCharsets.UTF_8).get(0);
        Files.writeString(body, header + "\r\n", StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  void aRepeatedQueryReadsTheTypedCopyAndReturnsTheSameRowsWithoutApiCalls() throws Exception {
    String sql = "SELECT *" + DAYS_1_TO_2;
    List<String> first = query(sql);
    assertTrue(first.size() > 100, "rows: " + first.size());
    cutBodiesToTheirHeader();
    emu.emulator().reset();

    assertEquals(first, query(sql));
    assertTrue(emu.emulator().journal().isEmpty(), emu.emulator().journal().toString());
    assertEquals(List.of(), query(sql, "cacheMemory=0"), "cacheMemory=0 parses the body");
  }

  @Test
  void aCopyServesOtherColumnsFiltersAndPseudoColumnsExactly() throws Exception {
    query("SELECT *" + DAYS_1_TO_2);
    cutBodiesToTheirHeader();
    String narrower =
        "SELECT NETWORK, WINDOW_START, RESPONSE_TIME, AGENT_ID"
            + DAYS_1_TO_2
            + " AND NETWORK <> 'twitter' AND RESPONSE_TIME >= TIMESTAMP '2019-02-01 12:00:00'";
    expected = uncached(narrower);
    assertTrue(expected.size() > 10, "rows: " + expected.size());

    assertEquals(expected, query(narrower));
  }

  @Test
  void aQueryWithAFilterKeepsACopyOfEveryRowAndReturnsOnlyItsOwn() throws Exception {
    String filtered = "SELECT RESPONSE_ID, NETWORK" + DAYS_1_TO_2 + " AND NETWORK = 'twitter'";
    String all = "SELECT RESPONSE_ID, NETWORK" + DAYS_1_TO_2;
    expected = uncached(filtered);
    List<String> everyRow = uncached(all);
    assertTrue(expected.size() < everyRow.size(), expected.size() + " of " + everyRow.size());

    assertEquals(expected, query(filtered));
    cutBodiesToTheirHeader();
    assertEquals(everyRow, query(all), "the rows the filter dropped are in the copy");
  }

  @Test
  void aQueryNeedingAColumnTheCopyLacksParsesTheBodyAndKeepsAWiderCopy() throws Exception {
    query("SELECT RESPONSE_ID" + DAYS_1_TO_2);
    String wider = "SELECT RESPONSE_ID, NETWORK" + DAYS_1_TO_2 + " ORDER BY RESPONSE_ID";
    expected = uncached(wider);

    assertEquals(expected, query(wider), "parsed from the body: the copy lacks NETWORK");
    cutBodiesToTheirHeader();
    assertEquals(expected, query(wider), "read from the copy the second query kept");
  }

  @Test
  void aScanClosedEarlyKeepsNoCopyOfTheBodyItWasReading() throws Exception {
    // Days ten times larger than what is read ahead, so the LIMIT stops inside the first one.
    try (EmulatorFixture large = EmulatorFixture.start(60_000)) {
      String all = "SELECT *" + DAYS_1_TO_2;
      query(large, all, "cacheMemory=0");
      assertEquals(3, query(large, all + " LIMIT 3").size());
      cutBodiesToTheirHeader();

      assertEquals(List.of(), query(large, all), "no copy: the bodies are parsed");
    }
  }

  @Test
  void anExportLargerThanCacheMemoryIsParsedEachTime() throws Exception {
    String all = "SELECT *" + DAYS_1_TO_2;
    query(all, "cacheMemory=4k");
    cutBodiesToTheirHeader();

    assertEquals(List.of(), query(all, "cacheMemory=4k"));
  }
}
