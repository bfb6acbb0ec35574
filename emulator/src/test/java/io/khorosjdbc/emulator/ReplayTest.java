package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --replay: a capture of a tenant (khoros-sql --check --save) becomes a world shaped like it. */
class ReplayTest {
  static final String HOUR =
      "startTime=" + Windows.MONDAY + "&endTime=" + (Windows.MONDAY + 3_600_000L);

  /** Two tables as a tenant with display headers, US dates and grouped numbers might show them. */
  static final String CAPTURE =
      """
            {"format": "khoros-jdbc compatibility capture", "version": 1, "tool": "khoros-sql test",
             "tables": [
              {"table": "conversation", "exportId": "conversation", "marketing": false, "window": "PT1H",
               "headerStyle": "display", "rows": "11-100",
               "anchors": [{"column": "CLOSED_TIME", "found": false},
                           {"column": "CREATED_TIME", "header": "Created Time", "found": true}],
               "job": {"readyMillis": 900, "lastRunningMillis": 700, "polls": 3,
                       "statusShapes": {"RUNNING": "array", "COMPLETED": "object"},
                       "detailKeys": ["detail"], "httpErrors": {}},
               "columns": [
                 {"name": "Conversation ID", "apiName": "CONVERSATION_ID", "type": "string", "format": "",
                  "nullShare": 0.0, "length": {"min": 8, "max": 8}, "distinct": "11-100"},
                 {"name": "Created Time", "apiName": "CREATED_TIME", "type": "timestamp",
                  "format": "MM/dd/yyyy hh:mm:ss a",
                  "nullShare": 0.0, "length": {"min": 22, "max": 22}, "distinct": "11-100"},
                 {"name": "Handle Time Millis", "apiName": "HANDLE_TIME_MILLIS", "type": "long", "format": "grouped",
                  "nullShare": 0.25, "length": {"min": 1, "max": 9}, "distinct": "11-100"},
                 {"name": "Csat Score", "apiName": "CSAT_SCORE", "type": "double", "format": "decimal-comma",
                  "nullShare": 0.5, "length": {"min": 3, "max": 5}, "distinct": "2-10"},
                 {"name": "Is Escalated", "apiName": "IS_ESCALATED", "type": "boolean", "format": "Yes/No",
                  "nullShare": 0.0, "length": {"min": 2, "max": 3}, "distinct": "2-10"},
                 {"name": "Notes", "apiName": "NOTES", "type": "text", "format": "",
                  "nullShare": 1.0, "length": {"min": 0, "max": 0}, "distinct": "0"}],
               "notSent": ["TAGS"]},
              {"table": "response", "exportId": "response", "marketing": false,
               "headerStyle": "display", "rows": "2-10",
               "anchors": [{"column": "RESPONSE_TIME", "found": false}],
               "job": {"readyMillis": 300, "lastRunningMillis": -1, "statusShapes": {"COMPLETED": "object"}},
               "columns": [
                 {"name": "Response ID", "apiName": "RESPONSE_ID", "type": "long", "format": "plain",
                  "nullShare": 0.0, "length": {"min": 6, "max": 6}, "distinct": "2-10"},
                 {"name": "Sent At", "apiName": "SENT_AT", "type": "timestamp", "format": "epoch-millis",
                  "nullShare": 0.0, "length": {"min": 13, "max": 13}, "distinct": "2-10"}],
               "notSent": []},
              {"table": "user", "exportId": "user", "error": "HTTP 403", "job": {"httpErrors": {"403": 1}}}]}
            """;

  @TempDir Path temp;

  private KhorosEmulator replaying(double timeScale) throws Exception {
    Path capture = temp.resolve("capture.json");
    Files.writeString(capture, CAPTURE);
    return KhorosEmulator.builder()
        .replay(capture)
        .replayTimeScale(timeScale)
        .rateLimit(RateLimit.OFF)
        .build()
        .start();
  }

  @Test
  void capturedTablesHaveTheCapturedHeadersFormatsAndVolumes() throws Exception {
    try (KhorosEmulator emu = replaying(0.1)) {
      ApiClient api = new ApiClient(emu);
      String csv = api.export("conversation", HOUR + "&reportFormat=csv");
      assertEquals(
          List.of(
              "Conversation ID",
              "Created Time",
              "Handle Time Millis",
              "Csat Score",
              "Is Escalated",
              "Notes"),
          ApiClient.csvHeader(csv));
      List<CSVRecord> rows = ApiClient.csv(csv);
      assertEquals(30, rows.size(), "the middle of the 11-100 band, every hour");
      DateTimeFormatter us = DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);
      Set<String> ids = new HashSet<>();
      int emptyHandleTimes = 0;
      boolean grouped = false;
      for (CSVRecord r : rows) {
        assertEquals(8, r.get(0).length(), r.toString());
        ids.add(r.get(0));
        LocalDateTime created = LocalDateTime.parse(r.get(1), us);
        assertEquals(
            Windows.MONDAY,
            created.toLocalDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli(),
            "the anchor is the row's own time, inside the window: " + r);
        if (r.get(2).isEmpty()) {
          emptyHandleTimes++;
        } else {
          assertTrue(r.get(2).matches("\\d{1,3}(,\\d{3})*"), r.toString());
          grouped |= r.get(2).contains(",");
        }
        assertTrue(r.get(3).isEmpty() || r.get(3).matches("\\d+(,\\d+)?"), "decimal comma: " + r);
        assertTrue(Set.of("Yes", "No").contains(r.get(4)), r.toString());
        assertEquals("", r.get(5), "an always-empty column stays empty");
      }
      assertTrue(grouped, "the longest values show the grouping");
      assertEquals(30, ids.size(), "distinct band 11-100: a value per row here");
      assertEquals(7, emptyHandleTimes, "a quarter of 30 rows, rounded down");

      JsonNode created =
          ApiClient.json(api.create("conversation", HOUR + "&reportFormat=csv")).get("result");
      long start = System.currentTimeMillis();
      api.awaitClosed(created.get("statusUrl").asText());
      long took = System.currentTimeMillis() - start;
      assertTrue(took >= 60 && took < 2000, "job time (900 + 700) / 2 ms at scale 0.1: " + took);
    }
  }

  @Test
  void replayedColumnsAnswerByApiNameAndKnownColumnsTheTenantDidNotSendStayRequestable()
      throws Exception {
    try (KhorosEmulator emu = replaying(0.01)) {
      ApiClient api = new ApiClient(emu);
      String csv =
          api.groundTruth(
              "conversation",
              HOUR + "&reportFormat=csv&reportMetrics=CSAT_SCORE&reportMetrics=TAGS");
      assertEquals(List.of("Csat Score", "Tags"), ApiClient.csvHeader(csv));
      String response = api.groundTruth("response", HOUR + "&reportFormat=csv");
      List<CSVRecord> rows = ApiClient.csv(response);
      assertEquals(5, rows.size());
      rows.forEach(r -> assertTrue(r.get(1).matches("1\\d{12}"), "epoch milliseconds: " + r));
      assertEquals(List.of("Response ID", "Sent At"), ApiClient.csvHeader(response));
    }
  }

  @Test
  void theRestOfTheWorldFollowsTheCapturedSwitchesAndLaterSwitchesWin() throws Exception {
    Path capture = temp.resolve("capture.json");
    Files.writeString(capture, CAPTURE);
    EmulatorConfig c = KhorosEmulator.builder().replay(capture).config();
    assertEquals(CsvHeaderStyle.DISPLAY, c.csvHeader());
    assertEquals(DateFormatStyle.US, c.dateFormat());
    assertEquals(StatusShape.DOCUMENTED, c.statusShape());
    assertEquals(capture, c.replay());
    assertEquals(
        CsvHeaderStyle.API,
        KhorosEmulator.builder()
            .replay(capture)
            .csvHeader(CsvHeaderStyle.API)
            .config()
            .csvHeader());
    try (KhorosEmulator emu =
        KhorosEmulator.builder().replay(capture).rateLimit(RateLimit.OFF).build().start()) {
      String agents =
          new ApiClient(emu).groundTruth("raw_agent_states", HOUR + "&reportFormat=csv");
      assertEquals(
          "Agent ID", ApiClient.csvHeader(agents).get(0), "uncaptured exports keep their columns");
      HttpResponse<String> user = new ApiClient(emu).create("user", HOUR);
      assertEquals(200, user.statusCode(), "a table whose capture failed is served as usual");
    }
  }

  @Test
  void theCommandLineTakesReplayAndItsTimeScale() throws Exception {
    Path capture = temp.resolve("capture.json");
    Files.writeString(capture, CAPTURE);
    EmulatorConfig c =
        EmulatorCli.parse(
                new String[] {
                  "--replay",
                  capture.toString(),
                  "--replay-time-scale",
                  "0.5",
                  "--csv-header",
                  "api"
                })
            .config();
    assertEquals(capture, c.replay());
    assertEquals(0.5, c.replayTimeScale());
    assertEquals(CsvHeaderStyle.API, c.csvHeader(), "later flags win");
    assertNull(EmulatorCli.parse(new String[0]).config().replay());
    assertTrue(EmulatorCli.HELP.contains("--replay FILE"));
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> EmulatorCli.parse(new String[] {"--replay-time-scale", "-1"}));
    assertTrue(bad.getMessage().contains("--replay-time-scale"), bad.getMessage());
    Files.writeString(temp.resolve("other.json"), "{\"exports\": []}");
    IllegalArgumentException notACapture =
        assertThrows(
            IllegalArgumentException.class,
            () -> KhorosEmulator.builder().replay(temp.resolve("other.json")));
    assertTrue(notACapture.getMessage().contains("not a capture"), notACapture.getMessage());
    Files.writeString(
        temp.resolve("v9.json"),
        "{\"format\": \"khoros-jdbc compatibility capture\", \"version\": 9}");
    IllegalArgumentException newer =
        assertThrows(
            IllegalArgumentException.class,
            () -> KhorosEmulator.builder().replay(temp.resolve("v9.json")));
    assertTrue(newer.getMessage().contains("version 9"), newer.getMessage());
  }
}
