package io.khorosjdbc.driver.testing;

import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Test helper: an emulator plus connections to it through {@code jdbc:khoros:}, with private cache
 * directories so tests never share columns, exports or saved jobs with the user's machine, and a
 * fresh export cache directory after each reset of the emulator.
 */
public final class EmulatorFixture implements AutoCloseable {
  private final KhorosEmulator emulator;
  private final Path cacheDir;

  public EmulatorFixture(KhorosEmulator.Builder builder) {
    this.emulator = builder.build().start();
    try {
      this.cacheDir = Files.createTempDirectory("khoros-schema-cache");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EmulatorFixture start() {
    return new EmulatorFixture(defaults());
  }

  /** The emulator {@link #start()} runs: 2,000 rows a day, 20 ms jobs, no rate limit. */
  public static KhorosEmulator.Builder defaults() {
    return KhorosEmulator.builder()
        .seed(42)
        .rowsPerDay(2000)
        .jobLatencyMillis(20)
        .rateLimit(RateLimit.OFF);
  }

  /**
   * An emulator with {@code rowsPerDay} rows a day; 60,000 makes a day ten times larger than what a
   * scan reads ahead, so a LIMIT stops inside it.
   */
  public static EmulatorFixture start(int rowsPerDay) {
    return new EmulatorFixture(defaults().rowsPerDay(rowsPerDay));
  }

  /**
   * One query against a fresh emulator built from {@code builder} (given the seed 42, 2000 rows a
   * day, fast jobs and no rate limit, so that variants of one switch hold the same world), each row
   * as its values joined with '|' ({@link Rows#query}).
   */
  public static List<String> rows(KhorosEmulator.Builder builder, String sql, String... properties)
      throws SQLException {
    try (EmulatorFixture emu =
            new EmulatorFixture(
                builder.seed(42).rowsPerDay(2000).rateLimit(RateLimit.OFF).jobLatencyMillis(10));
        Connection connection = emu.connect(properties);
        Statement statement = connection.createStatement()) {
      return Rows.query(statement, sql);
    }
  }

  /** The message the query fails with, run as in {@link #rows}. */
  public static String failure(KhorosEmulator.Builder builder, String sql, String... properties) {
    try {
      List<String> rows = rows(builder, sql, properties);
      throw new AssertionError("the query did not fail but returned " + rows.size() + " row(s)");
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  public KhorosEmulator emulator() {
    return emulator;
  }

  public String url(String... extra) {
    StringBuilder url =
        new StringBuilder(
            "jdbc:khoros:url="
                + emulator.baseUrl()
                + ";companyKey="
                + emulator.companyKey()
                + ";pollInitialDelay=5ms;pollMaxDelay=50ms"
                // Tests opt in to the request budget ("requestBudget=20/600ms"): most make hundreds
                // of calls.
                + ";requestBudget=off"
                + ";schemaCacheDir="
                + cacheDir
                // A reset emulator forgot its jobs: the driver's saved jobs start afresh with it.
                + ";cacheDir="
                + cacheDir.resolve("exports-" + emulator.resets())
                // Tests opt in to the export cache ("cache=true"), so journals show every export.
                + ";cache=false");
    for (String property : extra) {
      url.append(';').append(property);
    }
    return url.toString();
  }

  public Connection connect(String... extra) throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", emulator.user());
    credentials.setProperty("password", emulator.password());
    return DriverManager.getConnection(url(extra), credentials);
  }

  /** The journal's create calls, in order. */
  public List<JournalEntry> creates() {
    return emulator.journal().stream().filter(e -> e.route().equals("create")).toList();
  }

  /** The whole export, synchronously, straight from the emulator's ground-truth route. */
  public String groundTruth(String exportId, Map<String, List<String>> parameters) {
    String query =
        parameters.entrySet().stream()
            .flatMap(e -> e.getValue().stream().map(v -> enc(e.getKey()) + "=" + enc(v)))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(emulator.baseUrl() + "/_emulator/export/" + exportId + "?" + query))
            .build();
    try {
      HttpResponse<InputStream> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
          throw new IllegalStateException("ground truth " + response.statusCode() + ": " + text);
        }
        return text;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    emulator.close();
  }
}
