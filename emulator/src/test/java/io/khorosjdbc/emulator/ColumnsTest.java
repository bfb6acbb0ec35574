package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * reportMetrics chooses and orders columns; JSON-only columns stay out of CSV; a replaced catalog
 * works.
 */
class ColumnsTest {
  @RegisterExtension
  static final KhorosEmulatorExtension EMU =
      new KhorosEmulatorExtension(
          KhorosEmulator.builder().rowsPerDay(300).jobLatencyMillis(10).rateLimit(RateLimit.OFF));

  static final String DAY = Windows.days(Windows.MONDAY, 1);

  @Test
  void reportMetricsPicksExactlyThoseColumnsInThatOrder() {
    ApiClient api = new ApiClient(EMU.emulator());
    String q =
        DAY
            + "&reportMetrics=ASSIGNED_AGENT_DISPLAY_ID&reportMetrics=CSAT_SCORE&reportMetrics=CONVERSATION_ID";
    String csv = api.export("conversation", q + "&reportFormat=csv&conversationReportType=CREATED");
    assertEquals(
        List.of("ASSIGNED_AGENT_DISPLAY_ID", "CSAT_SCORE", "CONVERSATION_ID"),
        ApiClient.csvHeader(csv));
    List<Map<String, String>> json =
        ApiClient.jsonRows(api.export("conversation", q + "&conversationReportType=CREATED"));
    assertEquals(
        List.of("ASSIGNED_AGENT_DISPLAY_ID", "CSAT_SCORE", "CONVERSATION_ID"),
        List.copyOf(json.get(0).keySet()));
  }

  @Test
  void anUnknownColumnIsRefusedNamingItAndListingTheValidOnes() {
    HttpResponse<String> r =
        new ApiClient(EMU.emulator()).create("raw_agent_states", DAY + "&reportMetrics=AGENT_NAME");
    assertEquals(400, r.statusCode());
    String message = ApiClient.json(r).get("message").asText();
    assertTrue(
        message.contains("reportMetrics=AGENT_NAME") && message.contains("agent_name, agent_email"),
        message);
  }

  @Test
  void jsonOnlyColumnsAreLeftOutOfCsvEvenWhenRequested() {
    ApiClient api = new ApiClient(EMU.emulator());
    String q = DAY + "&reportMetrics=AGENT_ID&reportMetrics=TOTAL_GREEN_STATE_TIME_MILLIS";
    assertEquals(
        List.of("AGENT_ID"), ApiClient.csvHeader(api.groundTruth("user", q + "&reportFormat=csv")));
    Map<String, String> row = ApiClient.jsonRows(api.groundTruth("user", q)).get(0);
    assertTrue(Long.parseLong(row.get("TOTAL_GREEN_STATE_TIME_MILLIS")) >= 0);
  }

  @Test
  void everyValueIsAJsonStringAndAbsentValuesAreNullInJsonAndEmptyInCsv() throws Exception {
    ApiClient api = new ApiClient(EMU.emulator());
    String q =
        DAY
            + "&reportMetrics=CONVERSATION_ID&reportMetrics=CLOSED_TIME&reportMetrics=INCOMING_POST_COUNT";
    var tree = ApiClient.JSON.readTree(api.groundTruth("conversation", q));
    tree.forEach(
        row ->
            row.fields()
                .forEachRemaining(
                    f -> assertTrue(f.getValue().isTextual() || f.getValue().isNull())));
    assertTrue(tree.get(0).get("CLOSED_TIME").isNull(), "OPEN_AT_END rows are not closed");
    assertTrue(
        api.groundTruth("conversation", q + "&reportFormat=csv")
            .split("\r\n")[1]
            .matches("\\d+,,\\d+"));
  }

  @Test
  void displayHeadersAreTheUiNamesWithAcronymsInCapitals() {
    try (KhorosEmulator emu =
        KhorosEmulator.builder().csvHeader(CsvHeaderStyle.DISPLAY).build().start()) {
      String csv =
          new ApiClient(emu)
              .groundTruth(
                  "raw_agent_states",
                  DAY + "&reportFormat=csv&reportMetrics=agent_id&reportMetrics=state_start_time");
      assertEquals(List.of("Agent ID", "State Start Time"), ApiClient.csvHeader(csv));
    }
  }

  @Test
  void theBeginnersGuideUiNamesAreTheDisplayNamesOfTheirColumns() {
    try (KhorosEmulator emu =
        KhorosEmulator.builder()
            .csvHeader(CsvHeaderStyle.DISPLAY)
            .rateLimit(RateLimit.OFF)
            .build()
            .start()) {
      String q =
          DAY
              + "&reportFormat=csv&reportMetrics=CONVERSATION_ID"
              + "&reportMetrics=ASSIGNED_AGENT_DISPLAY_ID&reportMetrics=TEAM_ID";
      assertEquals(
          List.of("Conversation ID", "Assignee ID", "Team ID"),
          ApiClient.csvHeader(new ApiClient(emu).export("conversation", q)),
          "the export flow and the ground truth alike");
      assertEquals(
          List.of("Conversation ID", "Assignee ID", "Team ID"),
          ApiClient.csvHeader(new ApiClient(emu).groundTruth("conversation", q)));
    }
  }

  @Test
  void camelHeadersAreTheLowerCamelCaseOfTheApiName() {
    try (KhorosEmulator emu =
        KhorosEmulator.builder().csvHeader(CsvHeaderStyle.CAMEL).build().start()) {
      ApiClient api = new ApiClient(emu);
      assertEquals(
          List.of("agentId", "stateStartTime"),
          ApiClient.csvHeader(
              api.groundTruth(
                  "raw_agent_states",
                  DAY
                      + "&reportFormat=csv&reportMetrics=agent_id&reportMetrics=state_start_time")));
      assertEquals(
          List.of("conversationId", "assignedAgentDisplayId"),
          ApiClient.csvHeader(
              api.groundTruth(
                  "conversation",
                  DAY
                      + "&reportFormat=csv&reportMetrics=CONVERSATION_ID&reportMetrics=ASSIGNED_AGENT_DISPLAY_ID")));
      assertEquals(
          List.of("RESPONSE_ID", "AGENT_NAME"),
          List.copyOf(
              ApiClient.jsonRows(
                      api.groundTruth(
                          "response", DAY + "&reportMetrics=RESPONSE_ID&reportMetrics=AGENT_NAME"))
                  .get(0)
                  .keySet()),
          "JSON keys have their own switch");
    }
  }

  @Test
  void jsonKeysCanBeDisplayOrCamelNamesWhileCsvHeadersStayApiNames() {
    String q =
        DAY + "&reportMetrics=RESPONSE_ID&reportMetrics=AGENT_NAME&reportMetrics=IS_FIRST_RESPONSE";
    for (JsonKeyStyle style : JsonKeyStyle.values()) {
      try (KhorosEmulator emu =
          KhorosEmulator.builder().jsonKeys(style).rateLimit(RateLimit.OFF).build().start()) {
        ApiClient api = new ApiClient(emu);
        List<String> expected =
            switch (style) {
              case API -> List.of("RESPONSE_ID", "AGENT_NAME", "IS_FIRST_RESPONSE");
              case DISPLAY -> List.of("Response ID", "Agent Name", "Is First Response");
              case CAMEL -> List.of("responseId", "agentName", "isFirstResponse");
            };
        assertEquals(
            expected,
            List.copyOf(ApiClient.jsonRows(api.export("response", q)).get(0).keySet()),
            style.name());
        assertEquals(
            expected,
            List.copyOf(ApiClient.jsonRows(api.groundTruth("response", q)).get(0).keySet()),
            style.name());
        assertEquals(
            List.of("RESPONSE_ID", "AGENT_NAME", "IS_FIRST_RESPONSE"),
            ApiClient.csvHeader(api.groundTruth("response", q + "&reportFormat=csv")));
      }
    }
  }

  @Test
  void theSpellingChangesOnlyTheNamesNotTheValues() {
    String q =
        DAY + "&reportMetrics=RESPONSE_ID&reportMetrics=AGENT_NAME&reportMetrics=RESPONSE_TIME";
    String api;
    try (KhorosEmulator emu = KhorosEmulator.builder().build().start()) {
      api = new ApiClient(emu).groundTruth("response", q);
    }
    try (KhorosEmulator emu =
        KhorosEmulator.builder().jsonKeys(JsonKeyStyle.CAMEL).build().start()) {
      assertEquals(
          api.replace("\"RESPONSE_ID\"", "\"responseId\"")
              .replace("\"AGENT_NAME\"", "\"agentName\"")
              .replace("\"RESPONSE_TIME\"", "\"responseTime\""),
          new ApiClient(emu).groundTruth("response", q));
    }
  }

  @Test
  void aReplacedCatalogWithInventedColumnsAndExportsStillServesRows(@TempDir Path dir)
      throws Exception {
    Path catalog = dir.resolve("catalog.json");
    Files.writeString(
        catalog,
        """
                {"exports": [
                  {"id": "response", "columns": [
                    {"name": "RESPONSE_ID", "type": "string"},
                    {"name": "MOOD_SCORE", "type": "double"},
                    {"name": "IS_HAPPY", "type": "boolean", "default": false}]},
                  {"id": "made_up", "columns": [
                    {"name": "EVENT_TIME", "type": "timestamp", "anchor": true},
                    {"name": "WIDGET_COUNT", "type": "long"},
                    {"name": "NOTE", "type": "text"}]}
                ]}""");
    try (KhorosEmulator emu =
        KhorosEmulator.builder()
            .catalog(catalog)
            .jobLatencyMillis(10)
            .rateLimit(RateLimit.OFF)
            .build()
            .start()) {
      ApiClient api = new ApiClient(emu);
      String csv = api.export("response", DAY + "&reportFormat=csv");
      assertEquals(List.of("RESPONSE_ID", "MOOD_SCORE"), ApiClient.csvHeader(csv));
      Map<String, String> first = ApiClient.csv(csv).get(0).toMap();
      assertTrue(
          first.get("RESPONSE_ID").matches("\\d+")
              && first.get("MOOD_SCORE").matches("\\d+(\\.\\d+)?"),
          first.toString());
      List<Map<String, String>> madeUp =
          ApiClient.jsonRows(
              api.export("made_up", DAY + "&reportMetrics=WIDGET_COUNT&reportMetrics=EVENT_TIME"));
      assertTrue(madeUp.size() > 10);
      assertTrue(madeUp.get(0).get("EVENT_TIME").startsWith("2019-03-04 "));
      assertEquals(
          404,
          api.create("conversation", DAY).statusCode(),
          "exports missing from the replaced catalog are unknown");
    }
  }
}
