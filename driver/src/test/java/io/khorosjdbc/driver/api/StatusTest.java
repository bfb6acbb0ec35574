package io.khorosjdbc.driver.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.khorosjdbc.driver.api.Fixtures.EXPECTED_AUTHORIZATION;
import static io.khorosjdbc.driver.api.Fixtures.REPORTS;
import static io.khorosjdbc.driver.api.Fixtures.pass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatusTest {

  /** As the server returns it: runId percent-encoded ({@code + / =}), token on the query string. */
  private static final String STATUS_PATH =
      REPORTS + "wf-1/23ab%2Bcd%2Fef%3D/status?analyticsAccessToken=tok%3D%3D";

  @RegisterExtension static final WireMockExtension server = Fixtures.server();

  private AnalyticsClient client;
  private ExportHandle handle;

  @BeforeEach
  void setUp() throws ApiException {
    client = Fixtures.client(server);
    handle = new ExportHandle("wf-1", "23ab+cd/ef=", server.baseUrl() + STATUS_PATH, null);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private JobStatus statusAnswering(String resultJson) throws IOException {
    server.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(pass(resultJson)));
    return client.status(handle);
  }

  @Test
  void readsACompletedJobInTheObjectShape() throws IOException {
    JobStatus status =
        statusAnswering(
            """
                {"jobInfo":{"workflowId":"wf-1","downloadUrl":"https://h/dl?analyticsAccessToken=t"},
                 "result":{"runnerState":"CLOSED","reason":null,"detail":"COMPLETED"}}""");

    assertTrue(status.isCompleted());
    assertEquals("https://h/dl?analyticsAccessToken=t", status.downloadUrl());
  }

  @Test
  void readsARunningJobInTheOneElementArrayShape() throws IOException {
    JobStatus status =
        statusAnswering(
            """
                [{"jobInfo":{"downloadUrl":""},"result":{"runnerState":"RUNNING","detail":""}}]""");

    assertTrue(status.isRunning());
    assertNull(status.downloadUrl());
  }

  @Test
  void readsTheLegacyDetailsSpelling() throws IOException {
    JobStatus status =
        statusAnswering(
            """
                {"jobInfo":{},"result":{"runnerState":"CLOSED","details":"FAILED","reason":"disk full"}}""");

    assertTrue(status.isFailed());
    assertEquals("disk full", status.reason());
  }

  @Test
  void readsTheLegacyDetailsSpellingOfACompletedJob() throws IOException {
    JobStatus status =
        statusAnswering(
            """
                {"jobInfo":{"downloadUrl":"https://h/dl"},"result":{"runnerState":"CLOSED","details":"COMPLETED"}}""");

    assertTrue(status.isCompleted());
  }

  @Test
  void closedWithANullOrEmptyDetailAndADownloadUrlIsCompletedAsInTheLegacyListing()
      throws IOException {
    for (String detail :
        List.of("\"details\":null", "\"detail\":\"\"", "\"detail\":null", "\"reason\":null")) {
      JobStatus status =
          statusAnswering(
              "{\"jobInfo\":{\"workflowId\":\"wf-1\",\"downloadUrl\":\"https://h/dl\"},"
                  + "\"result\":{\"runnerState\":\"CLOSED\","
                  + detail
                  + "}}");

      assertTrue(status.isCompleted(), detail);
      assertEquals("https://h/dl", status.downloadUrl());
    }
  }

  @Test
  void closedWithAnEmptyDetailButNoDownloadUrlIsUnknown() throws IOException {
    for (String downloadUrl : List.of("\"\"", "null")) {
      JobStatus status =
          statusAnswering(
              "[{\"jobInfo\":{\"downloadUrl\":"
                  + downloadUrl
                  + "},"
                  + "\"result\":{\"runnerState\":\"CLOSED\",\"detail\":\"\"}}]");

      assertTrue(status.isUnknown(), downloadUrl);
    }
  }

  @Test
  void anEmptyDetailDoesNotHideWhatDetailsSays() throws IOException {
    assertTrue(
        statusAnswering(
                """
                {"jobInfo":{},"result":{"runnerState":"CLOSED","detail":"","details":"FAILED"}}""")
            .isFailed());
  }

  @Test
  void failedStaysFailedEvenWithADownloadUrl() throws IOException {
    assertTrue(
        statusAnswering(
                """
                {"jobInfo":{"downloadUrl":"https://h/dl"},"result":{"runnerState":"CLOSED","detail":"FAILED"}}""")
            .isFailed());
  }

  @Test
  void keepsTheRunnerStateAsTheServerSentItForMessages() throws IOException {
    JobStatus status =
        statusAnswering(
            """
                {"jobInfo":{},
                 "result":{"runnerState":"PAUSED","reason":"maintenance","details":"x","currentCount":3}}""");

    assertEquals(
        "{\"runnerState\":\"PAUSED\",\"reason\":\"maintenance\",\"details\":\"x\",\"currentCount\":3}",
        status.inServersWords());
    assertEquals(
        "runnerState \"PAUSED\", detail \"\", reason null",
        new JobStatus("PAUSED", "", null, null).inServersWords());
  }

  @Test
  void anUndocumentedStateIsUnknownRatherThanRunning() throws IOException {
    JobStatus status =
        statusAnswering(
            """
                {"jobInfo":{},"result":{"runnerState":"QUEUED","detail":""}}""");

    assertTrue(status.isUnknown());
    assertFalse(status.isRunning());
    assertEquals("QUEUED", status.runnerState());
  }

  @Test
  void closedWithoutAKnownDetailIsUnknown() throws IOException {
    assertTrue(
        statusAnswering(
                """
                {"jobInfo":{},"result":{"runnerState":"CLOSED","detail":"CANCELLED"}}""")
            .isUnknown());
  }

  @Test
  void usesTheStatusUrlExactlyAsReturnedWithAuth() throws IOException {
    statusAnswering("{\"jobInfo\":{},\"result\":{\"runnerState\":\"RUNNING\",\"detail\":\"\"}}");

    server.verify(
        getRequestedFor(urlEqualTo(STATUS_PATH))
            .withHeader("Authorization", equalTo(EXPECTED_AUTHORIZATION)));
  }

  @Test
  void aResponseWithoutRunnerStateIsAnApiException() {
    ApiException e = assertThrows(ApiException.class, () -> statusAnswering("{\"jobInfo\":{}}"));

    assertTrue(e.getMessage().contains("checking the export status"), e.getMessage());
  }

  @Test
  void aBodyThatIsNotJsonIsAnApiException() {
    server.stubFor(
        get(urlEqualTo(STATUS_PATH)).willReturn(Fixtures.json(200, "<html>busy</html>")));

    ApiException e = assertThrows(ApiException.class, () -> client.status(handle));

    assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
  }
}
