package io.khorosjdbc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in server's bookkeeping: requests per route, what a create asked for, file types. */
class ReplayServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void countsRoutesAndChecksTheCreateAgainstTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("saved.csv");
    Files.writeString(file, "ACTION_ID,ACTION_TYPE\r\n1,RESPOND\r\n");
    try (ReplayServer replay = new ReplayServer(file)) {
      create(
          replay, "startTime=1&reportMetrics=ACTION_ID&reportMetrics=ACTION_TYPE&reportFormat=csv");
      HttpResponse<String> got = get(replay, ReplayServer.FILE);
      assertEquals("text/csv; charset=UTF-8", got.headers().firstValue("Content-Type").orElse(""));
      assertEquals(Map.of("create", 1, "file", 1), replay.requests());
      assertEquals(2, replay.requestCount());
      assertEquals(
          List.of(new ReplayServer.Created(List.of("ACTION_ID", "ACTION_TYPE"), "csv")),
          replay.created());
      assertNull(replay.mismatch());

      replay.clear();
      assertEquals(0, replay.requestCount());
      create(replay, "reportMetrics=ACTION_TYPE&reportMetrics=ACTION_ID&reportFormat=csv");
      assertTrue(replay.mismatch().contains("[ACTION_TYPE, ACTION_ID]"), replay.mismatch());
    }
  }

  @Test
  void servesJsonAsJsonAndReadsItsKeys(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("saved.json");
    Files.writeString(
        file, "[{\"ACTION_ID\":\"1\",\"TAG\":null},{\"ACTION_ID\":\"2\",\"TAG\":\"x\"}]");
    assertEquals(List.of("ACTION_ID", "TAG"), ExportFile.columns(file));
    try (ReplayServer replay = new ReplayServer(file)) {
      HttpResponse<String> got = get(replay, ReplayServer.FILE);
      assertEquals(
          "application/json; charset=UTF-8", got.headers().firstValue("Content-Type").orElse(""));
      // No reportFormat: the API's default, JSON.
      create(replay, "reportMetrics=ACTION_ID&reportMetrics=TAG");
      assertNull(replay.mismatch());
      create(replay, "reportMetrics=ACTION_ID&reportMetrics=TAG&reportFormat=csv");
      assertTrue(replay.mismatch().contains("as csv"), replay.mismatch());
    }
  }

  private void create(ReplayServer replay, String form) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        replay.baseUrl() + "/api/public/reports/report/conversation_actions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
  }

  private HttpResponse<String> get(ReplayServer replay, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(replay.baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
