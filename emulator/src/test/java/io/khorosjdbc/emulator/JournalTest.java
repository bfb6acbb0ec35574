package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The journal records every API call with its merged parameters, whether auth was sent, and the
 * status.
 */
class JournalTest {
  @RegisterExtension
  static final KhorosEmulatorExtension EMU =
      new KhorosEmulatorExtension(
          KhorosEmulator.builder().jobLatencyMillis(5).rateLimit(RateLimit.OFF));

  @Test
  void theFlowIsJournaledAndTheFileFetchCarriesNoCredentials() {
    ApiClient api = new ApiClient(EMU.emulator());
    api.export(
        "response",
        Windows.days(Windows.MONDAY, 1) + "&priorities=1%2C2&reportMetrics=RESPONSE_ID");
    List<JournalEntry> journal = EMU.emulator().journal();
    JournalEntry create = journal.get(0);
    assertEquals("create", create.route());
    assertEquals("response", create.exportId());
    assertEquals("POST", create.method());
    assertEquals(List.of("demo"), create.parameters().get("companyKey"));
    assertEquals(List.of("1,2"), create.parameters().get("priorities"));
    assertTrue(create.authSent());
    assertEquals(200, create.status());
    assertTrue(journal.stream().anyMatch(e -> e.route().equals("status")));
    JournalEntry download =
        journal.stream().filter(e -> e.route().equals("download")).findFirst().orElseThrow();
    assertEquals(307, download.status());
    JournalEntry file = journal.get(journal.size() - 1);
    assertEquals("file", file.route());
    assertFalse(file.authSent());
    assertNull(file.exportId());
    assertEquals(200, file.status());
  }

  @Test
  void theHttpJournalIsAJsonArrayAndResetEmptiesIt() throws Exception {
    ApiClient api = new ApiClient(EMU.emulator());
    api.get(EMU.baseUrl() + "/api/public/teams?companyKey=demo", false);
    JsonNode journal =
        ApiClient.JSON.readTree(api.get(EMU.baseUrl() + "/_emulator/requests", false).body());
    assertEquals(1, journal.size(), "the emulator's own routes are not journaled");
    JsonNode e = journal.get(0);
    for (String field :
        List.of(
            "seq",
            "time",
            "method",
            "path",
            "route",
            "exportId",
            "parameters",
            "authSent",
            "status")) {
      assertTrue(e.has(field), field);
    }
    assertEquals("teams", e.get("route").asText());
    assertEquals(401, e.get("status").asInt());
    assertFalse(e.get("authSent").asBoolean());
    api.send(
        HttpRequest.newBuilder(URI.create(EMU.baseUrl() + "/_emulator/reset"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
    assertEquals("[]", api.get(EMU.baseUrl() + "/_emulator/requests", false).body());
  }

  @Test
  void formAndJsonBodiesAreMergedWithTheQueryAndThePasswordIsNeverRecorded() {
    ApiClient api = new ApiClient(EMU.emulator());
    String url =
        EMU.baseUrl()
            + "/api/public/reports/report/conversation_actions?companyKey=demo&reportMetrics=ACTION_ID";
    var form =
        api.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", api.auth())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        Windows.days(Windows.MONDAY, 1) + "&reportMetrics=ACTION_TYPE"))
                .build());
    assertEquals(200, form.statusCode(), form.body());
    var json =
        api.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", api.auth())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"startTime\": "
                            + Windows.MONDAY
                            + ", \"endTime\": \""
                            + (Windows.MONDAY + Windows.DAY)
                            + "\", \"reportMetrics\": [\"ACTION_TYPE\"], \"reportFormat\": \"csv\"}"))
                .build());
    assertEquals(200, json.statusCode(), json.body());
    List<JournalEntry> journal = EMU.emulator().journal();
    assertEquals(
        List.of("ACTION_ID", "ACTION_TYPE"), journal.get(0).parameters().get("reportMetrics"));
    assertEquals(
        List.of(String.valueOf(Windows.MONDAY)), journal.get(1).parameters().get("startTime"));
    assertEquals(
        List.of("ACTION_ID", "ACTION_TYPE"), journal.get(1).parameters().get("reportMetrics"));
    assertTrue(
        journal.stream()
            .noneMatch(
                e ->
                    e.parameters().containsKey("password")
                        || e.parameters()
                            .toString()
                            .contains(api.auth().substring("Basic ".length()))),
        "credentials are not parameters");

    String statusUrl = ApiClient.json(json).at("/result/statusUrl").asText();
    String csv =
        api.download(api.awaitClosed(statusUrl).at("/result/jobInfo/downloadUrl").asText()).body();
    assertTrue(
        csv.startsWith("ACTION_ID,ACTION_TYPE\r\n"),
        "the JSON body's reportFormat and columns were applied");
  }
}
