package io.khorosjdbc.driver.correctness.oracle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.khorosjdbc.driver.correctness.oracle.Reports.Report;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/**
 * Downloads whole exports over plain HTTP from the emulator's ground-truth route ({@code GET
 * /_emulator/export/{path}?...}, the same bytes as the asynchronous flow), as JSON (which also
 * carries the JSON-only columns), one unsplit request per window and parameter combination, cached
 * in memory for the whole run. Values stay the API's strings.
 */
public final class GroundTruth {
  /** A downloaded export: column names in file order and rows of strings (null = absent). */
  public record Export(List<String> columns, List<String[]> rows) {}

  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final String companyKey;
  private final Map<String, Export> cache = new ConcurrentHashMap<>();
  private final Map<String, List<String>> columns = new ConcurrentHashMap<>();
  private final ObjectMapper json = new ObjectMapper();
  public final AtomicInteger downloads = new AtomicInteger();

  public GroundTruth(String baseUrl, String companyKey) {
    this.baseUrl = baseUrl;
    this.companyKey = companyKey;
  }

  /** The export of one combination; parameters are the API's own names and values. */
  public Export export(Report report, long start, long end, Map<String, String> apiParameters) {
    Map<String, String> p = new TreeMap<>(apiParameters);
    p.put("companyKey", companyKey);
    p.put("startTime", Long.toString(start));
    p.put("endTime", Long.toString(end));
    p.put("reportFormat", "json");
    String url = url(report.path(), p);
    return cache.computeIfAbsent(
        url,
        u -> {
          downloads.incrementAndGet();
          return parseJson(report, get(u));
        });
  }

  /**
   * A table's data columns: the CSV header of an export without reportMetrics (what a tenant's
   * default columns are), then the columns only JSON carries, in JSON key order.
   */
  public List<String> columns(Report report, long start, long end) {
    return columns.computeIfAbsent(
        report.table(),
        t -> {
          Map<String, String> p = new TreeMap<>();
          p.put("companyKey", companyKey);
          p.put("startTime", Long.toString(start));
          p.put("endTime", Long.toString(end));
          p.put("reportFormat", "csv");
          if (report.param("API_TIME_INTERVAL").isPresent()) {
            p.put("timeInterval", "3600000");
          }
          List<String> names = new ArrayList<>(csvHeader(get(url(report.path(), p))));
          p.put("reportFormat", "json");
          for (String key : jsonKeys(get(url(report.path(), p)))) {
            if (names.stream().noneMatch(key::equalsIgnoreCase)) {
              names.add(key);
            }
          }
          return List.copyOf(names);
        });
  }

  public String companyKey() {
    return companyKey;
  }

  /** Raw GET of an emulator route (used for the error text that lists smart views). */
  public HttpResponse<String> raw(String pathAndQuery) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String url(String path, Map<String, String> parameters) {
    StringBuilder sb = new StringBuilder("/_emulator/export/").append(path).append('?');
    parameters.forEach((k, v) -> sb.append(enc(k)).append('=').append(enc(v)).append('&'));
    return sb.substring(0, sb.length() - 1);
  }

  private String get(String pathAndQuery) {
    HttpResponse<String> response = raw(pathAndQuery);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "ground truth "
              + pathAndQuery
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response.body();
  }

  private Export parseJson(Report report, String body) {
    List<String> names = columns.get(report.table());
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i).toUpperCase(Locale.ROOT), i);
    }
    List<String[]> rows = new ArrayList<>();
    try (JsonParser parser = json.getFactory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalStateException("not a JSON array: " + body.substring(0, 100));
      }
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        String[] row = new String[names.size()];
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          JsonToken value = parser.nextToken();
          Integer at = index.get(key.toUpperCase(Locale.ROOT));
          if (at == null) {
            throw new IllegalStateException("unexpected key " + key + " in " + report.table());
          }
          row[at] = value == JsonToken.VALUE_NULL ? null : parser.getText();
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Export(names, rows);
  }

  private List<String> jsonKeys(String body) {
    try {
      var tree = json.readTree(body);
      List<String> keys = new ArrayList<>();
      if (tree.size() > 0) {
        tree.get(0).fieldNames().forEachRemaining(keys::add);
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> csvHeader(String body) {
    try (CSVParser parser =
        CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(body))) {
      return parser.getHeaderNames();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
