package io.khorosjdbc.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the API that answers every export with one saved file: create returns a job, the
 * status is at once CLOSED/COMPLETED, download redirects (307) to the file, and the file is sent
 * from disk with the Content-Type of its format ({@link ExportFile}). It lets the bench time the
 * driver's own work (HTTP, parsing, conversion, Calcite, JDBC) on exactly the bytes DuckDB reads,
 * without the emulator generating them on the same CPUs.
 *
 * <p>Only valid for a query that makes one export whose request matches the saved file, so the
 * server counts the requests of each route and keeps what each create asked for: {@link
 * #mismatch()} says when a request did not match the file.
 */
final class ReplayServer implements AutoCloseable {
  private static final String JOB = "/api/public/reports/report/replay-workflow/replay-run";
  static final String FILE = "/files/replay";

  /** What one create request asked for: {@code reportMetrics} and {@code reportFormat}. */
  record Created(List<String> reportMetrics, String reportFormat) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Path file;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final List<Created> created = new CopyOnWriteArrayList<>();

  ReplayServer(Path file) throws IOException {
    this.file = file;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    this.executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "replay-server");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Requests per route (create, status, download, file, other) since start or the last clear. */
  Map<String, Integer> requests() {
    Map<String, Integer> counts = new TreeMap<>();
    requests.forEach((route, n) -> counts.put(route, n.get()));
    return counts;
  }

  /** All requests, of every route, since start or the last clear. */
  int requestCount() {
    return requests.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** The create requests since start or the last clear, in arrival order. */
  List<Created> created() {
    return List.copyOf(created);
  }

  void clear() {
    requests.clear();
    created.clear();
  }

  /**
   * Null when every create asked for the file's columns, in its order, and its format; otherwise
   * what differed.
   */
  String mismatch() throws IOException {
    List<String> columns = ExportFile.columns(file);
    String format = ExportFile.format(file);
    for (Created c : created) {
      // Without reportFormat the API sends JSON.
      String asked = c.reportFormat() == null ? "json" : c.reportFormat();
      if (!c.reportMetrics().equals(columns) || !format.equalsIgnoreCase(asked)) {
        return "the driver requested reportMetrics "
            + c.reportMetrics()
            + " as "
            + asked
            + ", the saved file holds "
            + columns
            + " as "
            + format;
      }
    }
    return null;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getRawPath();
      String base = baseUrl();
      String statusUrl = base + JOB + "/status?analyticsAccessToken=replay";
      String downloadUrl = base + JOB + "/download?analyticsAccessToken=replay";
      if (path.equals(JOB + "/status")) {
        count("status");
        json(
            exchange,
            "{\"status\":\"PASS\",\"request\":null,\"message\":null,\"result\":"
                + "{\"jobInfo\":{\"workflowId\":\"replay-workflow\",\"runId\":\"replay-run\","
                + "\"downloadUrl\":\""
                + downloadUrl
                + "\",\"statusUrl\":\""
                + statusUrl
                + "\"},"
                + "\"result\":{\"runnerState\":\"CLOSED\",\"reason\":null,\"detail\":\"COMPLETED\"}}}");
      } else if (path.equals(JOB + "/download")) {
        count("download");
        exchange.getResponseHeaders().set("Location", base + FILE);
        exchange.sendResponseHeaders(307, -1);
      } else if (path.equals(FILE)) {
        count("file");
        exchange.getResponseHeaders().set("Content-Type", ExportFile.contentType(file));
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = exchange.getResponseBody()) {
          Files.copy(file, out);
        }
      } else if (path.startsWith("/api/public/reports/report/")) {
        count("create");
        record(exchange.getRequestURI().getRawQuery(), new String(body, StandardCharsets.UTF_8));
        json(
            exchange,
            "{\"status\":\"PASS\",\"request\":null,\"message\":null,\"result\":"
                + "{\"workflowId\":\"replay-workflow\",\"runId\":\"replay-run\",\"downloadUrl\":\"\","
                + "\"statusUrl\":\""
                + statusUrl
                + "\"}}");
      } else {
        count("other");
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  private void count(String route) {
    requests.computeIfAbsent(route, r -> new AtomicInteger()).incrementAndGet();
  }

  /** Keeps the create's parameters, from the query string and a form-urlencoded body alike. */
  private void record(String query, String body) {
    List<String> metrics = new ArrayList<>();
    String format = null;
    for (String pairs : new String[] {query, body}) {
      if (pairs == null || pairs.isEmpty()) {
        continue;
      }
      for (String pair : pairs.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (name.equals("reportMetrics")) {
          metrics.add(value);
        } else if (name.equals("reportFormat")) {
          format = value;
        }
      }
    }
    created.add(new Created(List.copyOf(metrics), format));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static void json(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
