package io.khorosjdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.khorosjdbc.emulator.CsvHeaderStyle;
import io.khorosjdbc.emulator.DateFormatStyle;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import io.khorosjdbc.emulator.catalog.Catalog;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * khoros-sql --check's compatibility report and --save capture, against a tenant that differs from
 * the driver's catalog (a new column, a missing one, a renamed anchor), with display headers and US
 * dates; then the emulator's --replay of that capture must look the same to the check.
 */
class CompatibilityReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String USER = "check-user-5150";
  static final String PASSWORD = "s3cret-Pass-8831";
  static final String COMPANY_KEY = "ACME-KEY-4711";

  /**
   * The documented limit, scaled from a minute to 600 ms on both sides: a 429 would show in the
   * report.
   */
  static final String BUDGET = "20/600ms";

  @TempDir Path temp;

  /**
   * The bundled catalog with a new column, a column taken away and the agent-state anchor renamed.
   */
  private Path tenantCatalog() throws Exception {
    ObjectNode root;
    try (InputStream in = Catalog.class.getResourceAsStream(Catalog.RESOURCE)) {
      root = (ObjectNode) JSON.readTree(in);
    }
    for (JsonNode export : root.get("exports")) {
      ArrayNode columns = (ArrayNode) export.get("columns");
      switch (export.get("id").asText()) {
        case "conversation" -> {
          columns.addObject().put("name", "CSAT_NPS").put("type", "long").put("default", true);
          for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).get("name").asText().equals("NETWORK")) {
              columns.remove(i);
            }
          }
        }
        case "raw_agent_states" -> {
          for (JsonNode c : columns) {
            if (c.get("name").asText().equals("state_start_time")) {
              ((ObjectNode) c).put("name", "state_started_at").remove("displayName");
            }
          }
        }
        default -> {}
      }
    }
    Path file = temp.resolve("tenant-catalog.json");
    JSON.writeValue(file.toFile(), root);
    return file;
  }

  private static KhorosEmulator.Builder tenant() {
    return KhorosEmulator.builder()
        .user(USER)
        .password(PASSWORD)
        .companyKey(COMPANY_KEY)
        .rateLimit(RateLimit.parse(BUDGET))
        .jobLatencyMillis(600);
  }

  private CliRun check(KhorosEmulator emu, Path capture, String state, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-u",
                emu.baseUrl(),
                "-k",
                COMPANY_KEY,
                "-n",
                USER,
                "-p",
                PASSWORD,
                "-D",
                "requestBudget=" + BUDGET,
                "-D",
                "pollInitialDelay=10ms",
                "-D",
                "cache=false",
                "-D",
                "cacheDir=" + temp.resolve(state),
                "-D",
                "schemaCacheDir=" + temp.resolve(state),
                "--check",
                "--save",
                capture.toString()));
    args.addAll(List.of(more));
    return CliRun.run(args.toArray(String[]::new));
  }

  /**
   * A tenant the emulator cannot be switched into (camelCase headers, grouped and decimal-comma
   * numbers, epoch and day-first dates, yes/no), written as a capture by hand: its replay must read
   * back as the same tenant.
   */
  @Test
  void aHandWrittenCaptureOfAnUnusualTenantReadsBackAsItself() throws Exception {
    Path capture = temp.resolve("unusual.json");
    Files.writeString(
        capture,
        """
                {"format": "khoros-jdbc compatibility capture", "version": 1,
                 "tables": [{"table": "conversation", "exportId": "conversation", "marketing": false,
                  "headerStyle": "camel", "rows": "11-100",
                  "anchors": [{"column": "CLOSED_TIME", "found": true, "header": "closedTime"},
                              {"column": "CREATED_TIME", "found": true, "header": "createdTime"}],
                  "job": {"readyMillis": 400, "lastRunningMillis": 200,
                          "statusShapes": {"RUNNING": "object", "COMPLETED": "object"}},
                  "columns": [
                   {"name": "conversationId", "apiName": "CONVERSATION_ID", "type": "string", "format": "",
                    "nullShare": 0, "length": {"min": 10, "max": 12}, "distinct": "11-100"},
                   {"name": "status", "apiName": "STATUS", "type": "string", "format": "",
                    "nullShare": 0, "length": {"min": 4, "max": 7}, "distinct": "2-10"},
                   {"name": "createdTime", "apiName": "CREATED_TIME", "type": "timestamp", "format": "epoch-millis",
                    "nullShare": 0, "length": {"min": 13, "max": 13}, "distinct": "11-100"},
                   {"name": "closedTime", "apiName": "CLOSED_TIME", "type": "timestamp",
                    "format": "dd.MM.yyyy HH:mm:ss",
                    "nullShare": 0.5, "length": {"min": 19, "max": 19}, "distinct": "11-100"},
                   {"name": "handleTimeMillis", "apiName": "HANDLE_TIME_MILLIS", "type": "long", "format": "grouped",
                    "nullShare": 0.2, "length": {"min": 1, "max": 9}, "distinct": "11-100"},
                   {"name": "csatScore", "apiName": "CSAT_SCORE", "type": "double", "format": "decimal-comma",
                    "nullShare": 0.3, "length": {"min": 3, "max": 5}, "distinct": "2-10"},
                   {"name": "revenueAmount", "apiName": "REVENUE_AMOUNT", "type": "double",
                    "format": "grouped-decimal-comma",
                    "nullShare": 0, "length": {"min": 8, "max": 12}, "distinct": "11-100"},
                   {"name": "isEscalated", "apiName": "IS_ESCALATED", "type": "boolean", "format": "yes/no",
                    "nullShare": 0, "length": {"min": 2, "max": 3}, "distinct": "2-10"},
                   {"name": "tags", "apiName": "TAGS", "type": "text", "format": "",
                    "nullShare": 0.1, "length": {"min": 5, "max": 40}, "distinct": "11-100"}],
                  "notSent": []}]}
                """);
    Path read = temp.resolve("read-back.json");
    try (KhorosEmulator replay = tenant().replay(capture).build().start()) {
      CliRun run = check(replay, read, "unusual", "--check-tables", "conversation");
      assertEquals(0, run.exitCode(), run::toString);
      String out = run.out();
      assertTrue(out.contains("1 table (conversation)"), out);
      assertTrue(
          out.contains("  header     camel (\"conversationId\", \"status\", \"createdTime\", ...)"),
          out);
      assertTrue(out.contains("numbers grouped (HANDLE_TIME_MILLIS)"), out);
      assertTrue(out.contains("numbers grouped-decimal-comma (REVENUE_AMOUNT)"), out);
      assertTrue(out.contains("timestamps dd.MM.yyyy HH:mm:ss (CLOSED_TIME)"), out);
      assertTrue(out.contains("object when COMPLETED") && !out.contains("array when"), out);
      JsonNode expected = JSON.readTree(capture.toFile()).get("tables").get(0);
      JsonNode actual = JSON.readTree(read.toFile()).get("tables").get(0);
      for (String field : List.of("headerStyle", "rows", "anchors")) {
        assertEquals(expected.get(field), actual.get(field), field + "\n" + out);
      }
      assertEquals(expected.get("columns").size(), actual.get("columns").size(), out);
      for (int c = 0; c < expected.get("columns").size(); c++) {
        for (String field : List.of("name", "apiName", "type", "format", "distinct")) {
          assertEquals(
              expected.get("columns").get(c).get(field),
              actual.get("columns").get(c).get(field),
              expected.get("columns").get(c).get("name") + "." + field + "\n" + out);
        }
      }
      assertEquals(
          List.of("REVENUE_AMOUNT", "IS_ESCALATED"),
          List.of(actual.at("/newColumns/0").asText(), actual.at("/newColumns/1").asText()),
          out);
    }
  }

  @Test
  void theReportShowsHowTheTenantDiffersAndTheReplayOfItsCaptureLooksTheSame() throws Exception {
    Path first = temp.resolve("capture.json");
    CliRun run;
    try (KhorosEmulator emu =
        tenant()
            .catalog(tenantCatalog())
            .csvHeader(CsvHeaderStyle.DISPLAY)
            .dateFormat(DateFormatStyle.US)
            .build()
            .start()) {
      run = check(emu, first, "original");
      assertEquals(0, run.exitCode(), run::toString);
      String out = run.out();
      assertTrue(out.contains("[5/5] compatibility report"), out);
      assertTrue(
          out.contains("4 tables (conversation, conversation_actions, raw_agent_states, response)"),
          out);
      assertTrue(out.contains("one-hour exports, 20 to 32 requests"), out);
      for (String table :
          List.of("conversation", "conversation_actions", "raw_agent_states", "response")) {
        assertTrue(
            out.contains("      . " + table + ": ready after "),
            "progress for " + table + ": " + out);
      }
      assertTrue(out.contains("  header     display (\"Conversation ID\""), out);
      assertTrue(out.contains("  new        CSAT_NPS"), out);
      assertTrue(
          out.lines().anyMatch(l -> l.startsWith("  not sent   ") && l.contains("NETWORK")), out);
      assertTrue(out.contains("state_start_time NOT FOUND"), out);
      assertTrue(out.contains("  new        STATE_STARTED_AT"), out);
      assertTrue(
          out.contains(
              "CLOSED_TIME found as \"Closed Time\"; CREATED_TIME found as \"Created Time\""),
          out);
      assertTrue(out.contains("RESPONSE_TIME found as \"Response Time\""), out);
      assertTrue(out.contains("timestamps MM/dd/yyyy hh:mm:ss a ("), out);
      assertTrue(
          out.contains(
              "  status     result array when RUNNING, object when COMPLETED; state key detail"),
          out);
      assertFalse(out.contains("HTTP 429"), "the check stays within the budget: " + out);
      Matcher requests = Pattern.compile("(\\d+) API requests in").matcher(out);
      assertTrue(requests.find(), out);
      int sent = Integer.parseInt(requests.group(1));
      assertTrue(sent >= 12 && sent <= 32, "5 to 8 requests a table, as announced: " + sent);
      assertTrue(out.contains("Capture saved to " + first), out);
      assertTrue(out.contains("All checks passed"), out);
      assertFalse(out.contains(PASSWORD), out);
      assertSanitized(emu, first, out);
    }

    Path second = temp.resolve("replayed.json");
    try (KhorosEmulator replay = tenant().replay(first).build().start()) {
      CliRun again = check(replay, second, "replay");
      assertEquals(0, again.exitCode(), again::toString);
      assertSameTenant(
          JSON.readTree(first.toFile()), JSON.readTree(second.toFile()), run.out() + again.out());
    }
  }

  /** The capture holds none of the exported values, nor the password, company key, user or host. */
  private static void assertSanitized(KhorosEmulator emu, Path capture, String report)
      throws Exception {
    String text = Files.readString(capture);
    for (String secret :
        List.of(PASSWORD, COMPANY_KEY, USER, "127.0.0.1", "localhost", ":" + emu.port())) {
      assertFalse(text.contains(secret), secret + " in " + text);
    }
    // Column names are kept by design (a header such as "Is Available" may contain a value's word);
    // every other string of the capture must be free of the values.
    List<String> leaves = new ArrayList<>();
    collectLeaves(JSON.readTree(text), null, leaves);
    Matcher window = Pattern.compile("for (\\S+Z) to (\\S+Z)").matcher(report);
    assertTrue(window.find(), report);
    long start = Instant.parse(window.group(1)).toEpochMilli();
    long end = Instant.parse(window.group(2)).toEpochMilli();
    int checked = 0;
    for (String export :
        List.of("conversation", "conversation_actions", "raw_agent_states", "response")) {
      for (String value : exportedValues(emu, export, start, end)) {
        if (value.length() < 4) {
          continue; // "1", "true": too short to mean anything in a file of words
        }
        checked++;
        for (String leaf : leaves) {
          assertFalse(
              leaf.equals(value) || value.length() >= 8 && leaf.contains(value),
              "the value '" + value + "' of " + export + " is in the capture: " + leaf);
        }
      }
    }
    assertTrue(checked > 100, "the exports had values to look for: " + checked);
  }

  /** Field names of the capture whose values are column or table names. */
  private static final Set<String> NAME_FIELDS =
      Set.of("name", "apiName", "header", "column", "table", "exportId", "newColumns", "notSent");

  private static void collectLeaves(JsonNode node, String field, List<String> into) {
    if (node.isValueNode()) {
      // Numbers and booleans are the capture's own measures (shares, lengths, milliseconds, flags).
      if (node.isTextual() && !NAME_FIELDS.contains(field)) {
        into.add(node.asText());
      }
      return;
    }
    if (node.isArray()) {
      node.forEach(n -> collectLeaves(n, field, into));
    }
    node.properties().forEach(e -> collectLeaves(e.getValue(), e.getKey(), into));
  }

  /** Every value of the window's export, from the emulator's synchronous ground-truth route. */
  private static List<String> exportedValues(
      KhorosEmulator emu, String export, long start, long end) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            emu.baseUrl()
                                + "/_emulator/export/"
                                + export
                                + "?companyKey="
                                + COMPANY_KEY
                                + "&startTime="
                                + start
                                + "&endTime="
                                + end
                                + "&reportFormat=csv&timezone=UTC"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    List<String> values = new ArrayList<>();
    try (CSVParser p =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(r.body()))) {
      for (CSVRecord record : p) {
        record.forEach(
            v -> {
              if (!v.isBlank()) {
                values.add(v);
              }
            });
      }
    }
    return values;
  }

  /**
   * Tables, columns (as sent, as matched, known or not, type and format), header style, row band,
   * anchors, new and unsent columns agree; job times agree within a tolerance.
   */
  private static void assertSameTenant(JsonNode first, JsonNode second, String context) {
    assertEquals(first.get("version"), second.get("version"));
    assertEquals(first.get("requested"), second.get("requested"));
    assertEquals(first.get("tables").size(), second.get("tables").size(), context);
    for (int i = 0; i < first.get("tables").size(); i++) {
      JsonNode a = first.get("tables").get(i);
      JsonNode b = second.get("tables").get(i);
      String table = a.get("table").asText();
      for (String field :
          List.of("table", "exportId", "headerStyle", "rows", "anchors", "newColumns", "notSent")) {
        assertEquals(a.get(field), b.get(field), table + "." + field + "\n" + context);
      }
      assertEquals(a.get("columns").size(), b.get("columns").size(), table + "\n" + context);
      for (int c = 0; c < a.get("columns").size(); c++) {
        JsonNode x = a.get("columns").get(c);
        JsonNode y = b.get("columns").get(c);
        for (String field : List.of("name", "apiName", "known", "driverType", "type", "format")) {
          assertEquals(
              x.get(field),
              y.get(field),
              table + "." + x.get("name") + "." + field + "\n" + context);
        }
      }
      long ready = a.at("/job/readyMillis").asLong();
      long replayed = b.at("/job/readyMillis").asLong();
      assertTrue(ready > 0 && replayed > 0, table + " job times " + ready + ", " + replayed);
      // Generous: the check polls (and the machine may be busy), so a job is seen ready late by a
      // varying amount.
      assertTrue(
          Math.abs(ready - replayed) <= Math.max(1000, ready),
          table + ": job time " + ready + " ms, replayed " + replayed + " ms\n" + context);
      assertEquals(
          JSON.createObjectNode(), b.at("/job/httpErrors"), table + ": no HTTP errors\n" + context);
    }
  }
}
