package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.emulator.http.JournalEntry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documented request rate (20 per minute per company), with the window scaled down so the tests
 * take seconds: every authenticated API call counts, the window slides, and a refusal is a bare
 * 429.
 */
class RateLimitTest {
  private static final String DAY = Windows.days(Windows.MONDAY, 1);

  private static KhorosEmulator start(KhorosEmulator.Builder builder) {
    return builder.jobLatencyMillis(0).build().start();
  }

  private static HttpResponse<String> teams(ApiClient api, KhorosEmulator emu) {
    return api.get(emu.baseUrl() + "/api/public/teams?companyKey=" + emu.companyKey(), true);
  }

  private static long statuses(KhorosEmulator emu, int status) {
    return emu.journal().stream().filter(e -> e.status() == status).count();
  }

  @Test
  void theDocumentedLimitIsTheDefaultAndLeniencyIsAFlag() {
    assertEquals(RateLimit.DOCUMENTED, KhorosEmulator.builder().config().rateLimit());
    assertEquals(20, RateLimit.DOCUMENTED.permits());
    assertEquals(Duration.ofSeconds(60), RateLimit.DOCUMENTED.window());
    assertFalse(KhorosEmulator.builder().config().rateLimitRetryAfter());
    try (KhorosEmulator emu = KhorosEmulator.builder().build().start()) {
      ApiClient api = new ApiClient(emu);
      for (int i = 1; i <= 20; i++) {
        assertEquals(200, teams(api, emu).statusCode(), "request " + i);
      }
      HttpResponse<String> refused = teams(api, emu);
      assertEquals(429, refused.statusCode());
      assertEquals(
          "rate limit exceeded: at most 20 requests per 60 s for this company",
          ApiClient.json(refused).get("message").asText());
    }
  }

  @Test
  void theTwentyFirstRequestInsideTheWindowGetsABare429WithTheFailureEnvelope() {
    try (KhorosEmulator emu =
        start(KhorosEmulator.builder().rateLimit(RateLimit.parse("20/30s")))) {
      ApiClient api = new ApiClient(emu);
      for (int i = 1; i <= 20; i++) {
        assertEquals(200, teams(api, emu).statusCode(), "request " + i);
      }
      HttpResponse<String> refused = teams(api, emu);
      assertEquals(429, refused.statusCode());
      assertFalse(
          refused.headers().firstValue("Retry-After").isPresent(),
          "the API documents no Retry-After");
      assertEquals("FAIL", ApiClient.json(refused).get("status").asText());
      assertEquals(
          "rate limit exceeded: at most 20 requests per 30 s for this company",
          ApiClient.json(refused).get("message").asText());
      assertEquals(
          429, api.create("response", DAY).statusCode(), "every API route shares the one window");
    }
  }

  @Test
  void theJournalShowsThe429s() {
    try (KhorosEmulator emu = start(KhorosEmulator.builder().rateLimit(RateLimit.parse("2/30s")))) {
      ApiClient api = new ApiClient(emu);
      for (int i = 0; i < 5; i++) {
        teams(api, emu);
      }
      List<Integer> statuses = emu.journal().stream().map(JournalEntry::status).toList();
      assertEquals(List.of(200, 200, 429, 429, 429), statuses);
      assertTrue(emu.journal().stream().allMatch(e -> e.route().equals("teams") && e.authSent()));
    }
  }

  @Test
  void withTheFlagThe429CarriesRetryAfterInWholeSecondsUntilTheOldestRequestLeaves() {
    try (KhorosEmulator emu =
        start(
            KhorosEmulator.builder()
                .rateLimit(RateLimit.parse("20/30s"))
                .rateLimitRetryAfter(true))) {
      ApiClient api = new ApiClient(emu);
      for (int i = 0; i < 20; i++) {
        teams(api, emu);
      }
      HttpResponse<String> refused = teams(api, emu);
      assertEquals(429, refused.statusCode());
      long seconds = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(seconds >= 1 && seconds <= 30, "Retry-After " + seconds);
    }
    try (KhorosEmulator emu =
        start(
            KhorosEmulator.builder()
                .rateLimit(RateLimit.parse("1/600ms"))
                .rateLimitRetryAfter(true))) {
      ApiClient api = new ApiClient(emu);
      teams(api, emu);
      assertEquals(
          "1",
          teams(api, emu).headers().firstValue("Retry-After").orElseThrow(),
          "at least 1 s, never 0");
    }
  }

  @Test
  void theWindowSlidesSoOneMoreIsAllowedWhenTheOldestAgesOut() {
    try (KhorosEmulator emu = start(KhorosEmulator.builder().rateLimit(RateLimit.parse("3/2s")))) {
      ApiClient api = new ApiClient(emu);
      assertEquals(200, teams(api, emu).statusCode());
      long firstAnswered = System.nanoTime();
      ApiClient.sleep(1000);
      long laterSent = System.nanoTime();
      assertEquals(200, teams(api, emu).statusCode());
      assertEquals(200, teams(api, emu).statusCode());
      assertEquals(429, teams(api, emu).statusCode(), "three in the last two seconds");

      sleepUntil(firstAnswered + 2_100_000_000L);
      assertEquals(200, teams(api, emu).statusCode(), "the first request has left the window");
      assertTrue(
          System.nanoTime() < laterSent + 2_000_000_000L,
          "the test ran too slowly to tell a sliding window apart");
      assertEquals(
          429,
          teams(api, emu).statusCode(),
          "the two later ones are still in it: no fixed bucket reset everything");
    }
  }

  @Test
  void refusedRequestsDoNotCount() {
    try (KhorosEmulator emu = start(KhorosEmulator.builder().rateLimit(RateLimit.parse("2/2s")))) {
      ApiClient api = new ApiClient(emu);
      teams(api, emu);
      teams(api, emu);
      long lastAnswered = System.nanoTime();
      ApiClient.sleep(1000);
      for (int i = 0; i < 5; i++) {
        assertEquals(429, teams(api, emu).statusCode());
      }
      sleepUntil(lastAnswered + 2_100_000_000L);
      assertEquals(
          200, teams(api, emu).statusCode(), "the 429s of a second ago did not fill the window");
    }
  }

  @Test
  void createStatusAndDownloadCountButPreSignedFilesAndEmulatorRoutesDoNot() {
    try (KhorosEmulator emu =
        start(KhorosEmulator.builder().rowsPerDay(200).rateLimit(RateLimit.parse("4/30s")))) {
      ApiClient api = new ApiClient(emu);
      String statusUrl =
          ApiClient.json(api.create("response", DAY)).at("/result/statusUrl").asText();
      String downloadUrl =
          ApiClient.json(api.get(statusUrl, true)).at("/result/jobInfo/downloadUrl").asText();
      HttpResponse<String> redirect = api.get(downloadUrl, true);
      assertEquals(307, redirect.statusCode());
      String file = redirect.headers().firstValue("Location").orElseThrow();
      for (int i = 0; i < 6; i++) {
        assertEquals(200, api.get(file, false).statusCode(), "storage, not the API");
        assertEquals(200, api.get(emu.baseUrl() + "/_emulator/requests", false).statusCode());
      }
      assertEquals(
          200,
          api.get(emu.baseUrl() + "/api/public/config/timezones?companyKey=demo&locale=en", true)
              .statusCode());
      assertEquals(
          429,
          teams(api, emu).statusCode(),
          "create, status, download and timezones used the four");
      assertEquals(429, api.get(statusUrl, true).statusCode());
      assertEquals(429, api.get(downloadUrl, true).statusCode());
    }
  }

  @Test
  void unauthenticatedRequestsDoNotCount() {
    try (KhorosEmulator emu = start(KhorosEmulator.builder().rateLimit(RateLimit.parse("2/30s")))) {
      ApiClient api = new ApiClient(emu);
      for (int i = 0; i < 5; i++) {
        assertEquals(
            401, api.get(emu.baseUrl() + "/api/public/teams?companyKey=demo", false).statusCode());
        assertEquals(
            401,
            api.get(emu.baseUrl() + "/api/public/teams?companyKey=another", true).statusCode());
      }
      assertEquals(200, teams(api, emu).statusCode());
      assertEquals(200, teams(api, emu).statusCode());
      assertEquals(429, teams(api, emu).statusCode());
      assertEquals(10, statuses(emu, 401));
    }
  }

  @Test
  void injectedFaultsAnswerFirstAndAreNotCounted() {
    try (KhorosEmulator emu =
        start(
            KhorosEmulator.builder()
                .rateLimit(RateLimit.parse("2/30s"))
                .faults("teams:503:x3,create:429:x1"))) {
      ApiClient api = new ApiClient(emu);
      for (int i = 0; i < 3; i++) {
        assertEquals(503, teams(api, emu).statusCode());
      }
      HttpResponse<String> injected = api.create("response", DAY);
      assertEquals(429, injected.statusCode());
      assertEquals(
          "1",
          injected.headers().firstValue("Retry-After").orElse(""),
          "the 429 fault keeps its Retry-After");
      assertEquals(200, teams(api, emu).statusCode());
      assertEquals(200, teams(api, emu).statusCode());
      assertEquals(429, teams(api, emu).statusCode());
    }
  }

  @Test
  void resetEmptiesTheWindow() {
    try (KhorosEmulator emu = start(KhorosEmulator.builder().rateLimit(RateLimit.parse("1/30s")))) {
      ApiClient api = new ApiClient(emu);
      assertEquals(200, teams(api, emu).statusCode());
      assertEquals(429, teams(api, emu).statusCode());
      api.send(
          HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/_emulator/reset"))
              .POST(HttpRequest.BodyPublishers.noBody())
              .build());
      assertEquals(200, teams(api, emu).statusCode());
    }
  }

  @Test
  void offNeverThrottles() {
    try (KhorosEmulator emu = start(KhorosEmulator.builder().rateLimit(RateLimit.OFF))) {
      ApiClient api = new ApiClient(emu);
      for (int i = 0; i < 50; i++) {
        assertEquals(200, teams(api, emu).statusCode(), "request " + (i + 1));
      }
      assertEquals(0, statuses(emu, 429));
    }
  }

  @Test
  void aLimitIsWrittenAndReadAsPermitsSlashWindow() {
    assertEquals(new RateLimit(20, Duration.ofMillis(600)), RateLimit.parse("20/600ms"));
    assertEquals(RateLimit.DOCUMENTED, RateLimit.parse("20/1m"));
    assertEquals(RateLimit.DOCUMENTED, RateLimit.parse("20/60"));
    assertEquals("20/60s", RateLimit.DOCUMENTED.toString());
    assertEquals("20/600ms", RateLimit.parse("20/600ms").toString());
    assertEquals("5/7200s", RateLimit.parse("5/2h").toString());
    assertEquals(RateLimit.OFF, RateLimit.parse(" OFF "));
    assertEquals("off", RateLimit.OFF.toString());
    assertTrue(RateLimit.OFF.isOff());
    assertFalse(RateLimit.DOCUMENTED.isOff());
  }

  private static void sleepUntil(long nanoTime) {
    long ms = (nanoTime - System.nanoTime()) / 1_000_000;
    if (ms > 0) {
      ApiClient.sleep(ms);
    }
  }
}
