package io.khorosjdbc.emulator.job;

import io.khorosjdbc.emulator.report.ReportRequest;

/**
 * One export job. Its state is computed from the clock when asked (RUNNING until {@code readyAt},
 * then COMPLETED), unless a fault made it fail or hang.
 */
public final class Job {
  /** The state a status call reports. */
  public enum State {
    RUNNING,
    COMPLETED,
    FAILED
  }

  private final String workflowId;
  private final String runId;
  private final String accessToken;
  private final ReportRequest request;
  private volatile long readyAt;
  private volatile boolean failed;
  private volatile boolean stuck;
  private volatile boolean linkExpired;

  Job(String workflowId, String runId, String accessToken, ReportRequest request, long readyAt) {
    this.workflowId = workflowId;
    this.runId = runId;
    this.accessToken = accessToken;
    this.request = request;
    this.readyAt = readyAt;
  }

  public String workflowId() {
    return workflowId;
  }

  public String runId() {
    return runId;
  }

  public String accessToken() {
    return accessToken;
  }

  public ReportRequest request() {
    return request;
  }

  /** When the job completes (or fails); the download link's lifetime counts from here. */
  public long readyAt() {
    return readyAt;
  }

  public State state(long now) {
    if (stuck || now < readyAt) {
      return State.RUNNING;
    }
    return failed ? State.FAILED : State.COMPLETED;
  }

  /** Makes the job end CLOSED/FAILED: at its normal end, or now if {@code immediately}. */
  public void fail(long now, boolean immediately) {
    failed = true;
    if (immediately && now < readyAt) {
      readyAt = now;
    }
  }

  /** Keeps the job RUNNING forever. */
  public void hang() {
    stuck = true;
  }

  /** Makes the download link report that it has expired. */
  public void expireLink() {
    linkExpired = true;
  }

  public boolean linkExpired(long now, long linkTtlMillis) {
    return linkExpired || now > readyAt + linkTtlMillis;
  }
}
