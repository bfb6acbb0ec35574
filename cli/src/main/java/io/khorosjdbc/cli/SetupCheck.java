package io.khorosjdbc.cli;

import io.khorosjdbc.cli.compat.CompatibilityCheck;
import io.khorosjdbc.driver.api.ApiException;
import io.khorosjdbc.driver.jdbc.ConnectionConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.apache.calcite.avatica.ConnectStringParser;

/**
 * {@code khoros-sql --check}: verifies a tenant's set-up one step at a time (settings, host,
 * credentials and company key, one tiny export) and, at the first step that fails, says exactly
 * what to change; once all pass, reports how the tenant's exports compare with what the driver
 * expects ({@link CompatibilityCheck}) and, with {@code --save}, writes that as a capture. Returns
 * the exit code.
 */
final class SetupCheck {
  private static final DateTimeFormatter SQL_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final ConnectionTarget target;
  private final Map<String, String> env;
  private final PrintStream out;
  private final List<String> tables;
  private final Optional<Path> save;
  private int step;
  private static final int STEPS = 5;

  SetupCheck(
      ConnectionTarget target,
      Map<String, String> env,
      PrintStream out,
      List<String> tables,
      Optional<Path> save) {
    this.target = target;
    this.env = env;
    this.out = out;
    this.tables = tables;
    this.save = save;
  }

  /** Thrown by a step: what went wrong and what to do about it. */
  private static final class StepFailed extends Exception {
    final String fix;

    StepFailed(String problem, String fix) {
      super(problem);
      this.fix = fix;
    }
  }

  int run() {
    try {
      ConnectionConfig config = settings();
      reachable(config.baseUrl().toString());
      credentials(config);
      exportRoundTrip();
      boolean complete = compatibility(config);
      out.println();
      if (!complete) {
        out.println(
            "The set-up works, but some exports of the compatibility report failed (see above).");
        return 1;
      }
      out.println("All checks passed: this set-up can run queries.");
      return 0;
    } catch (StepFailed e) {
      out.println("FAILED");
      out.println("      problem: " + e.getMessage());
      out.println("      fix:     " + e.fix);
      out.flush();
      return 1;
    }
  }

  private void begin(String name) {
    step++;
    String label = "[" + step + "/" + STEPS + "] " + name + " ";
    out.print(label + ".".repeat(Math.max(3, 38 - label.length())) + " ");
    out.flush();
  }

  private void ok(String detail) {
    out.println("OK   " + detail);
    out.flush();
  }

  private ConnectionConfig settings() throws StepFailed {
    begin("settings");
    Properties props = new Properties();
    props.putAll(target.properties());
    String url = target.url();
    ConnectionConfig config;
    try {
      props = ConnectStringParser.parse(url.substring("jdbc:khoros:".length()), props);
      config = ConnectionConfig.from(props, env);
    } catch (SQLException e) {
      throw new StepFailed(
          e.getMessage(),
          "give the setting it names: -k COMPANY_KEY (or env "
              + ConnectionTarget.ENV_COMPANY_KEY
              + "), -u URL, or a --properties file; see --help");
    }
    if (config.user().isEmpty()) {
      throw new StepFailed(
          "no user name",
          "pass -n USER or set "
              + ConnectionTarget.ENV_USER
              + " (the Analytics API user, not a Care UI login)");
    }
    if (config.password().isEmpty()) {
      throw new StepFailed(
          "no password",
          "pass -p PASSWORD or set "
              + ConnectionTarget.ENV_PASSWORD
              + " (or password= in a --properties file)");
    }
    ok(
        "url "
            + config.baseUrl()
            + ", companyKey "
            + config.companyKey()
            + ", user "
            + config.user()
            + ", password ****");
    return config;
  }

  private void reachable(String baseUrl) throws StepFailed {
    begin("host reachable");
    URI uri = URI.create(baseUrl);
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    long start = System.nanoTime();
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      ok(
          "HTTP "
              + response.statusCode()
              + " from "
              + uri.getHost()
              + " in "
              + millis(start)
              + " ms");
    } catch (HttpConnectTimeoutException e) {
      throw new StepFailed(
          "connecting to " + hostPort(uri) + " timed out after 10 s",
          "check the URL or region (us/emea), and whether a firewall or proxy blocks it; behind "
              + "a proxy pass -J-Dhttps.proxyHost=... to java");
    } catch (HttpTimeoutException e) {
      throw new StepFailed(
          hostPort(uri) + " accepted the connection but did not answer in 15 s",
          "check the URL: it must be the Analytics API host, not the Care UI");
    } catch (UnknownHostException e) {
      throw new StepFailed(
          "unknown host " + uri.getHost(),
          "check the spelling of the URL, or use -D region=us / -D region=emea");
    } catch (ConnectException e) {
      throw new StepFailed(
          "nothing is listening at " + hostPort(uri) + " (" + e + ")",
          "check the host and port of the URL");
    } catch (SSLException e) {
      throw new StepFailed(
          "the TLS handshake with " + uri.getHost() + " failed: " + e.getMessage(),
          "a proxy may be re-signing traffic: add its CA certificate to the Java trust store");
    } catch (IOException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof UnknownHostException) {
        throw new StepFailed(
            "unknown host " + uri.getHost(),
            "check the spelling of the URL, or use -D region=us / -D region=emea");
      }
      if (cause instanceof ConnectException) {
        throw new StepFailed(
            "nothing is listening at " + hostPort(uri), "check the host and port of the URL");
      }
      throw new StepFailed(
          "cannot reach " + hostPort(uri) + ": " + cause,
          "check the URL, the network and any proxy");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailed("interrupted", "run the check again");
    }
  }

  private void credentials(ConnectionConfig config) throws StepFailed {
    begin("credentials and companyKey");
    long start = System.nanoTime();
    try (Connection connection = target.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM khoros_meta.teams")) {
      rs.next();
      ok("accepted; " + rs.getLong(1) + " teams visible (" + millis(start) + " ms)");
    } catch (SQLException e) {
      String message = KhorosSql.explain(e);
      if (message.contains("HTTP 401")) {
        // The API (and the emulator) answer 401 for a wrong password and a wrong company key alike.
        throw new StepFailed(
            "the server rejected the user name, password or company key "
                + "(HTTP 401) for user '"
                + config.user()
                + "' and companyKey '"
                + config.companyKey()
                + "'",
            "check -n/-p (or "
                + ConnectionTarget.ENV_USER
                + "/"
                + ConnectionTarget.ENV_PASSWORD
                + "): they must be the credentials of an Analytics API user, which Khoros support "
                + "creates per company; and check -k / companyKey (env "
                + ConnectionTarget.ENV_COMPANY_KEY
                + "): it must be that company's Analytics API "
                + "company key");
      }
      if (message.contains("HTTP 403")) {
        throw new StepFailed(
            "the server refused the company key (HTTP 403)",
            "check -k / companyKey (env "
                + ConnectionTarget.ENV_COMPANY_KEY
                + "): it must be the "
                + "Analytics API company key of this user's company");
      }
      if (message.contains("HTTP 404")) {
        throw new StepFailed(
            "the teams endpoint was not found (HTTP 404)",
            "the URL is not the Analytics API root; use https://analytics-api.app.lithium.com "
                + "(us) or https://analytics-api-emea.app.lithium.com (emea)");
      }
      throw new StepFailed(message, "see the message; run with -v for the HTTP log");
    }
  }

  private void exportRoundTrip() throws StepFailed {
    begin("export round trip");
    LocalDateTime end = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
    LocalDateTime begin = end.minusHours(1);
    String sql =
        "SELECT COUNT(*) FROM response WHERE WINDOW_START >= TIMESTAMP '"
            + SQL_TIMESTAMP.format(begin)
            + "' AND WINDOW_END <= TIMESTAMP '"
            + SQL_TIMESTAMP.format(end)
            + "'";
    long start = System.nanoTime();
    try (Connection connection = target.withProperty("schemaCache", "false").connect();
        Statement statement = connection.createStatement()) {
      long lastJob = 0;
      try (ResultSet rs = statement.executeQuery("SELECT MAX(JOB_ID) FROM khoros_meta.exports")) {
        if (rs.next()) {
          lastJob = rs.getLong(1);
        }
      }
      long rows;
      try (ResultSet rs = statement.executeQuery(sql)) {
        rs.next();
        rows = rs.getLong(1);
      }
      long total = millis(start);
      StringBuilder detail =
          new StringBuilder(
              "response export of the last full hour (UTC): "
                  + rows
                  + " rows, total "
                  + total
                  + " ms");
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT JOB_ID, CREATED_AT, READY_AT, "
                  + "FINISHED_AT, POLLS, BYTES FROM khoros_meta.exports WHERE JOB_ID > "
                  + lastJob
                  + " ORDER BY JOB_ID")) {
        int jobs = 0;
        while (rs.next()) {
          jobs++;
          long created = rs.getTimestamp(2).getTime();
          long ready = rs.getTimestamp(3) == null ? created : rs.getTimestamp(3).getTime();
          long finished = rs.getTimestamp(4) == null ? ready : rs.getTimestamp(4).getTime();
          detail.append(
              String.format(
                  Locale.ROOT,
                  "%n      job %d: server prepared the file in %d ms (%d status polls), "
                      + "download %d ms, %,d bytes",
                  rs.getLong(1),
                  ready - created,
                  rs.getLong(5),
                  finished - ready,
                  rs.getLong(6)));
        }
        if (jobs == 0) {
          detail.append(" (no export job recorded)");
        }
      }
      ok(detail.toString());
    } catch (SQLException e) {
      String message = KhorosSql.explain(e);
      String fix =
          message.contains("HTTP 429")
              ? "the tenant is rate limited right now: wait a minute and run --check again"
              : message.contains("HTTP 403")
                  ? "the user may list teams but not export: ask Khoros support to enable the "
                      + "Analytics Reports API (exports) for this user"
                  : message.contains("timed out") || message.contains("timeout")
                      ? "exports are slow on this tenant: raise -D exportTimeout=2h, try again later"
                      : "see the message; run with -v for one log line per request";
      throw new StepFailed(message, fix);
    }
  }

  /**
   * Step 5: the compatibility report, and the capture when asked for; false if an export failed.
   */
  private boolean compatibility(ConnectionConfig config) throws StepFailed {
    begin("compatibility report");
    CompatibilityCheck.Result result;
    try {
      result = new CompatibilityCheck(config, tables, out).run();
    } catch (ApiException e) {
      throw new StepFailed(e.getMessage(), "see the message; run with -v for the HTTP log");
    }
    out.println();
    if (save.isPresent()) {
      Path file = save.get();
      try {
        result.capture().save(file);
      } catch (IOException e) {
        throw new StepFailed(
            "cannot write the capture " + file + ": " + e.getMessage(),
            "give --save a file in a directory you can write to");
      }
      out.println(
          "Capture saved to "
              + file
              + ": column names, types, formats, shares and bands;"
              + " no values, credentials, company key or host. Read it, then attach it to a bug report.");
    } else {
      out.println(
          "For a bug report, run again with --save capture.json and attach that file (it"
              + " holds no values, credentials, company key or host).");
    }
    return result.failures() == 0;
  }

  private static String hostPort(URI uri) {
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    return uri.getHost() + ":" + port;
  }

  private static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
