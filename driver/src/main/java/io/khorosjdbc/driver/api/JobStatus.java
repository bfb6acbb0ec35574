package io.khorosjdbc.driver.api;

/**
 * One answer of the status endpoint.
 *
 * <p>The documented states are {@code RUNNING}, {@code CLOSED}+{@code COMPLETED} and {@code
 * CLOSED}+{@code FAILED}. The legacy jobs listing also shows a finished job as {@code CLOSED} with
 * an empty or null detail and a non-empty {@code downloadUrl}; that is completed too. Anything else
 * is {@link #isUnknown() unknown}: the caller must report it, in the server's own words ({@link
 * #sent()}), rather than keep polling, because waiting will not turn it into a known state.
 *
 * @param runnerState {@code runnerState}, e.g. {@code RUNNING} or {@code CLOSED}
 * @param detail {@code detail} (or {@code details}), e.g. {@code COMPLETED}, {@code FAILED}, or
 *     empty
 * @param downloadUrl the download URL once completed, else {@code null}
 * @param reason the server's {@code reason}, usually {@code null}
 * @param sent the runner-state object as the server sent it (JSON, secrets masked, shortened), for
 *     messages; {@code null} when unknown
 */
public record JobStatus(
    String runnerState, String detail, String downloadUrl, String reason, String sent) {

  public JobStatus {
    downloadUrl = downloadUrl == null || downloadUrl.isBlank() ? null : downloadUrl;
  }

  /** A status built from its fields alone, without the server's text. */
  public JobStatus(String runnerState, String detail, String downloadUrl, String reason) {
    this(runnerState, detail, downloadUrl, reason, null);
  }

  /**
   * The job finished and its file can be downloaded: {@code CLOSED} with detail {@code COMPLETED},
   * or {@code CLOSED} with an empty or null detail and a download URL.
   */
  public boolean isCompleted() {
    return "CLOSED".equals(runnerState)
        && ("COMPLETED".equals(detail)
            || (detail == null || detail.isBlank()) && downloadUrl != null);
  }

  /** The job finished without a file. */
  public boolean isFailed() {
    return "CLOSED".equals(runnerState) && "FAILED".equals(detail);
  }

  /** The job is still working; poll again later. */
  public boolean isRunning() {
    return "RUNNING".equals(runnerState);
  }

  /** None of the documented states; report it instead of polling on. */
  public boolean isUnknown() {
    return !isCompleted() && !isFailed() && !isRunning();
  }

  /**
   * The state in the server's own words for a message: what it {@link #sent()}, or else the fields
   * as read ({@code runnerState "CLOSED", detail "", reason null}).
   */
  public String inServersWords() {
    if (sent != null) {
      return sent;
    }
    return "runnerState "
        + quoted(runnerState)
        + ", detail "
        + quoted(detail)
        + ", reason "
        + quoted(reason);
  }

  private static String quoted(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }

  @Override
  public String toString() {
    return "JobStatus[runnerState="
        + runnerState
        + ", detail="
        + detail
        + ", downloadUrl="
        + Redaction.url(downloadUrl)
        + ", reason="
        + reason
        + "]";
  }
}
