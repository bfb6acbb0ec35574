package io.khorosjdbc.driver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.regex.Pattern;
import okhttp3.Response;

/**
 * Turns unsuccessful responses into {@link ApiException}s whose message says what to do.
 *
 * <p>Server text is included because it often is the only explanation (e.g. the {@code
 * timeInterval} HydrationException), but it is scrubbed first: a server might echo a URL with a
 * token, or the request's credentials.
 */
final class ErrorMapper {

  /** Enough for any explanation; error pages can be large and are not worth reading whole. */
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private static final int MAX_SERVER_MESSAGE = 500;
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile("(?i)([a-z_-]*(?:token|key|signature|credential|password)=)[^&\\s\"'<>]+");

  private final ObjectMapper json;
  private final String password;
  private final Clock clock;

  ErrorMapper(ObjectMapper json, String password, Clock clock) {
    this.json = json;
    this.password = password;
    this.clock = clock;
  }

  /** Explains a non-2xx response; reads at most a small prefix of its body. */
  ApiException httpError(Response response, Endpoint endpoint, String exportId) {
    int code = response.code();
    String serverMessage = errorBodyMessage(response);
    String action = endpoint.action(exportId);
    long retryAfter = RetryAfter.millis(response.header("Retry-After"), clock);
    boolean presigned = endpoint == Endpoint.PRESIGNED_DOWNLOAD;
    // Storage services answer an expired pre-signed URL with 403, the API an expired link with 410.
    boolean linkExpired = code == 410 || (presigned && code == 403);
    String message =
        switch (code) {
          case 400 ->
              "the server rejected "
                  + action
                  + " (HTTP 400)"
                  + (serverMessage != null
                      ? ": " + serverMessage
                      : " without saying why: " + endpoint.whatToCheck());
          case 401 ->
              "the server rejected the user name or password (HTTP 401): check user/password, "
                  + "the account must be an Analytics API user";
          case 404 -> notFound(endpoint, exportId);
          case 429 ->
              "the server is limiting the request rate (HTTP 429): wait"
                  + (retryAfter >= 0 ? " " + (retryAfter + 999) / 1000 + " s" : "")
                  + " and try again";
          case 500, 502, 503, 504 ->
              "the server failed while " + action + " (HTTP " + code + "): try again later";
          case 403, 410 ->
              linkExpired
                  ? linkExpired(code)
                  : "the server refused access (HTTP 403): check companyKey, it must be the "
                      + "Analytics API company key of the user's company";
          default -> "unexpected HTTP " + code + " while " + action;
        };
    if (endpoint == Endpoint.CREATE_EXPORT
        && (code == 500 || code == 502 || code == 504 || (code == 503 && retryAfter < 0))) {
      // Only 429 and 503 + Retry-After prove that no job was started; see RetryInterceptor.
      message +=
          "; the server may have started the job anyway, so the driver did not create it "
              + "again (that could run a duplicate export)";
    }
    if (serverMessage != null && code != 400) {
      message += " (server said: " + serverMessage + ")";
    }
    return new ApiException(message, code, serverMessage, retryAfter, linkExpired);
  }

  /** Explains a 2xx envelope whose {@code status} is not {@code PASS}. */
  ApiException notPassed(int httpStatus, JsonNode envelope, Endpoint endpoint, String exportId) {
    String serverMessage = serverMessage(envelope);
    String status = envelope.path("status").asText("(none)");
    return new ApiException(
        "the server refused "
            + endpoint.action(exportId)
            + " (status "
            + scrub(status)
            + ")"
            + (serverMessage != null
                ? ": " + serverMessage
                : " without saying why: " + endpoint.whatToCheck()),
        httpStatus,
        serverMessage,
        -1,
        false);
  }

  private static String linkExpired(int code) {
    return "the download link has expired (HTTP "
        + code
        + "): download again from the export's "
        + "downloadUrl, or run the query again if the export is older than 24 hours";
  }

  private static String notFound(Endpoint endpoint, String exportId) {
    return switch (endpoint) {
      case CREATE_EXPORT -> "unknown export '" + exportId + "' (HTTP 404): check the export name";
      case STATUS -> "the server no longer knows this export job (HTTP 404): run the query again";
      case DOWNLOAD, PRESIGNED_DOWNLOAD ->
          "the export file was not found (HTTP 404): run the query again";
      case TEAMS, TIMEZONES ->
          "not found (HTTP 404) while " + endpoint.action + ": check the base URL";
    };
  }

  /**
   * The server's explanation in an error body: from a JSON envelope ({@link #serverMessage}), a
   * JSON string, or a body of plain text; {@code null} for an empty body, {@code {}}, broken JSON
   * or an HTML error page. Never fails: an unreadable error body must not hide the HTTP status.
   */
  private String errorBodyMessage(Response response) {
    String text;
    try {
      text = response.peekBody(MAX_ERROR_BODY).string().strip();
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (text.isEmpty()) {
      return null;
    }
    JsonNode body;
    try {
      body = json.readTree(text);
    } catch (IOException | RuntimeException e) {
      // Plain text may explain; a broken JSON body or an HTML error page does not.
      boolean structured = text.startsWith("<") || text.startsWith("{") || text.startsWith("[");
      return structured ? null : serverText(text);
    }
    if (body != null && body.isTextual()) {
      return text(body) == null ? null : serverText(text(body));
    }
    return serverMessage(body);
  }

  /**
   * The envelope's {@code message} and a textual {@code result} (where the API puts e.g. the {@code
   * timeInterval} HydrationException), both when both are there; scrubbed and shortened.
   */
  String serverMessage(JsonNode envelope) {
    if (envelope == null) {
      return null;
    }
    String message = text(envelope.path("message"));
    String result = text(envelope.path("result"));
    if (message == null || (result != null && message.contains(result))) {
      message = result;
    } else if (result != null && !result.contains(message)) {
      message = message + " (" + result + ")";
    }
    return message == null ? null : serverText(message);
  }

  /** Text the server sent, fit for a message: secrets masked, at most a few hundred characters. */
  String serverText(String text) {
    String scrubbed = scrub(text);
    return scrubbed.length() <= MAX_SERVER_MESSAGE
        ? scrubbed
        : scrubbed.substring(0, MAX_SERVER_MESSAGE) + "…";
  }

  private static String text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText().strip() : null;
  }

  private String scrub(String text) {
    String scrubbed = SECRET_PARAMETER.matcher(text).replaceAll("$1" + Redaction.MASK);
    return password == null || password.isEmpty()
        ? scrubbed
        : scrubbed.replace(password, Redaction.MASK);
  }
}
