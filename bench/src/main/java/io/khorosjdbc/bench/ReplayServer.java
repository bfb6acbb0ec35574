package io.khorosjdbc.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * A stand-in for the API that answers every export with one saved file: create returns a job, the
 * status is at once CLOSED/COMPLETED, download redirects (307) to the file, and the file is sent
 * from disk. It lets the bench time the driver's own work (HTTP, CSV parsing, conversion, Calcite,
 * JDBC) on exactly the bytes DuckDB reads, without the emulator generating them on the same CPUs.
 * Only valid for a query that makes one export whose request matches the saved file.
 */
final class ReplayServer implements AutoCloseable {
  private static final String JOB = "/api/public/reports/report/replay-workflow/replay-run";

  private final HttpServer server;
  private final Path file;

  ReplayServer(Path file) throws IOException {
    this.file = file;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "replay-server");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getRawPath();
      String base = baseUrl();
      String statusUrl = base + JOB + "/status?analyticsAccessToken=replay";
      String downloadUrl = base + JOB + "/download?analyticsAccessToken=replay";
      if (path.equals(JOB + "/status")) {
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
        exchange.getResponseHeaders().set("Location", base + "/files/replay");
        exchange.sendResponseHeaders(307, -1);
      } else if (path.equals("/files/replay")) {
        exchange.getResponseHeaders().set("Content-Type", "text/csv; charset=UTF-8");
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = exchange.getResponseBody()) {
          Files.copy(file, out);
        }
      } else if (path.startsWith("/api/public/reports/report/")) {
        json(
            exchange,
            "{\"status\":\"PASS\",\"request\":null,\"message\":null,\"result\":"
                + "{\"workflowId\":\"replay-workflow\",\"runId\":\"replay-run\",\"downloadUrl\":\"\","
                + "\"statusUrl\":\""
                + statusUrl
                + "\"}}");
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
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
  }
}
