package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each fault kind does what the spec says, for the requests it is meant to hit. */
class FaultsTest {
  @RegisterExtension
  static final KhorosEmulatorExtension EMU =
      new KhorosEmulatorExtension(
          KhorosEmulator.builder()
              .rowsPerDay(300)
              .jobLatencyMillis(20)
              .faults("teams:503:x1")
              .slowBytesPerSecond(20_000)
              .statusShape(StatusShape.OBJECT)
              .rateLimit(RateLimit.OFF));

  static final String DAY = Windows.days(Windows.MONDAY, 1);

  private static ApiClient api() {
    return new ApiClient(EMU.emulator());
  }

  private static String teams() {
    return EMU.baseUrl() + "/api/public/teams?companyKey=demo";
  }

  @Test
  void builderFaultsAreReArmedBeforeEachTestAndCountedFaultsRunOut() {
    assertEquals(503, api().get(teams(), true).statusCode());
    assertEquals(200, api().get(teams(), true).statusCode());
  }

  @Test
  void httpErrorFaultsAnswerWithTheEnvelopeAnd429CarriesRetryAfter() {
    EMU.emulator().setFaults("create:429:x1,create:500:x1,status:502:x1");
    HttpResponse<String> limited = api().create("response", DAY);
    assertEquals(429, limited.statusCode());
    assertEquals("1", limited.headers().firstValue("Retry-After").orElse(""));
    assertEquals("FAIL", ApiClient.json(limited).get("status").asText());
    assertEquals(500, api().create("response", DAY).statusCode());
    HttpResponse<String> ok = api().create("response", DAY);
    assertEquals(200, ok.statusCode());
    String statusUrl = ApiClient.json(ok).at("/result/statusUrl").asText();
    assertEquals(502, api().get(statusUrl, true).statusCode());
    assertEquals(200, api().get(statusUrl, true).statusCode());
  }

  @Test
  void resetClosesTheConnectionWithoutAResponse() throws Exception {
    EMU.emulator().setFaults("timezones:reset:x1");
    String path = "/api/public/config/timezones?companyKey=demo&locale=en";
    // A raw socket, because java.net.http.HttpClient silently retries a GET whose connection drops.
    try (Socket socket = new Socket("127.0.0.1", EMU.emulator().port())) {
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + path
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                      + api().auth()
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      assertEquals(-1, socket.getInputStream().read(), "closed without a single byte");
    }
    assertEquals(200, api().get(EMU.baseUrl() + path, true).statusCode());
    assertEquals(
        0,
        EMU.emulator().journal().get(0).status(),
        "the journal shows status 0 for a dropped connection");
  }

  @Test
  void truncateSendsPartOfTheFileThenCloses() {
    EMU.emulator().setFaults("file:truncate:x1");
    ApiClient api = api();
    String statusUrl =
        ApiClient.json(
                api.create(
                    "conversation_actions", Windows.days(Windows.MONDAY, 7) + "&reportFormat=csv"))
            .at("/result/statusUrl")
            .asText();
    String downloadUrl = api.awaitClosed(statusUrl).at("/result/jobInfo/downloadUrl").asText();
    assertThrows(UncheckedIOException.class, () -> api.download(downloadUrl));
    assertTrue(
        api.download(downloadUrl).body().length() > 64 * 1024, "the next download is whole again");
  }

  @Test
  void slowSendsTheBodySlowly() {
    EMU.emulator().setFaults("teams:slow");
    long start = System.nanoTime();
    HttpResponse<String> r = api().get(teams(), true);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(200, r.statusCode());
    assertTrue(
        millis >= r.body().length() * 1000L / 20_000 - 50,
        millis + " ms for " + r.body().length() + " bytes");
  }

  @Test
  void failedEndsTheJobClosedFailed() {
    EMU.emulator().setFaults("create:failed:x1");
    JsonNode status =
        api()
            .awaitClosed(
                ApiClient.json(api().create("response", DAY)).at("/result/statusUrl").asText());
    assertEquals("FAILED", status.at("/result/result/detail").asText());
    assertEquals("", status.at("/result/jobInfo/downloadUrl").asText());

    EMU.emulator().setFaults("status:failed:x1");
    String statusUrl =
        ApiClient.json(api().create("response", DAY)).at("/result/statusUrl").asText();
    JsonNode first = ApiClient.json(api().get(statusUrl, true));
    assertEquals("CLOSED", first.at("/result/result/runnerState").asText());
    assertEquals("FAILED", first.at("/result/result/detail").asText());
  }

  @Test
  void stuckKeepsTheJobRunningForever() {
    EMU.emulator().setFaults("create:stuck:x1");
    String statusUrl =
        ApiClient.json(api().create("response", DAY)).at("/result/statusUrl").asText();
    ApiClient.sleep(100);
    assertEquals(
        "RUNNING",
        ApiClient.json(api().get(statusUrl, true)).at("/result/result/runnerState").asText());
  }

  @Test
  void expiredMakesTheDownloadLinkReport410() {
    EMU.emulator().setFaults("download:expired:x1");
    ApiClient api = api();
    String statusUrl = ApiClient.json(api.create("response", DAY)).at("/result/statusUrl").asText();
    String downloadUrl = api.awaitClosed(statusUrl).at("/result/jobInfo/downloadUrl").asText();
    HttpResponse<String> r = api.get(downloadUrl, true);
    assertEquals(410, r.statusCode());
    assertTrue(ApiClient.json(r).get("message").asText().contains("expired"));
  }

  @Test
  void expiredOnTheFileRouteLooksLikeAnExpiredPreSignedUrl() {
    EMU.emulator().setFaults("file:expired:x1");
    ApiClient api = api();
    String statusUrl = ApiClient.json(api.create("response", DAY)).at("/result/statusUrl").asText();
    String downloadUrl = api.awaitClosed(statusUrl).at("/result/jobInfo/downloadUrl").asText();
    HttpResponse<String> r = api.download(downloadUrl);
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("Request has expired"));
  }

  @Test
  void aProbabilityFiresSomeOfTheTimeRepeatablyForTheSeed() {
    int[] failures = new int[2];
    for (int run = 0; run < 2; run++) {
      EMU.emulator().setFaults("teams:500:0.5");
      for (int i = 0; i < 20; i++) {
        failures[run] += api().get(teams(), true).statusCode() == 500 ? 1 : 0;
      }
    }
    assertTrue(failures[0] > 2 && failures[0] < 18, failures[0] + " of 20");
    assertEquals(failures[0], failures[1], "setting the spec again restarts the seeded draws");
  }

  @Test
  void faultsCanBeSetAndClearedOverHttp() {
    ApiClient api = api();
    HttpRequest set =
        HttpRequest.newBuilder(URI.create(EMU.baseUrl() + "/_emulator/faults"))
            .POST(HttpRequest.BodyPublishers.ofString("teams:502"))
            .build();
    assertEquals(204, api.send(set).statusCode());
    assertEquals(502, api.get(teams(), true).statusCode());
    assertEquals(
        204,
        api.send(
                HttpRequest.newBuilder(URI.create(EMU.baseUrl() + "/_emulator/faults"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build())
            .statusCode());
    assertEquals(200, api.get(teams(), true).statusCode());
    HttpResponse<String> bad =
        api.send(
            HttpRequest.newBuilder(URI.create(EMU.baseUrl() + "/_emulator/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("download:stuck"))
                .build());
    assertEquals(400, bad.statusCode());
    assertTrue(
        ApiClient.json(bad)
            .get("message")
            .asText()
            .contains("stuck has no effect on route download"));
  }
}
