package io.khorosjdbc.driver.api;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.khorosjdbc.driver.api.Fixtures.COMPANY_KEY;
import static io.khorosjdbc.driver.api.Fixtures.EXPECTED_AUTHORIZATION;
import static io.khorosjdbc.driver.api.Fixtures.REPORTS;
import static io.khorosjdbc.driver.api.Fixtures.pass;
import static io.khorosjdbc.driver.api.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CreateExportTest {

  @RegisterExtension static final WireMockExtension server = Fixtures.server();

  private AnalyticsClient client;

  @BeforeEach
  void setUp() throws ApiException {
    server.stubFor(
        any(urlPathMatching(REPORTS + ".*"))
            .willReturn(pass(Fixtures.createdResult(server.baseUrl()))));
    client = Fixtures.client(server);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private LoggedRequest onlyRequest() {
    List<LoggedRequest> requests =
        server.findAll(postRequestedFor(urlPathMatching(REPORTS + ".*")));
    assertEquals(1, requests.size());
    return requests.get(0);
  }

  private static String path(LoggedRequest request) {
    String url = request.getUrl();
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  @Test
  void everyCreateOpensItsOwnConnectionSoItNeverMeetsOneTheServerIsClosing() throws IOException {
    List<String> opened = new CopyOnWriteArrayList<>();
    OkHttpClient counting =
        new OkHttpClient.Builder()
            .eventListener(
                new EventListener() {
                  @Override
                  public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                    opened.add(call.request().method());
                  }
                })
            .build();
    try (AnalyticsClient shared =
        new AnalyticsClient(Fixtures.settings(server.baseUrl()), counting)) {
      shared.createExport(request("response", Map.of()));
      shared.createExport(request("response", Map.of()));
    }

    // A pooled connection would have served the second create without a connect.
    assertEquals(List.of("POST", "POST"), opened);
  }

  @Test
  void conversationSendsEveryParameterInTheQueryStringWithAnEmptyBody() throws IOException {
    client.createExport(
        request("conversation", Map.of("conversationReportType", List.of("CLOSED"))));

    LoggedRequest sent = onlyRequest();
    assertEquals(REPORTS + "conversation", path(sent));
    assertEquals(List.of("1561438800000"), sent.queryParameter("startTime").values());
    assertEquals(List.of("1561525199999"), sent.queryParameter("endTime").values());
    assertEquals(List.of("CLOSED"), sent.queryParameter("conversationReportType").values());
    assertEquals("", sent.getBodyAsString());
  }

  @Test
  void conversationActionsSendsParametersAsAFormBodyAndOnlyCompanyKeyInTheQuery()
      throws IOException {
    client.createExport(request("conversation_actions", Map.of("smartViewId", List.of("7"))));

    LoggedRequest sent = onlyRequest();
    assertEquals(REPORTS + "conversation_actions?companyKey=" + COMPANY_KEY, sent.getUrl());
    assertTrue(sent.contentTypeHeader().mimeTypePart().equals("application/x-www-form-urlencoded"));
    assertEquals(
        "startTime=1561438800000&endTime=1561525199999&smartViewId=7", sent.getBodyAsString());
  }

  @Test
  void userExportAlsoUsesAFormBody() throws IOException {
    client.createExport(request("user", Map.of("agentId", List.of("a1"))));

    assertTrue(onlyRequest().getBodyAsString().contains("agentId=a1"));
  }

  @Test
  void companyKeyIsAlwaysInTheQueryString() throws IOException {
    client.createExport(request("conversation", Map.of()));
    client.createExport(request("user", Map.of()));

    server.verify(
        2,
        postRequestedFor(urlPathMatching(REPORTS + ".*"))
            .withQueryParam("companyKey", equalTo(COMPANY_KEY)));
  }

  @Test
  void reportMetricsAgentIdAndTeamIdAreRepeatedParameters() throws IOException {
    client.createExport(
        new ExportRequest(
            "raw_agent_states",
            false,
            1,
            2,
            List.of("agent_name", "agent_id"),
            null,
            null,
            null,
            Map.of("agentId", List.of("a1", "a2"), "teamId", List.of("5", "6"))));

    LoggedRequest sent = onlyRequest();
    assertEquals(List.of("agent_name", "agent_id"), sent.queryParameter("reportMetrics").values());
    assertEquals(List.of("a1", "a2"), sent.queryParameter("agentId").values());
    assertEquals(List.of("5", "6"), sent.queryParameter("teamId").values());
  }

  @Test
  void prioritiesWorkqueueIdsAndTeamIdsAreOneCommaSeparatedEncodedValue() throws IOException {
    client.createExport(
        request(
            "team_performance",
            Map.of(
                "priorities",
                List.of("0", "1", "2"),
                "workqueueIds",
                List.of("15", "21"),
                "teamIds",
                List.of("6222"))));

    String url = onlyRequest().getUrl();
    assertTrue(url.contains("priorities=0%2C1%2C2"), url);
    assertTrue(url.contains("workqueueIds=15%2C21"), url);
    assertTrue(url.contains("teamIds=6222"), url);
  }

  @Test
  void emptyReportMetricsOmitsTheParameter() throws IOException {
    client.createExport(request("conversation", Map.of()));

    assertFalse(onlyRequest().queryParameter("reportMetrics").isPresent());
  }

  @Test
  void formatLocaleAndTimezoneAreSentWhenGiven() throws IOException {
    client.createExport(
        new ExportRequest(
            "conversation", false, 1, 2, List.of(), ReportFormat.CSV, "en_US", "UTC", Map.of()));

    LoggedRequest sent = onlyRequest();
    assertEquals("csv", sent.queryParameter("reportFormat").firstValue());
    assertEquals("en_US", sent.queryParameter("locale").firstValue());
    assertEquals("UTC", sent.queryParameter("timezone").firstValue());
  }

  @Test
  void aValueThatLooksLikeAParameterIsSentAsDataInTheQuery() throws IOException {
    client.createExport(
        request("conversation", Map.of("smartViewId", List.of("1&companyKey=other"))));

    LoggedRequest sent = onlyRequest();
    assertTrue(sent.getUrl().contains("smartViewId=1%26companyKey%3Dother"), sent.getUrl());
    assertEquals(List.of(COMPANY_KEY), sent.queryParameter("companyKey").values());
    assertEquals(List.of("1&companyKey=other"), sent.queryParameter("smartViewId").values());
  }

  @Test
  void aValueThatLooksLikeAParameterIsSentAsDataInTheFormBody() throws IOException {
    client.createExport(
        request("conversation_actions", Map.of("smartViewId", List.of("1&companyKey=other"))));

    LoggedRequest sent = onlyRequest();
    assertTrue(
        sent.getBodyAsString().endsWith("&smartViewId=1%26companyKey%3Dother"),
        sent.getBodyAsString());
    assertEquals(List.of(COMPANY_KEY), sent.queryParameter("companyKey").values());
  }

  @Test
  void marketingExportsUseTheMarketingPath() throws IOException {
    client.createExport(
        new ExportRequest("raw_brand_posts", true, 1, 2, List.of(), null, null, null, Map.of()));

    assertEquals(REPORTS + "marketing/raw_brand_posts", path(onlyRequest()));
  }

  @Test
  void sendsBasicAuthToTheApi() throws IOException {
    client.createExport(request("conversation", Map.of()));

    server.verify(
        postRequestedFor(urlPathEqualTo(REPORTS + "conversation"))
            .withHeader("Authorization", equalTo(EXPECTED_AUTHORIZATION)));
  }

  @Test
  void returnsTheServersIdsAndStatusUrlVerbatim() throws IOException {
    ExportHandle handle = client.createExport(request("conversation", Map.of()));

    assertEquals("wf-1", handle.workflowId());
    assertEquals("23ab+cd/ef=", handle.runId());
    assertEquals(
        server.baseUrl()
            + REPORTS
            + "wf-1/23ab%2Bcd%2Fef%3D/status?analyticsAccessToken="
            + "oMqgB5T7BikRH3ISPxlqIw%3D%3D",
        handle.statusUrl());
    assertNull(handle.downloadUrl(), "an empty downloadUrl means not known yet");
  }

  @Test
  void buildsAnEncodedStatusUrlWhenTheResultHasOnlyIds() throws IOException {
    server.stubFor(
        post(urlPathEqualTo(REPORTS + "author"))
            .willReturn(pass("{\"workflowId\":\"wf-2\",\"runId\":\"23a+b/c=\"}")));

    ExportHandle handle = client.createExport(request("author", Map.of()));

    assertEquals(
        server.baseUrl() + REPORTS + "wf-2/23a%2Bb%2Fc%3D/status?companyKey=" + COMPANY_KEY,
        handle.statusUrl());
  }

  @Test
  void aBaseUrlEndingInApiPublicIsAcceptedAsTheRoot() throws IOException {
    try (AnalyticsClient pasted =
        new AnalyticsClient(Fixtures.settings(server.baseUrl() + "/api/public/"))) {
      pasted.createExport(request("conversation", Map.of()));
    }

    assertEquals(REPORTS + "conversation", path(onlyRequest()));
  }

  @Test
  void aFailEnvelopeIsAnApiExceptionWithTheServersMessage() {
    server.stubFor(
        post(urlPathEqualTo(REPORTS + "conversation"))
            .willReturn(
                Fixtures.json(
                    200,
                    "{\"status\":\"FAIL\",\"request\":null,\"message\":\"startTime is required\",\"result\":null}")));

    ApiException e =
        assertThrows(
            ApiException.class, () -> client.createExport(request("conversation", Map.of())));

    assertEquals("startTime is required", e.serverMessage());
    assertTrue(e.getMessage().contains("startTime is required"), e.getMessage());
    assertEquals(200, e.httpStatus());
    assertFalse(e.isRetryable());
  }
}
