package io.khorosjdbc.driver.api;

import java.util.Objects;

/**
 * A created export job: its IDs and the URLs the server gave for it.
 *
 * <p>The URLs must be used exactly as returned (their host and encoded path segments matter), and
 * they carry an access token, so {@link #toString()} masks it.
 *
 * @param workflowId the job's workflow ID
 * @param runId the job's run ID (base64-like; contains {@code + / =})
 * @param statusUrl where to poll the job's status
 * @param downloadUrl where to download the file, or {@code null} if not known yet (usually only
 *     known from {@link JobStatus#downloadUrl()} once the job completed)
 */
public record ExportHandle(String workflowId, String runId, String statusUrl, String downloadUrl) {

  public ExportHandle {
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(statusUrl, "statusUrl");
    downloadUrl = downloadUrl == null || downloadUrl.isBlank() ? null : downloadUrl;
  }

  @Override
  public String toString() {
    return "ExportHandle[workflowId="
        + workflowId
        + ", runId="
        + runId
        + ", statusUrl="
        + Redaction.url(statusUrl)
        + ", downloadUrl="
        + Redaction.url(downloadUrl)
        + "]";
  }
}
