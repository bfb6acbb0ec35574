package io.khorosjdbc.driver.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fault suite's precise half: answers the emulator cannot give (timeouts at a chosen step,
 * Retry-After values, unknown states, 401/403 on a poll, odd CSV bodies, a body cut off at a chosen
 * byte and a second copy that differs), stubbed with WireMock and a small storage server.
 */
@Tag("slow")
class StubbedFaultsTest {
  private static final String HEADER = "RESPONSE_ID,RESPONSE_TEXT\r\n";

  private StubbedApi stub;

  @BeforeEach
  void start() {
    stub = new StubbedApi();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private List<String> query(String... properties) throws SQLException {
    try (Connection connection = stub.connect(properties);
        Statement statement = connection.createStatement()) {
      return Rows.query(statement, QUERY);
    }
  }

  private String failure(String... properties) {
    SQLException e = assertThrows(SQLException.class, () -> query(properties));
    return e.getMessage();
  }

  /** A CSV body of {@code n} rows, {@code r<i>,text <i><suffix>}. */
  private static String body(int n, String suffix) {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 1; i <= n; i++) {
      csv.append('r').append(i).append(",text ").append(i).append(suffix).append("\r\n");
    }
    return csv.toString();
  }

  private static List<String> rows(int n, String suffix) {
    List<String> rows = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      rows.add("r" + i + "|text " + i + suffix);
    }
    return rows;
  }

  // --- create -----------------------------------------------------------------------------

  @Test
  void create503WithRetryAfterIsRetriedBecauseTheServerSaidNotNow() throws SQLException {
    stub.completedJob().files(body(3, ""));
    stub.stub(
        post(urlPathEqualTo(REPORT))
            .inScenario("create")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0"))
            .willSetStateTo("up"));
    stub.stub(
        post(urlPathEqualTo(REPORT))
            .inScenario("create")
            .whenScenarioStateIs("up")
            .willReturn(stub.created()));

    assertEquals(rows(3, ""), query());
    stub.api.verify(2, postRequestedFor(urlPathEqualTo(REPORT)));
  }

  @Test
  void createTimingOutAfterSendingIsAnErrorAndNeverADuplicateJob() throws InterruptedException {
    stub.completedJob().files(body(3, ""));
    stub.stub(post(urlPathEqualTo(REPORT)).willReturn(stub.created().withFixedDelay(1500)));

    String message = failure("readTimeout=300ms");

    assertTrue(
        message.contains(
            "creating the export response failed after the request was sent"
                + " (SocketTimeoutException"),
        message);
    assertTrue(
        message.contains("may have started a job, so the driver did not send it again"), message);
    // WireMock journals the request only once its delayed answer is written: wait for it.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (stub.api.findAll(postRequestedFor(urlPathEqualTo(REPORT))).isEmpty()
        && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    stub.api.verify(1, postRequestedFor(urlPathEqualTo(REPORT)));
  }

  // --- status -----------------------------------------------------------------------------

  @Test
  void statusTimingOutIsRetried() throws SQLException {
    stub.completedJob().files(body(3, ""));
    stub.stub(
        get(urlPathEqualTo(STATUS))
            .inScenario("status")
            .whenScenarioStateIs(STARTED)
            .willReturn(stub.completed().withFixedDelay(1500))
            .willSetStateTo("fast"));
    stub.stub(
        get(urlPathEqualTo(STATUS))
            .inScenario("status")
            .whenScenarioStateIs("fast")
            .willReturn(stub.completed()));

    assertEquals(rows(3, ""), query("readTimeout=300ms"));
  }

  @Test
  void retryAfterIsHonoured() throws SQLException {
    stub.completedJob().files(body(3, ""));
    stub.stub(
        get(urlPathEqualTo(STATUS))
            .inScenario("status")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("ok"));
    stub.stub(
        get(urlPathEqualTo(STATUS))
            .inScenario("status")
            .whenScenarioStateIs("ok")
            .willReturn(stub.completed()));

    long started = System.nanoTime();
    assertEquals(rows(3, ""), query("retryMaxDelay=5s"));
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertTrue(elapsed >= 1000, "waited only " + elapsed + " ms");
  }

  @Test
  void retryAfterIsCappedByRetryMaxDelay() throws SQLException {
    stub.completedJob().files(body(3, ""));
    stub.stub(
        get(urlPathEqualTo(STATUS))
            .inScenario("status")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600"))
            .willSetStateTo("ok"));
    stub.stub(
        get(urlPathEqualTo(STATUS))
            .inScenario("status")
            .whenScenarioStateIs("ok")
            .willReturn(stub.completed()));

    long started = System.nanoTime();
    assertEquals(rows(3, ""), query("retryMaxDelay=200ms"));
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10));
  }

  @Test
  void status401IsAnErrorThatIsNotRetried() {
    stub.completedJob().files(body(3, ""));
    stub.stub(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(401)));

    String message = failure();

    assertTrue(message.contains("rejected the user name or password (HTTP 401)"), message);
    stub.api.verify(1, getRequestedFor(urlPathEqualTo(STATUS)));
  }

  @Test
  void status403IsAnErrorThatIsNotRetried() {
    stub.completedJob().files(body(3, ""));
    stub.stub(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(403)));

    String message = failure();

    assertTrue(message.contains("the server refused access (HTTP 403): check companyKey"), message);
    stub.api.verify(1, getRequestedFor(urlPathEqualTo(STATUS)));
  }

  @Test
  void anUnknownRunnerStateIsReportedNotPolledAgain() {
    stub.completedJob().files(body(3, ""));
    stub.stub(get(urlPathEqualTo(STATUS)).willReturn(StubbedApi.status("PAUSED", "", "")));

    String message = failure();

    assertTrue(
        message.contains(
            "(workflowId=wf-1, runId=23ab+cd/ef=) is in a state the driver does"
                + " not know; the server sent {\"runnerState\":\"PAUSED\",\"reason\":null,\"detail\":\"\"}"),
        message);
    stub.api.verify(1, getRequestedFor(urlPathEqualTo(STATUS)));
  }

  @Test
  void anUnknownDetailIsReportedNotPolledAgain() {
    stub.completedJob().files(body(3, ""));
    stub.stub(get(urlPathEqualTo(STATUS)).willReturn(StubbedApi.status("CLOSED", "CANCELLED", "")));

    String message = failure();

    assertTrue(
        message.contains("\"runnerState\":\"CLOSED\",\"reason\":null,\"detail\":\"CANCELLED\""),
        message);
    stub.api.verify(1, getRequestedFor(urlPathEqualTo(STATUS)));
  }

  @Test
  void aFailedJobCarriesTheServersReason() {
    stub.completedJob().files(body(3, ""));
    stub.stub(
        get(urlPathEqualTo(STATUS))
            .willReturn(
                StubbedApi.pass(
                    "{\"jobInfo\":{},"
                        + "\"result\":{\"runnerState\":\"CLOSED\",\"detail\":\"FAILED\",\"reason\":\"disk full\"}}")));

    String message = failure();

    assertTrue(
        message.contains(
            "FAILED on the server (workflowId=wf-1, runId=23ab+cd/ef=, "
                + "detail=FAILED, reason=disk full)"),
        message);
  }

  // --- the 307 and the file ---------------------------------------------------------------

  @Test
  void credentialsAreNeverSentToAnotherOriginOnTheRedirect() throws SQLException {
    stub.completedJob().files(body(3, ""));

    assertEquals(rows(3, ""), query());

    assertFalse(stub.fileAuthorizationSeen, "Authorization reached the storage service");
    stub.api.verify(
        getRequestedFor(urlPathEqualTo(DOWNLOAD))
            .withHeader(
                "Authorization",
                com.github.tomakehurst.wiremock.client.WireMock.matching("Basic .+")));
  }

  @Test
  void aFileCutShortOfItsContentLengthBeforeAnyRowIsFetchedAgain() throws SQLException {
    String whole = body(50, "");
    stub.completedJob().files(whole).truncatedFileFirst(whole, 10);

    assertEquals(rows(50, ""), query());
    assertEquals(2, stub.fileRequests.get());
    stub.api.verify(2, getRequestedFor(urlPathEqualTo(DOWNLOAD)));
  }

  @Test
  void aFileCutAfterRowsWereReturnedResumesAfterThemWhenTheCopyMatches() throws SQLException {
    String whole = body(400, " lorem ipsum dolor sit amet");
    stub.completedJob().files(whole).truncatedFileFirst(whole, whole.length() / 2);

    try (Connection connection = stub.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(QUERY)) {
      List<String> got = new ArrayList<>();
      while (rs.next()) {
        got.add(rs.getString(1) + "|" + rs.getString(2));
      }
      assertEquals(rows(400, " lorem ipsum dolor sit amet"), got, "no row twice, none missing");
    }
    assertEquals(2, stub.fileRequests.get());
  }

  @Test
  void aCopyThatDiffersFromTheRowsAlreadyReturnedIsAnErrorNotAMix() {
    String first = body(400, " lorem ipsum dolor sit amet");
    String changed = first.replace("text 3 lorem", "text 3 LOREM");
    stub.completedJob().files(changed).truncatedFileFirst(first, first.length() / 2);

    SQLException e = assertThrows(SQLException.class, () -> query());

    assertTrue(
        e.getMessage().contains("the file fetched again differs from the one read before"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("rather than return duplicated or missing rows"), e.getMessage());
  }

  @Test
  void aCopyShorterThanTheRowsAlreadyReturnedIsAnError() {
    String first = body(400, " lorem ipsum dolor sit amet");
    stub.completedJob()
        .files(body(5, " lorem ipsum dolor sit amet"))
        .truncatedFileFirst(first, first.length() / 2);

    SQLException e = assertThrows(SQLException.class, () -> query());

    assertTrue(e.getMessage().contains("the file fetched again has only "), e.getMessage());
    assertTrue(e.getMessage().contains("were already read"), e.getMessage());
  }

  @Test
  void aCsvWithAByteOrderMarkReadsLikeOneWithout() throws SQLException {
    stub.completedJob().files("\uFEFF" + body(3, ""));

    assertEquals(rows(3, ""), query());
  }

  @Test
  void csvQuotesNewlinesNonAsciiAndVeryLongFieldsArriveExactly() throws SQLException {
    String longText = "x".repeat(300_000);
    stub.completedJob()
        .files(
            HEADER
                + "r1,\"line one\r\nline two\"\r\n"
                + "r2,\"she said \"\"hi\"\", then left\"\r\n"
                + "r3,Zoë Müller — Łukasz Núñez 日本語 😀\r\n"
                + "r4,"
                + longText
                + "\r\n"
                + "r5,\"a,b,c\"\r\n");

    List<String> got = query();

    assertEquals(
        List.of(
            "r1|line one\r\nline two",
            "r2|she said \"hi\", then left",
            "r3|Zoë Müller — Łukasz Núñez 日本語 😀",
            "r4|" + longText,
            "r5|a,b,c"),
        got);
  }

  @Test
  void aHeaderThatLacksARequestedColumnIsAnErrorNamingItAndWhatTheTenantSent() {
    stub.completedJob().files("RESPONSE_ID,OTHER\r\nr1,x\r\n");

    String message = failure();

    assertTrue(
        message.contains(
            "table response: your tenant's export has no column "
                + "RESPONSE_TEXT; it sent [RESPONSE_ID, OTHER]. The table no longer lists it"),
        message);
    assertEquals(1, stub.fileRequests.get(), "the same file would lack it again");
  }

  @Test
  void aRowWithTheWrongNumberOfFieldsIsAnErrorNamingTheRow() {
    stub.completedJob().files(HEADER + "r1,a\r\nr2,b,extra\r\n");

    // Row 1 was returned before row 2 broke, so the error comes from ResultSet.next().
    String message = assertThrows(SQLException.class, () -> query()).getMessage();

    assertTrue(message.contains("row 2 (line 3) has 3 fields but the header has 2"), message);
    assertEquals(2, stub.fileRequests.get());
  }
}
