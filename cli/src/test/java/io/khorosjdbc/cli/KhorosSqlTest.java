package io.khorosjdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.KhorosEmulatorExtension;
import io.khorosjdbc.emulator.RateLimit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** khoros-sql end to end, in-process, against the emulator. */
class KhorosSqlTest {
  /** Same seed and volume as --demo, so both serve identical rows for a fixed window. */
  @RegisterExtension
  static final KhorosEmulatorExtension EMU =
      new KhorosEmulatorExtension(
          KhorosEmulator.builder().jobLatencyMillis(20).rateLimit(RateLimit.OFF));

  static final String WINDOW =
      "WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00'"
          + " AND WINDOW_END <= TIMESTAMP '2019-02-03 00:00:00'";
  static final String BY_TEAM =
      "SELECT TEAM_NAME, COUNT(*) AS CONVERSATIONS FROM conversation"
          + " WHERE API_CONVERSATION_REPORT_TYPE = 'CLOSED' AND "
          + WINDOW
          + " GROUP BY TEAM_NAME ORDER BY TEAM_NAME";

  @TempDir Path temp;

  /** The CLI against this test's emulator, signed in as its demo user, with {@code args}. */
  private CliRun asDemoUser(String... args) {
    List<String> all = new ArrayList<>(List.of("-u", url(), "-n", "demo", "-p", "demo"));
    all.addAll(List.of(args));
    return CliRun.run(all.toArray(String[]::new));
  }

  private String url() {
    // The emulator here has no rate limit, so neither has the driver; its state stays in temp.
    return "jdbc:khoros:url="
        + EMU.baseUrl()
        + ";companyKey=demo;cache=false;schemaCacheDir="
        + temp
        + ";cacheDir="
        + temp.resolve("exports")
        + ";requestBudget=off;pollInitialDelay=10ms";
  }

  /** The same query straight through JDBC: what the shell must print. */
  private List<String> viaJdbc(String sql) throws Exception {
    Properties props = new Properties();
    props.setProperty("user", "demo");
    props.setProperty("password", "demo");
    List<String> lines = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url(), props);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        lines.add(rs.getString(1) + "," + rs.getString(2));
      }
    }
    return lines;
  }

  @Test
  void demoRunsAQueryAndPrintsATable() throws Exception {
    CliRun run = CliRun.run("--demo", "-e", BY_TEAM);
    assertEquals(0, run.exitCode(), run::toString);
    List<String> expected = viaJdbc(BY_TEAM);
    assertTrue(expected.size() >= 3, "the demo has several teams: " + expected);
    String[] lines = run.out().split("\n");
    assertTrue(lines[0].startsWith("+---"), run::toString);
    assertTrue(lines[1].matches("\\| TEAM_NAME +\\| CONVERSATIONS \\|"), run::toString);
    assertEquals(expected.size() + 4, lines.length, run::toString);
    for (int i = 0; i < expected.size(); i++) {
      String[] cells = lines[3 + i].split("\\|");
      assertEquals(expected.get(i), cells[1].strip() + "," + cells[2].strip(), run::toString);
    }
    assertTrue(run.err().contains(expected.size() + " rows in"), run::toString);
  }

  @Test
  void csvOutputEqualsJdbcRows() throws Exception {
    CliRun run = asDemoUser("-o", "csv", "-e", BY_TEAM);
    assertEquals(0, run.exitCode(), run::toString);
    List<String> expected = new ArrayList<>(List.of("TEAM_NAME,CONVERSATIONS"));
    expected.addAll(viaJdbc(BY_TEAM));
    assertEquals(expected, List.of(run.out().split("\r\n")));
    assertEquals("", run.err(), "csv keeps stderr quiet");
  }

  @Test
  void jsonOutputIsAnArrayOfObjectsWithTypedValues() throws Exception {
    CliRun run = asDemoUser("--outputformat=json", "-e", BY_TEAM);
    assertEquals(0, run.exitCode(), run::toString);
    List<String> expected = viaJdbc(BY_TEAM);
    String json = run.out().strip();
    assertTrue(json.startsWith("[") && json.endsWith("]"), json);
    for (String row : expected) {
      String[] cells = row.split(",");
      assertTrue(
          json.contains(
              "{\"TEAM_NAME\": \"" + cells[0] + "\", \"CONVERSATIONS\": " + cells[1] + "}"),
          json);
    }
    assertEquals(expected.size(), json.split("\n").length - 2, json);
  }

  @Test
  void scriptFileRunsEveryStatement() throws Exception {
    Path script = temp.resolve("first.sql");
    Files.writeString(
        script,
        """
        -- teams; with a semicolon in a comment
        SELECT NAME FROM khoros_meta.teams ORDER BY NAME;
        /* a block comment; */
        SELECT COUNT(*) AS N FROM response WHERE RESPONSE_TIME >= TIMESTAMP '2019-02-01 00:00:00'
          AND RESPONSE_TIME < TIMESTAMP '2019-02-02 00:00:00' AND 'a;b' <> 'c';
        """,
        StandardCharsets.UTF_8);
    CliRun run = asDemoUser("-o", "csv", "-f", script.toString());
    assertEquals(0, run.exitCode(), run::toString);
    List<String> teams = new ArrayList<>();
    for (String team : viaJdbc("SELECT NAME, 1 FROM khoros_meta.teams ORDER BY NAME")) {
      teams.add(team.substring(0, team.length() - 2));
    }
    String count =
        viaJdbc(
                "SELECT COUNT(*), 1 FROM response WHERE RESPONSE_TIME >= TIMESTAMP "
                    + "'2019-02-01 00:00:00' AND RESPONSE_TIME < TIMESTAMP '2019-02-02 00:00:00'")
            .get(0)
            .split(",")[0];
    assertTrue(Long.parseLong(count) > 0);
    String expected = "NAME\r\n" + String.join("\r\n", teams) + "\r\nN\r\n" + count + "\r\n";
    assertEquals(expected, run.out());
  }

  @Test
  void scriptFromStdin() {
    CliRun run =
        CliRun.run(
            Map.of(),
            false,
            "SELECT COUNT(*) AS N FROM khoros_meta.reports;",
            "-u",
            url(),
            "-n",
            "demo",
            "-p",
            "demo",
            "-o",
            "csv",
            "-f",
            "-");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("N\r\n14\r\n", run.out());
  }

  @Test
  void badSqlExitsNonZeroWithTheParserMessage() {
    CliRun run = asDemoUser("-e", "SELECT NO_SUCH_COLUMN FROM conversation WHERE " + WINDOW);
    assertEquals(KhorosSql.FAILED, run.exitCode(), run::toString);
    assertTrue(run.err().contains("Column 'NO_SUCH_COLUMN' not found"), run::toString);
    assertFalse(run.err().contains("Error while executing SQL"), "the wrapper is dropped: " + run);
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run);
  }

  @Test
  void reservedWordsGetAHint() {
    CliRun run = asDemoUser("-e", "SELECT COUNT(*) FROM user WHERE " + WINDOW);
    assertEquals(KhorosSql.FAILED, run.exitCode(), run::toString);
    assertTrue(run.err().contains("Encountered \"user\" at line 1"), run::toString);
    assertTrue(run.err().contains("quote it, e.g. \"user\""), run::toString);
    assertFalse(run.err().contains("Was expecting"), run::toString);
  }

  @Test
  void plannerDumpsAreCut() {
    CliRun run =
        asDemoUser(
            "-e",
            "SELECT TEAM_NAME, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY INCOMING_POST_COUNT)"
                + " FROM conversation WHERE "
                + WINDOW
                + " GROUP BY TEAM_NAME");
    assertEquals(KhorosSql.FAILED, run.exitCode(), run::toString);
    assertTrue(run.err().contains("There are not enough rules"), run::toString);
    assertTrue(run.err().length() < 1500, "no planner dump: " + run);
  }

  @Test
  void laterStatementsDoNotRunAfterAFailure() {
    CliRun run =
        asDemoUser("-o", "csv", "-e", "SELECT 1 AS A", "-e", "SELEC 2", "-e", "SELECT 3 AS C");
    assertEquals(KhorosSql.FAILED, run.exitCode(), run::toString);
    assertEquals("A\r\n1\r\n", run.out());
    assertTrue(run.err().contains("in: SELEC 2"), run::toString);
  }

  @Test
  void serverErrorsReachStderr() {
    CliRun run =
        CliRun.run(
            "-u",
            url(),
            "-n",
            "demo",
            "-p",
            "wrong",
            "-e",
            "SELECT COUNT(*) FROM khoros_meta.teams");
    assertEquals(KhorosSql.FAILED, run.exitCode(), run::toString);
    assertTrue(run.err().contains("HTTP 401"), run::toString);
    assertFalse(run.err().contains("wrong"), "the password is never echoed: " + run);
  }

  @Test
  void credentialsFromEnvironmentAndPropertiesFile() throws Exception {
    Map<String, String> env =
        Map.of("KHOROS_USER", "demo", "KHOROS_PASSWORD", "demo", "KHOROS_COMPANY_KEY", "demo");
    CliRun run =
        CliRun.run(
            env,
            false,
            "",
            "-u",
            EMU.baseUrl(),
            "-D",
            "schemaCacheDir=" + temp,
            "-o",
            "csv",
            "-e",
            "SELECT COUNT(*) AS N FROM khoros_meta.teams");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().matches("N\r\n[1-9]\\d*\r\n"), run::toString);

    Path file = temp.resolve("tenant.properties");
    Files.writeString(
        file,
        "url="
            + EMU.baseUrl()
            + "\ncompanyKey=demo\ncache=false\nuser=demo\n"
            + "password=demo\nschemaCacheDir="
            + temp.toString().replace("\\", "/")
            + "\n");
    run =
        CliRun.run(
            "--properties",
            file.toString(),
            "-o",
            "csv",
            "-e",
            "SELECT COUNT(*) AS N FROM khoros_meta.teams");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().matches("N\r\n[1-9]\\d*\r\n"), run::toString);
  }

  @Test
  void checkPassesAgainstTheEmulator() {
    // Without a budget: the compatibility report's exports would otherwise wait for the minute.
    CliRun run = asDemoUser("-D", "requestBudget=off", "--check", "--check-tables", "response");
    assertEquals(0, run.exitCode(), run::toString);
    for (String step :
        List.of(
            "[1/5] settings",
            "[2/5] host reachable",
            "[3/5] credentials and companyKey",
            "[4/5] export round trip")) {
      assertTrue(
          run.out().lines().anyMatch(l -> l.startsWith(step) && l.contains(" OK ")),
          step + " in " + run);
    }
    assertTrue(run.out().contains("server prepared the file in"), run::toString);
    assertTrue(run.out().contains("[5/5] compatibility report"), run::toString);
    assertTrue(run.out().contains("response: "), run::toString);
    assertTrue(run.out().contains("  header     api (\"RESPONSE_ID\""), run::toString);
    assertTrue(run.out().contains("  anchor     RESPONSE_TIME found"), run::toString);
    assertTrue(run.out().contains("timestamps yyyy-MM-dd HH:mm:ss ("), run::toString);
    assertTrue(run.out().contains("--save capture.json"), run::toString);
    assertTrue(run.out().contains("All checks passed"), run::toString);
    long creates =
        EMU.emulator().journal().stream().filter(e -> "create".equals(e.route())).count();
    assertTrue(creates >= 1, "the round trip ran a real export");
  }

  @Test
  void checkExplainsAWrongPassword() {
    CliRun run = CliRun.run("-u", url(), "-n", "demo", "-p", "not-the-password", "--check");
    assertEquals(KhorosSql.FAILED, run.exitCode(), run::toString);
    assertTrue(run.out().contains("[3/5] credentials and companyKey"), run::toString);
    assertTrue(run.out().contains("FAILED"), run::toString);
    assertTrue(
        run.out()
            .contains(
                "problem: the server rejected the user name, password or "
                    + "company key (HTTP 401)"),
        run::toString);
    assertTrue(run.out().contains("fix:     check -n/-p"), run::toString);
    assertFalse(run.out().contains("[4/5]"), "stops at the failing step: " + run);
    assertFalse(run.out().contains("not-the-password"), run::toString);
  }

  @Test
  void checkExplainsAWrongCompanyKey() {
    CliRun run =
        CliRun.run(
            "-u",
            "jdbc:khoros:url=" + EMU.baseUrl() + ";companyKey=ACME",
            "-n",
            "demo",
            "-p",
            "demo",
            "--check");
    assertEquals(KhorosSql.FAILED, run.exitCode(), run::toString);
    assertTrue(run.out().contains("companyKey 'ACME'"), run::toString);
    assertTrue(run.out().contains("check -k / companyKey"), run::toString);
  }

  @Test
  void checkExplainsAnUnreachableHost() throws Exception {
    int freePort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    CliRun run =
        CliRun.run(
            "-u",
            "http://127.0.0.1:" + freePort,
            "-k",
            "demo",
            "-n",
            "demo",
            "-p",
            "demo",
            "--check");
    assertEquals(KhorosSql.FAILED, run.exitCode(), run::toString);
    assertTrue(run.out().contains("[2/5] host reachable"), run::toString);
    assertTrue(run.out().contains("nothing is listening at 127.0.0.1:" + freePort), run::toString);
  }

  @Test
  void checkExplainsMissingSettings() {
    CliRun run = CliRun.run("-u", "http://127.0.0.1:9", "--check");
    assertEquals(KhorosSql.FAILED, run.exitCode(), run::toString);
    assertTrue(run.out().contains("[1/5] settings"), run::toString);
    assertTrue(run.out().contains("companyKey"), run::toString);
  }

  @Test
  void progressLineIsDrawnAndErasedOnATerminal() {
    EMU.emulator().setFaults(""); // the latency below is the emulator's, set per builder
    try (KhorosEmulator slow =
        KhorosEmulator.builder().jobLatencyMillis(1500).rateLimit(RateLimit.OFF).build().start()) {
      CliRun run =
          CliRun.run(
              Map.of(),
              true,
              "",
              "-u",
              "jdbc:khoros:url="
                  + slow.baseUrl()
                  + ";companyKey=demo;cache=false;schemaCacheDir="
                  + temp
                  + ";pollInitialDelay=10ms",
              "-n",
              "demo",
              "-p",
              "demo",
              "-o",
              "csv",
              "-e",
              "SELECT COUNT(*) AS N FROM \"user\" WHERE " + WINDOW);
      assertEquals(0, run.exitCode(), run::toString);
      assertTrue(run.err().contains("\rexport running | "), run::toString);
      assertTrue(run.err().contains(" rows"), run::toString);
      assertTrue(run.err().endsWith("\r"), "the line is erased: " + run);
      assertTrue(run.out().startsWith("N\r\n"), "results stay clean on stdout: " + run);
    }
  }

  @Test
  void noProgressWithoutATerminal() {
    try (KhorosEmulator slow =
        KhorosEmulator.builder().jobLatencyMillis(800).rateLimit(RateLimit.OFF).build().start()) {
      CliRun run =
          CliRun.run(
              Map.of(),
              false,
              "",
              "-u",
              "jdbc:khoros:url="
                  + slow.baseUrl()
                  + ";companyKey=demo;cache=false;schemaCacheDir="
                  + temp,
              "-n",
              "demo",
              "-p",
              "demo",
              "-o",
              "csv",
              "-e",
              "SELECT COUNT(*) AS N FROM \"user\" WHERE " + WINDOW);
      assertEquals(0, run.exitCode(), run::toString);
      assertEquals("", run.err(), run::toString);
    }
  }

  @Test
  void usageErrors() {
    assertEquals(KhorosSql.USAGE, CliRun.run("--bogus").exitCode());
    assertEquals(KhorosSql.USAGE, CliRun.run("-e").exitCode());
    assertEquals(KhorosSql.USAGE, CliRun.run("-o", "xml", "--demo", "-e", "SELECT 1").exitCode());
    CliRun nowhere = CliRun.run("-e", "SELECT 1");
    assertEquals(KhorosSql.USAGE, nowhere.exitCode());
    assertTrue(nowhere.err().contains("--demo"), nowhere::toString);
    CliRun stray = CliRun.run("--demo", "--save", "x.json", "-e", "SELECT 1");
    assertEquals(KhorosSql.USAGE, stray.exitCode());
    assertTrue(stray.err().contains("--save belongs to --check"), stray::toString);
    CliRun typo = CliRun.run("--demo", "--check", "--check-tables", "respones");
    assertEquals(KhorosSql.USAGE, typo.exitCode());
    assertTrue(typo.err().contains("unknown table respones"), typo::toString);
    CliRun help = CliRun.run("--help");
    assertEquals(0, help.exitCode());
    for (String option :
        List.of(
            "--demo",
            "-u",
            "-n",
            "-p",
            "-e",
            "-f",
            "--outputformat",
            "--check",
            "--check-tables",
            "--save",
            "--properties",
            "KHOROS_USER",
            "KHOROS_PASSWORD",
            "KHOROS_COMPANY_KEY")) {
      assertTrue(help.out().contains(option), option);
    }
  }
}
