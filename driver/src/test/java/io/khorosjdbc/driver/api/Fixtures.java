package io.khorosjdbc.driver.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/** Shared test data: one fake tenant, and helpers to talk to a WireMock server as that tenant. */
final class Fixtures {

  static final String USER = "reporter";
  static final String PASSWORD = "s3cr3t-XYZ";
  static final String COMPANY_KEY = "ck-123";
  static final String TOKEN = "oMqgB5T7BikRH3ISPxlqIw==";
  static final String EXPECTED_AUTHORIZATION =
      "Basic "
          + Base64.getEncoder()
              .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  static final String REPORTS = "/api/public/reports/report/";

  private Fixtures() {}

  static WireMockExtension server() {
    return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  }

  static ApiSettings settings(String baseUrl) {
    return new ApiSettings(
        HttpUrl.get(baseUrl),
        USER,
        PASSWORD,
        COMPANY_KEY,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        false);
  }

  static AnalyticsClient client(WireMockExtension server) throws ApiException {
    return new AnalyticsClient(settings(server.baseUrl()));
  }

  static ExportRequest request(String exportId, Map<String, List<String>> parameters) {
    return new ExportRequest(
        exportId,
        false,
        1_561_438_800_000L,
        1_561_525_199_999L,
        List.of(),
        null,
        null,
        null,
        parameters);
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  static ResponseDefinitionBuilder pass(String resultJson) {
    return json(
        200,
        "{\"status\":\"PASS\",\"request\":null,\"message\":null,\"result\":" + resultJson + "}");
  }

  /** A create-export result whose URLs point at {@code baseUrl}, as the real server's do. */
  static String createdResult(String baseUrl) {
    return """
                {"workflowId":"wf-1","runId":"23ab+cd/ef=","downloadUrl":"",
                 "statusUrl":"%s/api/public/reports/report/wf-1/23ab%%2Bcd%%2Fef%%3D/status?analyticsAccessToken=%s"}
                """
        .formatted(baseUrl, TOKEN.replace("=", "%3D"));
  }
}
