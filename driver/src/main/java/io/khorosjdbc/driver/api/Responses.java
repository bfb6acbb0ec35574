package io.khorosjdbc.driver.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;

/**
 * Reads the API's small JSON envelopes ({@code {status, request, message, result}}) into values.
 * Export files are never read here.
 */
final class Responses {

  private final ObjectMapper json;
  private final ErrorMapper errors;

  Responses(ObjectMapper json, ErrorMapper errors) {
    this.json = json;
    this.errors = errors;
  }

  /**
   * The {@code result} of a 2xx envelope whose {@code status} is {@code PASS}.
   *
   * @param exportId the export being created, for messages; {@code null} for other calls
   */
  JsonNode passedResult(Response response, Endpoint endpoint, String exportId) throws IOException {
    JsonNode envelope;
    try {
      envelope = json.readTree(response.body().byteStream());
    } catch (JsonProcessingException e) {
      throw malformed(endpoint, exportId, "the body is not JSON");
    }
    if (envelope == null || envelope.isMissingNode()) {
      throw malformed(endpoint, exportId, "the body is empty");
    }
    if (!envelope.isObject()) {
      throw malformed(endpoint, exportId, "expected a JSON object");
    }
    if (!"PASS".equals(envelope.path("status").asText())) {
      throw errors.notPassed(response.code(), envelope, endpoint, exportId);
    }
    return envelope.path("result");
  }

  /** A create-export {@code result}; builds a status URL when the server sent none. */
  ExportHandle handle(JsonNode result, ApiPaths paths, String exportId) throws ApiException {
    String workflowId = text(result, "workflowId");
    String runId = text(result, "runId");
    if (workflowId == null || runId == null) {
      throw malformed(Endpoint.CREATE_EXPORT, exportId, "no workflowId/runId in the result");
    }
    String statusUrl = text(result, "statusUrl");
    return new ExportHandle(
        workflowId,
        runId,
        statusUrl == null || statusUrl.isBlank()
            ? paths.fallbackStatusUrl(workflowId, runId)
            : statusUrl,
        text(result, "downloadUrl"));
  }

  /**
   * A status {@code result}: {@code {jobInfo, result}} or, as the documented running and failed
   * examples show, a one-element array of it. How the job ended is in {@code detail}, or in {@code
   * details} as the legacy jobs listing spells it; whichever says something wins.
   */
  JobStatus status(JsonNode result) throws ApiException {
    JsonNode job = result.isArray() ? result.path(0) : result;
    JsonNode state = job.path("result");
    if (!state.isObject()) {
      throw malformed(Endpoint.STATUS, null, "no result.result object with the runner state");
    }
    String detail = text(state, "detail");
    String details = text(state, "details");
    if (detail == null || detail.isBlank() && details != null) {
      detail = details;
    }
    return new JobStatus(
        text(state, "runnerState"),
        detail,
        text(job.path("jobInfo"), "downloadUrl"),
        text(state, "reason"),
        errors.serverText(state.toString()));
  }

  List<Team> teams(JsonNode result) throws ApiException {
    List<Team> teams = new ArrayList<>();
    for (JsonNode team : array(result, Endpoint.TEAMS)) {
      JsonNode members = team.path("numberOfMembers");
      teams.add(
          new Team(
              text(team, "uuid"),
              team.path("teamId").asLong(),
              text(team, "name"),
              text(team, "description"),
              members.isNumber() ? members.asInt() : null));
    }
    return List.copyOf(teams);
  }

  List<TimeZoneInfo> timezones(JsonNode result) throws ApiException {
    List<TimeZoneInfo> zones = new ArrayList<>();
    for (JsonNode zone : array(result, Endpoint.TIMEZONES)) {
      zones.add(
          new TimeZoneInfo(
              text(zone, "id"),
              text(zone, "name"),
              text(zone, "shortName"),
              text(zone, "offsetString"),
              zone.path("offsetMillis").asLong()));
    }
    return List.copyOf(zones);
  }

  private static JsonNode array(JsonNode result, Endpoint endpoint) throws ApiException {
    if (!result.isArray()) {
      throw malformed(endpoint, null, "expected result to be an array");
    }
    return result;
  }

  /**
   * A field's text; {@code null} when absent or JSON null (so callers need no {@code "null"}
   * checks).
   */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  private static ApiException malformed(Endpoint endpoint, String exportId, String what) {
    return new ApiException("unexpected response while " + endpoint.action(exportId) + ": " + what);
  }
}
