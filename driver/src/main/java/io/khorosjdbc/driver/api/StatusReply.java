package io.khorosjdbc.driver.api;

/**
 * A status call's answer both as the driver reads it and as the server sent it, for diagnostics
 * that report the response's shape ({@code khoros-sql --check}): whether {@code result} was an
 * object or an array, and how the state key was spelled.
 *
 * @param status the job's state, read as {@link AnalyticsClient#status} reads it
 * @param body the response body exactly as received (a small JSON envelope); it holds the job's
 *     URLs with their access tokens, so never log or save it whole
 */
public record StatusReply(JobStatus status, String body) {

  @Override
  public String toString() {
    return "StatusReply[" + status + "]";
  }
}
