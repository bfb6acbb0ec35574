package io.khorosjdbc.driver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import io.khorosjdbc.emulator.StatusShape;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fault suite against the emulator: every step of the flow (create, status, download, the
 * pre-signed file, teams, time zones) meets the faults the emulator can inject. A query either
 * returns exactly the fault-free answer, or fails with an error that says what happened; it never
 * returns fewer rows.
 */
@Tag("slow")
class EmulatorFaultsTest {
  private static final String WINDOW =
      " WHERE WINDOW_START >= TIMESTAMP '2019-03-11 00:00:00'"
          + " AND WINDOW_END <= TIMESTAMP '2019-03-11 12:00:00'";
  private static final String QUERY = "SELECT * FROM response" + WINDOW;

  /** Fast retries, so that the suite stays quick; Retry-After (1 s) is capped at 100 ms. */
  private static final String[] FAST = {"retryBaseDelay=5ms", "retryMaxDelay=100ms"};

  private static EmulatorFixture emu;
  private static List<String> expected;
  private static List<String> expectedTeams;
  private static List<String> expectedTimezones;

  @BeforeAll
  static void faultFreeAnswers() throws SQLException {
    emu =
        new EmulatorFixture(
            KhorosEmulator.builder()
                .seed(42)
                .rowsPerDay(2000)
                .jobLatencyMillis(20)
                .slowBytesPerSecond(200)
                .rateLimit(RateLimit.OFF));
    try (Connection connection = emu.connect(FAST);
        Statement statement = connection.createStatement()) {
      expected = Rows.query(statement, QUERY);
      expectedTeams = Rows.query(statement, "SELECT * FROM khoros_meta.teams");
      expectedTimezones = Rows.query(statement, "SELECT * FROM khoros_meta.timezones");
    }
    assertTrue(expected.size() > 200, "a body long enough to break mid-stream: " + expected.size());
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  @BeforeEach
  void reset() {
    emu.emulator().reset();
  }

  private static List<String> run(String faults, String sql, String... properties)
      throws SQLException {
    emu.emulator().setFaults(faults);
    String[] all = concat(FAST, properties);
    try (Connection connection = emu.connect(all);
        Statement statement = connection.createStatement()) {
      return Rows.query(statement, sql);
    }
  }

  private static String failure(String faults, String... properties) {
    SQLException e = assertThrows(SQLException.class, () -> run(faults, QUERY, properties));
    return e.getMessage();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static List<JournalEntry> calls(String route) {
    return emu.emulator().journal().stream().filter(e -> e.route().equals(route)).toList();
  }

  private static List<Integer> statuses(String route) {
    return calls(route).stream().map(JournalEntry::status).toList();
  }

  // --- create ---------------------------------------------------------------------------

  @Test
  void create429IsRetriedBecauseNoJobWasStarted() throws SQLException {
    assertEquals(expected, run("create:429:x2", QUERY));
    assertEquals(List.of(429, 429, 200), statuses("create"));
  }

  @Test
  void create500IsAnErrorBecauseAJobMayHaveStarted() {
    String message = failure("create:500:x1");
    assertTrue(
        message.contains("the server failed while creating the export response (HTTP 500)"),
        message);
    assertTrue(
        message.contains(
            "may have started the job anyway, so the driver did not create" + " it again"),
        message);
    assertEquals(List.of(500), statuses("create"), "never a second create");
  }

  @Test
  void create503IsRetriedBecauseTheServerDidNotTakeTheRequest() throws SQLException {
    // RFC 9110: 503 means the server did not process the request, Retry-After or not.
    assertEquals(expected, run("create:503:x1", QUERY));
    assertEquals(List.of(503, 200), statuses("create"));
  }

  @Test
  void createResetAfterSendingIsAnErrorSayingAJobMayExist() {
    String message = failure("create:reset:x1");
    assertTrue(
        message.contains("creating the export response failed after the request was " + "sent"),
        message);
    assertTrue(
        message.contains(
            "the server may have started a job, so the driver did not send " + "it again"),
        message);
    assertEquals(List.of(0), statuses("create"), "never a second create");
  }

  @Test
  void createTruncatedAnswerIsAnErrorSayingAJobMayExist() {
    String message = failure("create:truncate:x1");
    assertTrue(message.contains("failed after the request was sent"), message);
    assertEquals(1, calls("create").size());
  }

  @Test
  void createRefusedConnectionIsRetriedUntilTheServerListens() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    String url =
        "jdbc:khoros:url=http://127.0.0.1:"
            + port
            + ";companyKey=demo;cache=false;"
            + "pollInitialDelay=5ms;pollMaxDelay=50ms;schemaCache=false;retryBaseDelay=300ms;"
            + "retryMaxDelay=400ms;maxRetries=6";
    CompletableFuture<List<String>> query =
        CompletableFuture.supplyAsync(
            () -> {
              java.util.Properties credentials = new java.util.Properties();
              credentials.setProperty("user", "demo");
              credentials.setProperty("password", "demo");
              try (Connection connection = java.sql.DriverManager.getConnection(url, credentials);
                  Statement statement = connection.createStatement()) {
                return Rows.query(statement, QUERY);
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(400);
    try (KhorosEmulator late =
        KhorosEmulator.builder()
            .port(port)
            .seed(42)
            .rowsPerDay(2000)
            .jobLatencyMillis(20)
            .rateLimit(RateLimit.OFF)
            .build()
            .start()) {
      assertEquals(expected, query.get());
      assertEquals(
          1,
          late.journal().stream()
              .filter(
                  e ->
                      e.route().equals("create")
                          && "response".equals(e.exportId())
                          && e.parameters().get("reportMetrics") != null
                          && e.parameters().get("reportMetrics").size() > 1)
              .count(),
          "one create for the query");
    }
  }

  // --- status -----------------------------------------------------------------------------

  @Test
  void status429IsRetried() throws SQLException {
    assertEquals(expected, run("status:429:x2", QUERY));
    assertEquals(List.of(429, 429, 200), statuses("status").subList(0, 3));
  }

  @Test
  void status500IsRetried() throws SQLException {
    assertEquals(expected, run("status:500:x2", QUERY));
  }

  @Test
  void status502IsRetried() throws SQLException {
    assertEquals(expected, run("status:502:x1", QUERY));
  }

  @Test
  void status503IsRetried() throws SQLException {
    assertEquals(expected, run("status:503:x2", QUERY));
  }

  @Test
  void statusResetIsRetried() throws SQLException {
    assertEquals(expected, run("status:reset:x2", QUERY));
    assertEquals(List.of(0, 0, 200), statuses("status").subList(0, 3));
  }

  @Test
  void statusTruncatedBodyIsRetried() throws SQLException {
    assertEquals(expected, run("status:truncate:x1", QUERY));
  }

  @Test
  void statusSlowerThanTheReadTimeoutIsRetried() throws SQLException {
    assertEquals(expected, run("status:slow:x1", QUERY, "readTimeout=300ms"));
  }

  @Test
  void statusFailingMoreOftenThanMaxRetriesIsAnErrorNamingTheStep() {
    String message = failure("status:500", "maxRetries=2");
    assertTrue(
        message.contains("the server failed while checking the export status (HTTP 500)"), message);
    assertEquals(3, calls("status").size(), "the first attempt and two retries");
  }

  @Test
  void aFailedJobIsAnErrorWithReportWindowJobIdsAndDetail() {
    String message = failure("status:failed:x1");
    assertTrue(message.contains("FAILED on the server"), message);
    assertTrue(message.contains("response [2019-03-11T00:00:00Z, 2019-03-11T12:00:00Z)"), message);
    assertTrue(message.matches("(?s).*workflowId=[^,]+, runId=[^,]+, detail=FAILED.*"), message);
  }

  @Test
  void aJobStuckRunningIsAnErrorAfterTheExportTimeout() {
    String message = failure("status:stuck", "exportTimeout=300ms");
    assertTrue(message.contains("still RUNNING after PT0.3S"), message);
    assertTrue(message.contains("workflowId="), message);
  }

  @Test
  void theArrayShapedStatusGivesTheSameAnswer() throws SQLException {
    try (EmulatorFixture array =
            new EmulatorFixture(
                KhorosEmulator.builder()
                    .seed(42)
                    .rowsPerDay(2000)
                    .jobLatencyMillis(20)
                    .statusShape(StatusShape.ARRAY)
                    .rateLimit(RateLimit.OFF));
        Connection connection = array.connect(FAST);
        Statement statement = connection.createStatement()) {
      assertEquals(expected, Rows.query(statement, QUERY));
    }
  }

  // --- download (the 307) -----------------------------------------------------------------

  @Test
  void download429IsRetried() throws SQLException {
    assertEquals(expected, run("download:429:x1", QUERY));
    assertEquals(List.of(429, 307), statuses("download"));
  }

  @Test
  void download500IsRetried() throws SQLException {
    assertEquals(expected, run("download:500:x2", QUERY));
  }

  @Test
  void download503IsRetried() throws SQLException {
    assertEquals(expected, run("download:503:x1", QUERY));
  }

  @Test
  void downloadResetIsRetried() throws SQLException {
    assertEquals(expected, run("download:reset:x2", QUERY));
  }

  @Test
  void anExpiredDownloadLinkRunsTheSameExportAgain() throws SQLException {
    assertEquals(expected, run("download:expired:x1", QUERY));
    List<JournalEntry> creates = calls("create");
    assertEquals(2, creates.size());
    assertEquals(creates.get(0).parameters(), creates.get(1).parameters(), "the same window");
    assertEquals(List.of(410, 307), statuses("download"));
  }

  // --- the pre-signed file ---------------------------------------------------------------

  @Test
  void file500FetchesAFreshLinkInsteadOfReusingThePresignedOne() throws SQLException {
    assertEquals(expected, run("file:500:x1", QUERY));
    assertEquals(List.of(307, 307), statuses("download"), "a fresh 307 for every attempt");
    List<JournalEntry> files = calls("file");
    assertEquals(2, files.size());
    assertTrue(!files.get(0).path().equals(files.get(1).path()), "a new pre-signed link");
  }

  @Test
  void file429IsRetriedThroughAFreshLink() throws SQLException {
    assertEquals(expected, run("file:429:x1", QUERY));
    assertEquals(2, calls("download").size());
  }

  @Test
  void file503IsRetriedThroughAFreshLink() throws SQLException {
    assertEquals(expected, run("file:503:x2", QUERY));
    assertEquals(3, calls("download").size());
  }

  @Test
  void fileResetIsRetriedThroughAFreshLink() throws SQLException {
    assertEquals(expected, run("file:reset:x2", QUERY));
    assertEquals(3, calls("download").size());
  }

  @Test
  void anExpiredPresignedLinkIsReplacedByAFreshOne() throws SQLException {
    assertEquals(expected, run("file:expired:x1", QUERY));
    assertEquals(List.of(403, 200), statuses("file"));
    assertEquals(1, calls("create").size(), "no new export for a stale pre-signed link");
  }

  @Test
  void aTruncatedFileIsFetchedAgainAndContinuesAfterTheRowsAlreadyReturned() throws SQLException {
    assertEquals(expected, run("file:truncate:x1", QUERY));
    assertEquals(2, calls("download").size());
    assertEquals(2, calls("file").size());
  }

  @Test
  void aFileTruncatedOnEveryAttemptIsAnErrorNeverFewerRows() {
    // Rows were already handed out when the body broke, so the error surfaces from
    // ResultSet.next(), as the SQLException JDBC promises.
    SQLException e =
        assertThrows(SQLException.class, () -> run("file:truncate", QUERY, "maxRetries=2"));
    String message = e.getMessage();
    assertTrue(
        message.contains(
            "reading export response [2019-03-11T00:00:00Z, " + "2019-03-11T12:00:00Z)"),
        message);
    assertTrue(message.contains("failed at row"), message);
    assertEquals(3, calls("file").size());
  }

  @Test
  void aFileSlowerThanTheReadTimeoutIsFetchedAgain() throws SQLException {
    assertEquals(expected, run("file:slow:x1", QUERY, "readTimeout=300ms"));
    assertEquals(2, calls("file").size());
  }

  // --- teams and time zones ---------------------------------------------------------------

  @Test
  void teams500IsRetried() throws SQLException {
    assertEquals(expectedTeams, run("teams:500:x2", "SELECT * FROM khoros_meta.teams"));
  }

  @Test
  void teamsResetIsRetried() throws SQLException {
    assertEquals(expectedTeams, run("teams:reset:x1", "SELECT * FROM khoros_meta.teams"));
  }

  @Test
  void teamsTruncatedBodyIsRetried() throws SQLException {
    assertEquals(expectedTeams, run("teams:truncate:x1", "SELECT * FROM khoros_meta.teams"));
  }

  @Test
  void timezones429IsRetried() throws SQLException {
    assertEquals(expectedTimezones, run("timezones:429:x1", "SELECT * FROM khoros_meta.timezones"));
  }

  @Test
  void timezones503IsRetried() throws SQLException {
    assertEquals(expectedTimezones, run("timezones:503:x2", "SELECT * FROM khoros_meta.timezones"));
  }

  @Test
  void timezonesTruncatedBodyIsRetried() throws SQLException {
    assertEquals(
        expectedTimezones, run("timezones:truncate:x1", "SELECT * FROM khoros_meta.timezones"));
  }

  // --- credentials ------------------------------------------------------------------------

  @Test
  void aWrongPasswordIsA401ErrorThatIsNotRetried() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> {
              java.util.Properties credentials = new java.util.Properties();
              credentials.setProperty("user", "demo");
              credentials.setProperty("password", "wrong-password");
              try (Connection connection =
                      java.sql.DriverManager.getConnection(
                          emu.url(concat(FAST, new String[] {"schemaCache=false"})), credentials);
                  Statement statement = connection.createStatement()) {
                Rows.query(statement, QUERY);
              }
            });
    assertTrue(
        e.getMessage().contains("rejected the user name or password (HTTP 401)"), e.getMessage());
    assertEquals(List.of(401), statuses("create"));
  }
}
