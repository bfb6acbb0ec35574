package io.khorosjdbc.driver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khorosjdbc.driver.sql.KhorosSchema;
import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Test;

/**
 * The password and the URL tokens never show: not in a log line at any level, an exception message
 * or stack trace, a toString(), EXPLAIN output, the exports table, or a thread name. Basic auth is
 * refused over plain http to another machine, and filter values are data.
 */
class SecretsTest {
  private static final String PASSWORD = "s3cr3t-XYZ";
  private static final String WINDOW =
      " WHERE WINDOW_START >= TIMESTAMP '2019-03-11 00:00:00'"
          + " AND WINDOW_END <= TIMESTAMP '2019-03-11 06:00:00'";

  private static EmulatorFixture emulator() {
    return new EmulatorFixture(
        KhorosEmulator.builder()
            .seed(42)
            .rowsPerDay(2000)
            .jobLatencyMillis(20)
            .user("reporter")
            .password(PASSWORD)
            .rateLimit(RateLimit.OFF));
  }

  private static Connection connect(EmulatorFixture emu, String... extra) throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", "reporter");
    credentials.setProperty("password", PASSWORD);
    return DriverManager.getConnection(emu.url(extra), credentials);
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void thePasswordAndTheUrlTokensAppearNowhere() throws Exception {
    List<String> seen = new ArrayList<>();
    Set<String> threadNames = Collections.synchronizedSet(new LinkedHashSet<>());
    try (EmulatorFixture emu = emulator();
        LogCapture logs = new LogCapture()) {
      try (Connection connection = connect(emu, "retryBaseDelay=5ms", "retryMaxDelay=20ms");
          Statement statement = connection.createStatement()) {
        seen.add(connection.toString());
        seen.add(
            connection
                .unwrap(CalciteConnection.class)
                .getRootSchema()
                .subSchemas()
                .get(KhorosSchema.NAME)
                .unwrap(KhorosSchema.class)
                .context()
                .toString());
        seen.add(connection.getMetaData().getURL());
        seen.addAll(Rows.query(statement, "SELECT * FROM response" + WINDOW));
        seen.addAll(Rows.query(statement, "EXPLAIN PLAN FOR SELECT * FROM response" + WINDOW));
        seen.addAll(Rows.query(statement, "SELECT * FROM khoros_meta.teams"));
        // Faults that produce error messages, retries and their log lines.
        for (String fault :
            List.of(
                "status:failed:x1",
                "create:500:x1",
                "download:expired",
                "file:truncate",
                "status:503:x2,file:reset:x1")) {
          emu.emulator().setFaults(fault);
          try {
            seen.addAll(Rows.query(statement, "SELECT * FROM response" + WINDOW));
          } catch (SQLException | RuntimeException e) {
            seen.add(stackTrace(e));
          }
        }
        // Thread names while a job is being polled.
        emu.emulator().setFaults("status:stuck");
        statement.setQueryTimeout(1);
        CompletableFuture<Void> sampler =
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    Thread.getAllStackTraces().keySet().forEach(t -> threadNames.add(t.getName()));
                    sleep(25);
                  }
                });
        seen.add(
            stackTrace(
                assertThrows(
                    SQLException.class,
                    () -> Rows.query(statement, "SELECT COUNT(*) FROM response" + WINDOW))));
        sampler.get();
        emu.emulator().setFaults("");
        try (Statement fresh =
            connection.createStatement()) { // a timed-out statement stays cancelled
          seen.addAll(Rows.query(fresh, "SELECT * FROM khoros_meta.exports"));
        }
      }
      String logged = logs.text();
      assertTrue(logged.contains("DEBUG"), "the capture works: " + logged.length());
      assertTrue(logged.contains("analyticsAccessToken=****"), "URLs are logged, masked");

      Set<String> secrets = new LinkedHashSet<>();
      secrets.add(PASSWORD);
      secrets.add(
          Base64.getEncoder()
              .encodeToString(("reporter:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
      for (JournalEntry entry : emu.emulator().journal()) {
        List<String> tokens = entry.parameters().get("analyticsAccessToken");
        if (tokens != null) {
          secrets.addAll(tokens);
        }
        if (entry.route().equals("file")) {
          secrets.add(entry.path().substring(entry.path().lastIndexOf('/') + 1));
        }
      }
      assertTrue(secrets.size() > 3, "tokens were collected: " + secrets.size());
      String everything =
          String.join("\n", seen) + "\n" + logged + "\n" + String.join("\n", threadNames);
      for (String secret : secrets) {
        assertFalse(everything.contains(secret), "leaked: " + secret);
      }
    }
  }

  @Test
  void aWrongPasswordIsNotEchoedInTheError() throws SQLException {
    try (EmulatorFixture emu = emulator()) {
      Properties credentials = new Properties();
      credentials.setProperty("user", "reporter");
      credentials.setProperty("password", "wrong-" + PASSWORD);
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> {
                try (Connection connection =
                        DriverManager.getConnection(emu.url("schemaCache=false"), credentials);
                    Statement statement = connection.createStatement()) {
                  Rows.query(statement, "SELECT * FROM response" + WINDOW);
                }
              });
      assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
      assertFalse(stackTrace(e).contains(PASSWORD), stackTrace(e));
    }
  }

  @Test
  void basicAuthIsRefusedOverPlainHttpToAnotherMachineUnlessAllowed() throws Exception {
    String address = nonLoopbackAddress();
    assumeTrue(address != null, "this machine has no non-loopback IPv4 address");
    try (EmulatorFixture emu =
        new EmulatorFixture(
            KhorosEmulator.builder()
                .seed(42)
                .rowsPerDay(2000)
                .jobLatencyMillis(20)
                .bindAddress("0.0.0.0")
                .rateLimit(RateLimit.OFF))) {
      String url =
          "jdbc:khoros:url=http://"
              + address
              + ":"
              + emu.emulator().port()
              + ";companyKey=demo;pollInitialDelay=5ms;schemaCache=false;cache=false";
      Properties credentials = new Properties();
      credentials.setProperty("user", "demo");
      credentials.setProperty("password", "demo");

      SQLException refused =
          assertThrows(
              SQLException.class, () -> DriverManager.getConnection(url, credentials).close());
      assertTrue(
          refused
              .getMessage()
              .contains("refusing to send the password in clear text to " + "http://" + address),
          refused.getMessage());
      assertTrue(refused.getMessage().contains("allowInsecureHttp=true"), refused.getMessage());
      assertTrue(emu.emulator().journal().isEmpty(), "nothing was sent");

      try (Connection allowed =
              DriverManager.getConnection(url + ";allowInsecureHttp=true", credentials);
          Statement statement = allowed.createStatement()) {
        assertEquals(1, Rows.query(statement, "SELECT COUNT(*) FROM response" + WINDOW).size());
      }
    }
  }

  @Test
  void filterValuesAreSentAsDataNeverAsExtraParameters() throws SQLException {
    try (EmulatorFixture emu = EmulatorFixture.start();
        Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      for (String table : List.of("response", "conversation_actions")) {
        emu.emulator().reset();
        try {
          Rows.query(
              statement,
              "SELECT COUNT(*) FROM "
                  + table
                  + WINDOW
                  + " AND API_SMART_VIEW_ID = '1&companyKey=other'");
        } catch (SQLException e) {
          // the emulator may refuse the unknown smart view; what was sent is what matters
        }
        List<JournalEntry> creates =
            emu.creates().stream().filter(c -> c.parameters().containsKey("smartViewId")).toList();
        assertEquals(1, creates.size(), table + ": " + emu.creates());
        assertEquals(List.of("demo"), creates.get(0).parameters().get("companyKey"), table);
        assertEquals(
            List.of("1&companyKey=other"), creates.get(0).parameters().get("smartViewId"), table);
      }
    }
  }

  private static String nonLoopbackAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return address.getHostAddress();
        }
      }
    }
    return null;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
