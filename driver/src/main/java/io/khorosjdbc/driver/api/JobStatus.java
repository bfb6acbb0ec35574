package io.khorosjdbc.driver.api;

/**
 * One answer of the status endpoint.
 *
 * <p>The documented states are {@code RUNNING}, {@code CLOSED}+{@code COMPLETED} and
 * {@code CLOSED}+{@code FAILED}. Anything else is {@link #isUnknown() unknown}: the caller must
 * report it rather than keep polling, because waiting will not turn it into a known state.
 *
 * @param runnerState {@code runnerState}, e.g. {@code RUNNING} or {@code CLOSED}
 * @param detail {@code detail} (or {@code details}), e.g. {@code COMPLETED}, {@code FAILED}, or empty
 * @param downloadUrl the download URL once completed, else {@code null}
 * @param reason the server's {@code reason}, usually {@code null}
 */
public record JobStatus(String runnerState, String detail, String downloadUrl, String reason) {

    public JobStatus {
        downloadUrl = downloadUrl == null || downloadUrl.isBlank() ? null : downloadUrl;
    }

    /** The job finished and its file can be downloaded. */
    public boolean isCompleted() {
        return "CLOSED".equals(runnerState) && "COMPLETED".equals(detail);
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

    @Override
    public String toString() {
        return "JobStatus[runnerState=" + runnerState + ", detail=" + detail + ", downloadUrl="
                + Redaction.url(downloadUrl) + ", reason=" + reason + "]";
    }
}
