package io.khorosjdbc.driver.api;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * A failure reported by, or while talking to, the Analytics Reports API.
 *
 * <p>Messages are written for the person running the query: they say what went wrong and what to
 * change. They never contain the password, the {@code Authorization} header or URL tokens (URLs
 * pass through {@link Redaction#url(String)}).
 */
public class ApiException extends IOException {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final String serverMessage;
  private final long retryAfterMillis;
  private final boolean linkExpired;

  /** A failure that did not come from an HTTP response (bad settings, malformed envelope). */
  public ApiException(String message) {
    this(message, -1, null, -1, false);
  }

  ApiException(
      String message,
      int httpStatus,
      String serverMessage,
      long retryAfterMillis,
      boolean linkExpired) {
    super(message);
    this.httpStatus = httpStatus;
    this.serverMessage = serverMessage;
    this.retryAfterMillis = retryAfterMillis;
    this.linkExpired = linkExpired;
  }

  /** The HTTP status code of the response, or -1 when there was none. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The server's own explanation ({@code message} or string {@code result}), or {@code null}. */
  public String serverMessage() {
    return serverMessage;
  }

  /** Whether repeating the same request later may succeed (HTTP 429, 500, 502, 503, 504). */
  public boolean isRetryable() {
    return switch (httpStatus) {
      case 429, 500, 502, 503, 504 -> true;
      default -> false;
    };
  }

  /** How long the server asked us to wait ({@code Retry-After}), when it said so. */
  public OptionalLong retryAfterMillis() {
    return retryAfterMillis < 0 ? OptionalLong.empty() : OptionalLong.of(retryAfterMillis);
  }

  /** Whether a download link has expired, so the export has to be downloaded or run again. */
  public boolean isLinkExpired() {
    return linkExpired;
  }
}
