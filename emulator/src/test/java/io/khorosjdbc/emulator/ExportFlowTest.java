package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.khorosjdbc.emulator.catalog.Catalog;
import io.khorosjdbc.emulator.catalog.ColumnDef;
import io.khorosjdbc.emulator.catalog.ExportDef;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documented flow (create, poll, 307, file) works for every export, in CSV and JSON, with the
 * same rows.
 */
class ExportFlowTest {
  @RegisterExtension
  static final KhorosEmulatorExtension EMU =
      new KhorosEmulatorExtension(
          KhorosEmulator.builder()
              .rowsPerDay(400)
              .jobLatencyMillis(30)
              .authorHistoryCheck(false)
              .rateLimit(RateLimit.OFF));

  static Stream<ExportDef> exports() {
    return Catalog.bundled().exports().stream();
  }

  private static String window(ExportDef e) {
    return Windows.days(Windows.MONDAY, 1)
        + (e.id().equals("team_performance_interval") ? "&timeInterval=3600000" : "");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exports")
  void csvAndJsonCarryTheSameRowsWithTheDefaultColumns(ExportDef export) {
    ApiClient api = new ApiClient(EMU.emulator());
    String csv = api.export(export.path(), window(export) + "&reportFormat=csv");
    String json = api.export(export.path(), window(export));

    List<String> defaults = export.defaultColumns().stream().map(ColumnDef::name).toList();
    List<String> csvDefaults =
        export.defaultColumns().stream().filter(c -> !c.jsonOnly()).map(ColumnDef::name).toList();
    assertEquals(
        csvDefaults,
        ApiClient.csvHeader(csv),
        "CSV header = default columns without JSON-only ones");
    assertTrue(csv.startsWith(String.join(",", csvDefaults) + "\r\n"), "RFC 4180 CRLF line ends");

    List<CSVRecord> csvRows = ApiClient.csv(csv);
    List<Map<String, String>> jsonRows = ApiClient.jsonRows(json);
    assertFalse(jsonRows.isEmpty(), "a weekday has data in every export");
    assertEquals(jsonRows.size(), csvRows.size());
    for (int i = 0; i < jsonRows.size(); i++) {
      assertEquals(
          defaults,
          List.copyOf(jsonRows.get(i).keySet()),
          "JSON keys = default columns in catalog order");
      for (String column : csvDefaults) {
        String j = jsonRows.get(i).get(column);
        assertEquals(j == null ? "" : j, csvRows.get(i).get(column), "row " + i + " " + column);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exports")
  void theGroundTruthRouteServesTheSameBytesAsTheDownload(ExportDef export) {
    ApiClient api = new ApiClient(EMU.emulator());
    String query = window(export) + "&reportFormat=csv";
    assertEquals(api.groundTruth(export.path(), query), api.export(export.path(), query));
  }

  @Test
  void createAnswersWithTheDocumentedEnvelopeAndEncodedUrls() {
    ApiClient api = new ApiClient(EMU.emulator());
    JsonNode created = ApiClient.json(api.create("conversation", Windows.days(Windows.MONDAY, 1)));
    assertEquals("PASS", created.get("status").asText());
    assertTrue(created.get("request").isNull());
    assertTrue(created.get("message").isNull());
    JsonNode result = created.get("result");
    assertTrue(
        result
            .get("workflowId")
            .asText()
            .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"));
    String runId = result.get("runId").asText();
    assertTrue(
        runId.startsWith("23") && runId.endsWith("=") && runId.contains("+") && runId.contains("/"),
        runId);
    assertEquals("", result.get("downloadUrl").asText());
    String statusUrl = result.get("statusUrl").asText();
    assertTrue(
        statusUrl.startsWith(
            EMU.baseUrl()
                + "/api/public/reports/report/"
                + result.get("workflowId").asText()
                + "/23"));
    assertTrue(
        statusUrl.contains("%2B")
            && statusUrl.contains("%2F")
            && statusUrl.contains("%3D/status?analyticsAccessToken="),
        statusUrl);
  }

  @Test
  void getWorksForCreateAndTheUserExportAnnouncesItsDownloadUrlAtOnce() {
    ApiClient api = new ApiClient(EMU.emulator());
    HttpResponse<String> r =
        api.get(
            EMU.baseUrl()
                + "/api/public/reports/report/user?companyKey=demo&"
                + Windows.days(Windows.MONDAY, 1),
            true);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(
        ApiClient.json(r)
            .at("/result/downloadUrl")
            .asText()
            .contains("/download?analyticsAccessToken="));
  }

  @Test
  void whileRunningTheStatusIsRunningWithEmptyDetailAndNoDownloadUrl() {
    try (KhorosEmulator slow =
        KhorosEmulator.builder()
            .jobLatencyMillis(60_000)
            .statusShape(StatusShape.OBJECT)
            .build()
            .start()) {
      ApiClient api = new ApiClient(slow);
      String statusUrl =
          ApiClient.json(api.create("response", Windows.days(Windows.MONDAY, 1)))
              .at("/result/statusUrl")
              .asText();
      JsonNode s = ApiClient.json(api.get(statusUrl, true));
      assertEquals("RUNNING", s.at("/result/result/runnerState").asText());
      assertEquals("", s.at("/result/result/detail").asText());
      assertEquals("", s.at("/result/jobInfo/downloadUrl").asText());
      assertTrue(s.at("/result/result/reason").isNull());
      String download = statusUrl.replace("/status?", "/download?");
      assertEquals(409, api.get(download, true).statusCode(), "no file before the job completes");
    }
  }

  @Test
  void latencyCanBeProportionalToTheExpectedRows() {
    try (KhorosEmulator emu =
        KhorosEmulator.builder()
            .rowsPerDay(1000)
            .jobMsPer1kRows(60_000)
            .statusShape(StatusShape.OBJECT)
            .rateLimit(RateLimit.OFF)
            .build()
            .start()) {
      ApiClient api = new ApiClient(emu);
      String statusUrl =
          ApiClient.json(api.create("response", "startTime=0&endTime=1"))
              .at("/result/statusUrl")
              .asText();
      assertEquals(
          "CLOSED",
          api.awaitClosed(statusUrl).at("/result/result/runnerState").asText(),
          "a 1 ms window is instant");
      statusUrl =
          ApiClient.json(api.create("response", Windows.days(Windows.MONDAY, 1)))
              .at("/result/statusUrl")
              .asText();
      assertEquals(
          "RUNNING",
          ApiClient.json(api.get(statusUrl, true)).at("/result/result/runnerState").asText(),
          "1000 rows: 60 s");
    }
  }
}
