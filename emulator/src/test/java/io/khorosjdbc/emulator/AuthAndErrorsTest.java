package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad credentials get 401; bad requests get 400/404 envelopes whose message names the problem. */
class AuthAndErrorsTest {
  @RegisterExtension
  static final KhorosEmulatorExtension EMU =
      new KhorosEmulatorExtension(
          KhorosEmulator.builder()
              .user("ana")
              .password("s3cret")
              .companyKey("acme")
              .rateLimit(RateLimit.OFF));

  static final String DAY = Windows.days(Windows.MONDAY, 1);

  private static HttpResponse<String> create(String auth, String query) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(EMU.baseUrl() + "/api/public/reports/report/response?" + query))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (auth != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(auth.getBytes()));
    }
    return new ApiClient(EMU.emulator()).send(b.build());
  }

  @Test
  void missingOrWrongCredentialsGet401WithAnEmptyBody() {
    for (String auth : new String[] {null, "ana:wrong", "bob:s3cret"}) {
      HttpResponse<String> r = create(auth, "companyKey=acme&" + DAY);
      assertEquals(401, r.statusCode(), String.valueOf(auth));
      assertEquals("", r.body());
      assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    }
    assertEquals(
        401, create("ana:s3cret", "companyKey=other&" + DAY).statusCode(), "another company's key");
    assertEquals(
        401,
        new ApiClient(EMU.emulator())
            .get(EMU.baseUrl() + "/api/public/teams?companyKey=acme", false)
            .statusCode());
    assertEquals(200, create("ana:s3cret", "companyKey=acme&" + DAY).statusCode());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "startTime=1551657600000                                 | endTime is required",
        "startTime=1551657600000&endTime=soon                    | endTime=soon is not a number",
        "endTime=1551657600000                                   | startTime is required",
        "startTime=1551744000000&endTime=1551657600000           | "
            + "endTime=1551657600000 is before startTime=1551744000000",
        "startTime=1551657600000&endTime=1551744000000&reportFormat=xml | "
            + "reportFormat=xml is not supported; allowed: json, csv",
        "startTime=1551657600000&endTime=1551744000000&priorities=7     | priorities contains '7'",
        "startTime=1551657600000&endTime=1551744000000&timezone=Mars/Base | "
            + "timezone=Mars/Base is not a known time-zone id",
        "startTime=1551657600000&endTime=1551744000000&businessHourType=true | "
            + "businessHourType=true requires enableBusinessHour=true",
        "startTime=1551657600000&endTime=1551744000000&smartViewId=1  | smartViewId=1 is not a smart view",
        "startTime=1551657600000&endTime=1551744000000&locale=xx      | locale=xx is not supported",
      })
  void badParametersGet400NamingTheParameterAndValue(String query, String expected) {
    HttpResponse<String> r = create("ana:s3cret", "companyKey=acme&" + query);
    assertEquals(400, r.statusCode());
    JsonNode body = ApiClient.json(r);
    assertEquals("FAIL", body.get("status").asText());
    assertTrue(body.get("request").isNull() && body.get("result").isNull());
    assertTrue(body.get("message").asText().contains(expected), body.get("message").asText());
  }

  @Test
  void aMissingCompanyKeyIs400() {
    HttpResponse<String> r = create("ana:s3cret", DAY);
    assertEquals(400, r.statusCode());
    assertTrue(ApiClient.json(r).get("message").asText().contains("companyKey is required"));
  }

  @Test
  void anUnknownExportIs404WithTheEnvelope() {
    ApiClient api = new ApiClient(EMU.emulator());
    HttpResponse<String> r =
        api.send(
            HttpRequest.newBuilder(
                    URI.create(
                        EMU.baseUrl()
                            + "/api/public/reports/report/tickets?companyKey=acme&"
                            + DAY))
                .header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString("ana:s3cret".getBytes()))
                .GET()
                .build());
    assertEquals(404, r.statusCode());
    assertTrue(ApiClient.json(r).get("message").asText().contains("unknown export 'tickets'"));
    HttpResponse<String> marketing =
        api.send(
            HttpRequest.newBuilder(
                    URI.create(
                        EMU.baseUrl()
                            + "/api/public/reports/report/marketing/conversation?companyKey=acme&"
                            + DAY))
                .header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString("ana:s3cret".getBytes()))
                .GET()
                .build());
    assertEquals(404, marketing.statusCode(), "Care exports are not under /marketing/");
  }

  @Test
  void theAuthorExportLimitsItsWindowTo90DaysAnd18MonthsBack() {
    long now = System.currentTimeMillis();
    HttpResponse<String> tooLong =
        authorExport("startTime=" + (now - 91 * Windows.DAY) + "&endTime=" + now);
    assertEquals(400, tooLong.statusCode());
    assertTrue(ApiClient.json(tooLong).get("message").asText().contains("at most 90 days"));
    HttpResponse<String> tooOld = authorExport(Windows.days(Windows.MONDAY, 1));
    assertEquals(400, tooOld.statusCode());
    assertTrue(ApiClient.json(tooOld).get("message").asText().contains("18 months"));
    assertEquals(
        200,
        authorExport("startTime=" + (now - 90 * Windows.DAY) + "&endTime=" + now).statusCode());
  }

  private static HttpResponse<String> authorExport(String window) {
    return new ApiClient(EMU.emulator())
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        EMU.baseUrl()
                            + "/api/public/reports/report/author?companyKey=acme&"
                            + window))
                .header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString("ana:s3cret".getBytes()))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
  }

  @Test
  void strictModeRefusesParametersTheExportDoesNotAccept() {
    try (KhorosEmulator strict = KhorosEmulator.builder().strictParams(true).build().start()) {
      HttpResponse<String> r = new ApiClient(strict).create("response", DAY + "&teamIds=1");
      assertEquals(400, r.statusCode());
      assertTrue(
          ApiClient.json(r)
              .get("message")
              .asText()
              .contains("parameter 'teamIds' is not accepted by export 'response'"));
    }
    assertEquals(
        200,
        create("ana:s3cret", "companyKey=acme&" + DAY + "&teamIds=1&timeInterval=86400000")
            .statusCode(),
        "by default unknown and irrelevant parameters are ignored");
  }
}
