package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A curl-like test client for the emulator: never follows redirects, so tests can see the 307. */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final KhorosEmulator emu;

  ApiClient(KhorosEmulator emu) {
    this.emu = emu;
  }

  String auth() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((emu.user() + ":" + emu.password()).getBytes(StandardCharsets.UTF_8));
  }

  /** Query string from name/value pairs (values URL-encoded). */
  static String query(String... pairs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      sb.append(sb.length() == 0 ? "" : "&")
          .append(pairs[i])
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  HttpResponse<String> get(String url, boolean withAuth) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    if (withAuth) {
      b.header("Authorization", auth());
    }
    return send(b.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** POST create with everything in the query string, like the reference's curl examples. */
  HttpResponse<String> create(String exportPath, String query) {
    return send(
        HttpRequest.newBuilder(
                URI.create(
                    emu.baseUrl()
                        + "/api/public/reports/report/"
                        + exportPath
                        + "?companyKey="
                        + emu.companyKey()
                        + (query.isEmpty() ? "" : "&" + query)))
            .header("Authorization", auth())
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The whole flow: create, poll until CLOSED, 307, fetch the file without credentials. Returns the
   * file.
   */
  String export(String exportPath, String query) {
    HttpResponse<String> created = create(exportPath, query);
    assertEquals(200, created.statusCode(), created.body());
    JsonNode status = awaitClosed(json(created).at("/result/statusUrl").asText());
    assertEquals("COMPLETED", status.at("/result/result/detail").asText(), status.toString());
    return download(status.at("/result/jobInfo/downloadUrl").asText()).body();
  }

  /** Polls until CLOSED; returns the last status as {@link #status} reads it. */
  JsonNode awaitClosed(String statusUrl) {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      JsonNode s = status(statusUrl);
      if (s.at("/result/result/runnerState").asText().equals("CLOSED")) {
        return s;
      }
      sleep(20);
    }
    return fail("job did not finish: " + statusUrl);
  }

  /**
   * One status call as a robust client reads it: a one-element array {@code result} (the documented
   * form while RUNNING and when FAILED) is unwrapped, so {@code /result/result/detail} works for
   * every shape.
   */
  JsonNode status(String statusUrl) {
    HttpResponse<String> r = get(statusUrl, true);
    assertEquals(200, r.statusCode(), r.body());
    ObjectNode s = (ObjectNode) json(r);
    JsonNode result = s.get("result");
    if (result.isArray()) {
      assertEquals(1, result.size(), r.body());
      s.set("result", result.get(0));
    }
    return s;
  }

  HttpResponse<String> download(String downloadUrl) {
    HttpResponse<String> redirect = get(downloadUrl, true);
    assertEquals(307, redirect.statusCode(), redirect.body());
    return get(redirect.headers().firstValue("Location").orElseThrow(), false);
  }

  /** The synchronous ground-truth export. */
  String groundTruth(String exportPath, String query) {
    HttpResponse<String> r =
        get(emu.baseUrl() + "/_emulator/export/" + exportPath + "?" + query, false);
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  static List<CSVRecord> csv(String body) {
    try (CSVParser p =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(body))) {
      return p.getRecords();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> csvHeader(String body) {
    try (CSVParser p =
        CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(body))) {
      return p.getHeaderNames();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of a JSON export as ordered maps (null for JSON null). */
  static List<Map<String, String>> jsonRows(String body) {
    List<Map<String, String>> rows = new ArrayList<>();
    try {
      for (JsonNode row : JSON.readTree(body)) {
        Map<String, String> m = new LinkedHashMap<>();
        row.fields()
            .forEachRemaining(
                f -> m.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().textValue()));
        rows.add(m);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
