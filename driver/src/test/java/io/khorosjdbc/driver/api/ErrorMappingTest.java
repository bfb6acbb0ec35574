package io.khorosjdbc.driver.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.khorosjdbc.driver.api.Fixtures.PASSWORD;
import static io.khorosjdbc.driver.api.Fixtures.REPORTS;
import static io.khorosjdbc.driver.api.Fixtures.TOKEN;
import static io.khorosjdbc.driver.api.Fixtures.json;
import static io.khorosjdbc.driver.api.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How HTTP failures become {@link ApiException}s: flags for the caller, a fix for the user. */
class ErrorMappingTest {

  @RegisterExtension static final WireMockExtension server = Fixtures.server();

  private AnalyticsClient client;

  @BeforeEach
  void setUp() throws ApiException {
    client = Fixtures.client(server);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private ApiException createFailingWith(ResponseDefinitionBuilder response) {
    server.stubFor(
        post(urlPathEqualTo(REPORTS + "team_performance_interval")).willReturn(response));
    return assertThrows(
        ApiException.class,
        () -> client.createExport(request("team_performance_interval", Map.of())));
  }

  @Test
  void badRequestCarriesTheServersMessage() {
    ApiException e =
        createFailingWith(
            json(
                400,
                "{\"status\":\"FAIL\",\"message\":\"endTime must be after startTime\",\"result\":null}"));

    assertEquals(400, e.httpStatus());
    assertEquals("endTime must be after startTime", e.serverMessage());
    assertTrue(e.getMessage().contains("endTime must be after startTime"), e.getMessage());
    assertFalse(e.isRetryable());
  }

  @Test
  void badRequestCarriesAStringResultSuchAsTheHydrationException() {
    String hydration =
        "Unable to hydrate filter for export info: com.lithium.socialweb.analytics.webapp.models."
            + "filter.HydrationException: Too many buckets (745) requested. Select a larger interval?";

    ApiException e =
        createFailingWith(
            json(400, "{\"status\":\"FAIL\",\"message\":null,\"result\":\"" + hydration + "\"}"));

    assertTrue(e.getMessage().contains("Too many buckets (745) requested"), e.getMessage());
  }

  @Test
  void badRequestWithAnEmptyObjectSaysWhichExportAndWhatToCheck() {
    ApiException e = createFailingWith(json(400, "{}"));

    assertEquals(400, e.httpStatus());
    assertTrue(
        e.getMessage()
            .startsWith(
                "the server rejected creating the export team_performance_interval "
                    + "(HTTP 400) without saying why: check the query's parameters: the time window"),
        e.getMessage());
    assertTrue(
        e.getMessage().endsWith("the filter values, the column names, and the companyKey"),
        e.getMessage());
  }

  @Test
  void badRequestWithAnEmptyBodyOrABodyThatIsNotJsonIsExplainedTheSameWay() {
    for (ResponseDefinitionBuilder body :
        List.of(
            aResponse().withStatus(400),
            json(400, "  "),
            json(400, "{\"status\":"),
            aResponse().withStatus(400).withBody("<html><h1>400</h1></html>"))) {
      ApiException e = createFailingWith(body);

      assertTrue(
          e.getMessage()
              .startsWith(
                  "the server rejected creating the export team_performance_interval "
                      + "(HTTP 400) without saying why: check the query's parameters"),
          e.getMessage());
    }
  }

  @Test
  void badRequestWithPlainTextOrAJsonStringGivesThatText() {
    assertTrue(
        createFailingWith(aResponse().withStatus(400).withBody("endTime before startTime"))
            .getMessage()
            .endsWith("(HTTP 400): endTime before startTime"));
    assertTrue(
        createFailingWith(json(400, "\"endTime before startTime\""))
            .getMessage()
            .endsWith("(HTTP 400): endTime before startTime"));
  }

  @Test
  void badRequestOnEveryOtherCallSaysWhichCallAndWhatToCheck() {
    server.stubFor(get(urlPathEqualTo("/x")).willReturn(json(400, "{}")));
    server.stubFor(get(urlPathEqualTo("/api/public/teams")).willReturn(json(400, "{}")));
    server.stubFor(
        get(urlPathEqualTo("/api/public/config/timezones"))
            .willReturn(aResponse().withStatus(400)));

    ApiException status =
        assertThrows(
            ApiException.class,
            () ->
                client.status(
                    new ExportHandle(
                        "w", "r", server.baseUrl() + "/x?analyticsAccessToken=" + TOKEN, null)));
    ApiException download =
        assertThrows(ApiException.class, () -> client.download(server.baseUrl() + "/x"));
    ApiException teams = assertThrows(ApiException.class, () -> client.teams());
    ApiException zones = assertThrows(ApiException.class, () -> client.timezones("en"));

    assertEquals(
        "the server rejected checking the export status (HTTP 400) without saying why: check the "
            + "companyKey; the status URL was used exactly as the server returned it, so run the query again if "
            + "it persists",
        status.getMessage());
    assertTrue(
        download
            .getMessage()
            .startsWith(
                "the server rejected downloading the export (HTTP 400) without "
                    + "saying why: check the companyKey"),
        download.getMessage());
    assertEquals(
        "the server rejected listing teams (HTTP 400) without saying why: check the companyKey",
        teams.getMessage());
    assertEquals(
        "the server rejected listing time zones (HTTP 400) without saying why: check the companyKey "
            + "and the locale",
        zones.getMessage());
  }

  @Test
  void aPassingStatusThatIsNotPassWithNothingToSaySaysWhatToCheck() {
    ApiException e =
        createFailingWith(json(200, "{\"status\":\"FAIL\",\"message\":null,\"result\":{}}"));

    assertEquals(
        "the server refused creating the export team_performance_interval (status FAIL) without saying "
            + "why: check the query's parameters: the time window (start before end, within the export's limits, "
            + "e.g. at most 90 days and 18 months back for author), the filter values, the column names, and the "
            + "companyKey",
        e.getMessage());
  }

  @Test
  void aSuccessfulAnswerWithAnEmptyBodySaysWhichCall() {
    ApiException e = createFailingWith(aResponse().withStatus(200));

    assertEquals(
        "unexpected response while creating the export team_performance_interval: the body is empty",
        e.getMessage());
  }

  @Test
  void unauthorizedPointsAtUserAndPassword() {
    ApiException e = createFailingWith(aResponse().withStatus(401));

    assertEquals(
        "the server rejected the user name or password (HTTP 401): check user/password, "
            + "the account must be an Analytics API user",
        e.getMessage());
  }

  @Test
  void forbiddenPointsAtTheCompanyKey() {
    ApiException e = createFailingWith(aResponse().withStatus(403));

    assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
    assertTrue(e.getMessage().contains("companyKey"), e.getMessage());
    assertFalse(e.isLinkExpired());
  }

  @Test
  void notFoundOnCreateNamesTheUnknownExport() {
    server.stubFor(
        post(urlPathEqualTo(REPORTS + "conversatoin")).willReturn(aResponse().withStatus(404)));

    ApiException e =
        assertThrows(
            ApiException.class, () -> client.createExport(request("conversatoin", Map.of())));

    assertTrue(e.getMessage().startsWith("unknown export 'conversatoin'"), e.getMessage());
  }

  @Test
  void tooManyRequestsIsRetryableWithTheServersDelay() {
    ApiException e = createFailingWith(aResponse().withStatus(429).withHeader("Retry-After", "30"));

    assertTrue(e.isRetryable());
    assertEquals(OptionalLong.of(30_000), e.retryAfterMillis());
    assertTrue(e.getMessage().contains("wait 30 s"), e.getMessage());
  }

  @Test
  void serviceUnavailableIsRetryable() {
    ApiException e = createFailingWith(aResponse().withStatus(503));

    assertTrue(e.isRetryable());
    assertEquals(OptionalLong.empty(), e.retryAfterMillis());
  }

  @Test
  void anUnexpectedStatusIsNotRetryable() {
    ApiException e = createFailingWith(aResponse().withStatus(418));

    assertFalse(e.isRetryable());
    assertTrue(e.getMessage().contains("unexpected HTTP 418"), e.getMessage());
  }

  @Test
  void aServerMessageEchoingSecretsIsScrubbed() {
    ApiException e =
        createFailingWith(
            json(
                400,
                "{\"message\":\"bad request for "
                    + "https://h/x?analyticsAccessToken="
                    + TOKEN
                    + "&companyKey=ck-123 with password "
                    + PASSWORD
                    + "\"}"));

    for (String text : List.of(e.getMessage(), e.serverMessage())) {
      assertFalse(text.contains(PASSWORD), text);
      assertFalse(text.contains(TOKEN), text);
      assertFalse(text.contains("ck-123"), text);
    }
  }

  @Test
  void noErrorMessageContainsThePasswordOrAToken() {
    List<ResponseDefinitionBuilder> failures =
        List.of(
            aResponse().withStatus(401),
            aResponse().withStatus(403),
            aResponse().withStatus(404),
            aResponse().withStatus(410),
            aResponse().withStatus(429),
            aResponse().withStatus(500),
            json(200, "{\"status\":\"FAIL\",\"message\":\"no\"}"));
    for (ResponseDefinitionBuilder failure : failures) {
      server.stubFor(get(urlPathEqualTo("/x")).willReturn(failure));
      ApiException e =
          assertThrows(
              ApiException.class,
              () ->
                  client.status(
                      new ExportHandle(
                          "w", "r", server.baseUrl() + "/x?analyticsAccessToken=" + TOKEN, null)));
      assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
      assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }
  }
}
