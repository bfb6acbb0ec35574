package io.khorosjdbc.driver.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.khorosjdbc.driver.reliability.StubbedApi.DOWNLOAD;
import static io.khorosjdbc.driver.reliability.StubbedApi.QUERY;
import static io.khorosjdbc.driver.reliability.StubbedApi.REPORT;
import static io.khorosjdbc.driver.reliability.StubbedApi.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every status and error shape the documentation shows, end to end through a query: the status
 * {@code result} as an object or a one-element array, {@code detail} or the legacy {@code details},
 * a job the legacy listing shows as {@code CLOSED} with an empty or null detail and a download URL,
 * a state nobody documented, and a 400 whose body explains nothing.
 */
class StatusAndErrorShapesTest {
  private static final String FILE = "RESPONSE_ID,RESPONSE_TEXT\r\nr1,hello\r\nr2,world\r\n";
  private static final List<String> ROWS = List.of("r1|hello", "r2|world");

  private StubbedApi stub;

  @BeforeEach
  void start() {
    stub = new StubbedApi().completedJob().files(FILE);
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private List<String> query() throws SQLException {
    try (Connection connection = stub.connect();
        Statement statement = connection.createStatement()) {
      return Rows.query(statement, QUERY);
    }
  }

  private String failure() {
    return assertThrows(SQLException.class, this::query).getMessage();
  }

  /**
   * The status answer with {@code state} as the runner-state object and {@code downloadUrl} in
   * jobInfo.
   */
  private void statusAnswers(String state, String downloadUrl, boolean asArray) {
    String job =
        "{\"jobInfo\":{\"workflowId\":\"wf-1\",\"runId\":\"23ab+cd/ef=\",\"downloadUrl\":"
            + (downloadUrl == null ? "null" : "\"" + downloadUrl + "\"")
            + "},\"result\":"
            + state
            + "}";
    stub.stub(
        get(urlPathEqualTo(STATUS)).willReturn(StubbedApi.pass(asArray ? "[" + job + "]" : job)));
  }

  // --- status shapes -----------------------------------------------------------------------

  @Test
  void aCompletedJobReadsInTheObjectAndInTheOneElementArrayShape() throws SQLException {
    for (boolean asArray : new boolean[] {false, true}) {
      statusAnswers(
          "{\"runnerState\":\"CLOSED\",\"reason\":null,\"detail\":\"COMPLETED\"}",
          stub.downloadUrl(),
          asArray);
      assertEquals(ROWS, query(), asArray ? "array" : "object");
    }
  }

  @Test
  void theLegacyDetailsSpellingSaysCompletedToo() throws SQLException {
    statusAnswers(
        "{\"runnerState\":\"CLOSED\",\"reason\":null,\"details\":\"COMPLETED\"}",
        stub.downloadUrl(),
        false);

    assertEquals(ROWS, query());
  }

  @Test
  void closedWithANullDetailsAndALiveDownloadUrlIsCompletedAsInTheLegacyListing()
      throws SQLException {
    statusAnswers(
        "{\"runnerState\":\"CLOSED\",\"reason\":null,\"details\":null,"
            + "\"currentCount\":null,\"totalCount\":null,\"lastAcknowledgeTime\":null}",
        stub.downloadUrl(),
        true);

    assertEquals(ROWS, query());
  }

  @Test
  void closedWithAnEmptyDetailAndALiveDownloadUrlIsCompleted() throws SQLException {
    statusAnswers(
        "{\"runnerState\":\"CLOSED\",\"reason\":null,\"detail\":\"\"}", stub.downloadUrl(), false);

    assertEquals(ROWS, query());
  }

  @Test
  void closedWithAnEmptyDetailAndNoDownloadUrlIsReportedNotAwaited() {
    statusAnswers("{\"runnerState\":\"CLOSED\",\"reason\":null,\"detail\":\"\"}", "", false);

    String message = failure();

    assertTrue(
        message.contains(
            "is in a state the driver does not know; the server sent "
                + "{\"runnerState\":\"CLOSED\",\"reason\":null,\"detail\":\"\"}"),
        message);
    stub.api.verify(1, getRequestedFor(urlPathEqualTo(STATUS)));
    stub.api.verify(0, getRequestedFor(urlPathEqualTo(DOWNLOAD)));
  }

  @Test
  void anUnknownStateIsReportedInTheServersOwnWords() {
    statusAnswers(
        "{\"runnerState\":\"SUSPENDED\",\"reason\":\"quota of 10 jobs reached\","
            + "\"details\":\"WAITING\"}",
        "",
        true);

    String message = failure();

    assertTrue(message.contains("export response"), message);
    assertTrue(
        message.contains(
            "the server sent {\"runnerState\":\"SUSPENDED\",\"reason\":"
                + "\"quota of 10 jobs reached\",\"details\":\"WAITING\"}"),
        message);
    assertTrue(
        message.contains(
            "the documented states are RUNNING, CLOSED with detail COMPLETED "
                + "or FAILED, and CLOSED with a download URL"),
        message);
  }

  @Test
  void theServersWordsNeverCarryAToken() {
    statusAnswers(
        "{\"runnerState\":\"MOVED\",\"reason\":\"see https://h/x?analyticsAccessToken="
            + StubbedApi.TOKEN
            + "\",\"detail\":\"\"}",
        "",
        false);

    String message = failure();

    assertTrue(message.contains("MOVED"), message);
    assertFalse(message.contains(StubbedApi.TOKEN), message);
  }

  // --- a 400 that explains nothing -------------------------------------------------------

  @Test
  void aCreate400WithAnEmptyObjectSaysWhichRequestAndWhatToCheck() {
    stub.stub(
        post(urlPathEqualTo(REPORT))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));

    String message = failure();

    assertTrue(
        message.contains(
            "the server rejected creating the export response (HTTP 400) "
                + "without saying why: check the query's parameters: the time window"),
        message);
    assertTrue(message.contains("and the companyKey"), message);
  }

  @Test
  void aCreate400WithAnEmptyBodySaysWhichRequestAndWhatToCheck() {
    stub.stub(post(urlPathEqualTo(REPORT)).willReturn(aResponse().withStatus(400)));

    String message = failure();

    assertTrue(
        message.contains(
            "the server rejected creating the export response (HTTP 400) "
                + "without saying why: check the query's parameters"),
        message);
  }

  @Test
  void aCreate400WithAnHtmlPageIsNoParserError() {
    stub.stub(
        post(urlPathEqualTo(REPORT))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body>Bad Request</body></html>")));

    String message = failure();

    assertTrue(
        message.contains(
            "the server rejected creating the export response (HTTP 400) " + "without saying why"),
        message);
    assertFalse(
        message.contains("JsonParseException") || message.contains("Unexpected character"),
        message);
  }

  @Test
  void aCreate400WithPlainTextGivesTheText() {
    stub.stub(
        post(urlPathEqualTo(REPORT))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "text/plain")
                    .withBody("startTime is required")));

    String message = failure();

    assertTrue(
        message.contains(
            "the server rejected creating the export response (HTTP 400): "
                + "startTime is required"),
        message);
  }

  @Test
  void aStatus400WithAnEmptyObjectSaysItWasTheStatusAndWhatToCheck() {
    stub.stub(
        get(urlPathEqualTo(STATUS))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{}")));

    String message = failure();

    assertTrue(
        message.contains(
            "the server rejected checking the export status (HTTP 400) without "
                + "saying why: check the companyKey"),
        message);
  }

  @Test
  void aDownload400WithAnEmptyBodySaysItWasTheDownload() {
    stub.stub(get(urlPathEqualTo(DOWNLOAD)).willReturn(aResponse().withStatus(400)));

    String message = failure();

    assertTrue(
        message.contains(
            "the server rejected downloading the export (HTTP 400) without "
                + "saying why: check the companyKey"),
        message);
  }
}
