package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The downloadUrl expires after --link-ttl (410), a pre-signed file link after --file-ttl (403).
 */
class LinksTest {
  @Test
  void anExpiredDownloadUrlAnswers410AndAnExpiredFileLink403() {
    try (KhorosEmulator emu =
        KhorosEmulator.builder()
            .jobLatencyMillis(5)
            .linkTtl(Duration.ofMillis(1500))
            .fileLinkTtl(Duration.ofMillis(200))
            .rateLimit(RateLimit.OFF)
            .build()
            .start()) {
      ApiClient api = new ApiClient(emu);
      String statusUrl =
          ApiClient.json(api.create("response", Windows.days(Windows.MONDAY, 1)))
              .at("/result/statusUrl")
              .asText();
      String downloadUrl = api.awaitClosed(statusUrl).at("/result/jobInfo/downloadUrl").asText();

      HttpResponse<String> redirect = api.get(downloadUrl, true);
      assertEquals(307, redirect.statusCode());
      String file = redirect.headers().firstValue("Location").orElseThrow();
      assertTrue(file.startsWith(emu.baseUrl() + "/files/"));
      assertEquals(200, api.get(file, false).statusCode(), "no credentials needed");
      ApiClient.sleep(300);
      HttpResponse<String> stale = api.get(file, false);
      assertEquals(403, stale.statusCode());
      assertTrue(stale.body().contains("<Code>AccessDenied</Code>"));
      assertEquals(
          200, api.download(downloadUrl).statusCode(), "calling download again gives a fresh link");

      ApiClient.sleep(1500);
      HttpResponse<String> gone = api.get(downloadUrl, true);
      assertEquals(410, gone.statusCode());
      assertEquals("FAIL", ApiClient.json(gone).get("status").asText());
    }
  }

  @Test
  void statusAndDownloadCheckTheAccessToken() {
    try (KhorosEmulator emu = KhorosEmulator.builder().build().start()) {
      ApiClient api = new ApiClient(emu);
      String statusUrl =
          ApiClient.json(api.create("response", Windows.days(Windows.MONDAY, 1)))
              .at("/result/statusUrl")
              .asText();
      String base = statusUrl.substring(0, statusUrl.indexOf('?'));
      assertEquals(403, api.get(base + "?analyticsAccessToken=nope", true).statusCode());
      assertEquals(400, api.get(base, true).statusCode());
      assertEquals(
          200,
          api.get(base + "?companyKey=demo", true).statusCode(),
          "the older companyKey form works too");
      assertEquals(401, api.get(statusUrl, false).statusCode());
      assertEquals(404, api.get(statusUrl.replace("/23", "/24"), true).statusCode());
    }
  }
}
