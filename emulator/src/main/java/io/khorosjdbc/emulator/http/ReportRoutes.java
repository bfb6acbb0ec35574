package io.khorosjdbc.emulator.http;

import io.khorosjdbc.emulator.catalog.ExportDef;
import io.khorosjdbc.emulator.fault.FaultKind;
import io.khorosjdbc.emulator.job.Job;
import io.khorosjdbc.emulator.report.ApiException;
import io.khorosjdbc.emulator.report.ReportRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The asynchronous export flow: create a job, poll its status, get the 307 to its file. */
final class ReportRoutes {
  private final State state;

  ReportRoutes(State state) {
    this.state = state;
  }

  void create(Call call, ExportDef export, FaultKind fault) throws IOException {
    long now = System.currentTimeMillis();
    ReportRequest request = state.parser().parse(export, call.params());
    int cap = state.config().maxRunningJobs();
    if (cap > 0 && state.jobs().running(now) >= cap) {
      call.setHeader("Retry-After", "1");
      throw new ApiException(
          429,
          "too many running exports: at most "
              + cap
              + " may run at once for this company; retry later");
    }
    long latency =
        export.jobLatencyMillis() >= 0
            ? export.jobLatencyMillis()
            : state.config().latencyFor(request.expectedRows(state.config().rowsPerDay()));
    Job job = state.jobs().create(request, now, latency);
    if (fault == FaultKind.FAILED) {
      job.fail(now, false);
    } else if (fault == FaultKind.STUCK) {
      job.hang();
    } else if (fault == FaultKind.EXPIRED) {
      job.expireLink();
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("workflowId", job.workflowId());
    result.put("runId", job.runId());
    // The reference's user examples already carry the downloadUrl at creation; the others show "".
    result.put("downloadUrl", export.id().equals("user") ? url(call, job, "download") : "");
    result.put("statusUrl", url(call, job, "status"));
    call.pass(result);
  }

  void status(Call call, Job job, FaultKind fault) throws IOException {
    long now = System.currentTimeMillis();
    if (fault == FaultKind.FAILED) {
      job.fail(now, true);
    } else if (fault == FaultKind.STUCK) {
      job.hang();
    }
    Job.State s = job.state(now);
    Map<String, Object> jobInfo = new LinkedHashMap<>();
    jobInfo.put("workflowId", job.workflowId());
    jobInfo.put("runId", job.runId());
    jobInfo.put("downloadUrl", s == Job.State.COMPLETED ? url(call, job, "download") : "");
    jobInfo.put("statusUrl", url(call, job, "status"));
    Map<String, Object> runner = new LinkedHashMap<>();
    runner.put("runnerState", s == Job.State.RUNNING ? "RUNNING" : "CLOSED");
    runner.put("reason", null);
    runner.put(
        state.config().statusDetailKey().field(),
        s == Job.State.RUNNING
            ? ""
            : s == Job.State.COMPLETED ? state.config().completedDetail().value() : s.name());
    runner.put("currentCount", null);
    runner.put("totalCount", null);
    runner.put("lastAcknowledgeTime", null);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("jobInfo", jobInfo);
    result.put("result", runner);
    call.pass(
        state.config().statusShape().isArray(s == Job.State.COMPLETED) ? List.of(result) : result);
  }

  void download(Call call, Job job, FaultKind fault) throws IOException {
    long now = System.currentTimeMillis();
    if (fault == FaultKind.EXPIRED) {
      job.expireLink();
    }
    Job.State s = job.state(now);
    if (s != Job.State.COMPLETED) {
      throw new ApiException(
          409,
          "the export is not ready: runnerState "
              + (s == Job.State.RUNNING ? "RUNNING" : "CLOSED")
              + ", detail "
              + (s == Job.State.RUNNING ? "\"\"" : s.name())
              + "; download once the status says CLOSED/COMPLETED");
    }
    if (job.linkExpired(now, state.config().linkTtlMillis())) {
      throw new ApiException(
          410,
          "the download link has expired (it is valid for "
              + state.config().linkTtlMillis() / 1000
              + " s after the export completes); create the export again");
    }
    String token = state.jobs().issueFileLink(job, now + state.config().fileTtlMillis());
    call.setHeader("Location", call.baseUrl() + "/files/" + token);
    call.empty(307);
  }

  /**
   * Checks the status/download credential: the job's analyticsAccessToken, or the older companyKey
   * form.
   */
  void checkAccess(Call call, Job job) {
    String token = call.params().first("analyticsAccessToken").orElse(null);
    String key = call.params().first("companyKey").orElse(null);
    if (token == null && key == null) {
      throw ApiException.badRequest(
          "analyticsAccessToken is required (use the statusUrl/downloadUrl as returned)");
    }
    if (!(job.accessToken().equals(token) || state.config().companyKey().equals(key))) {
      throw new ApiException(403, "analyticsAccessToken does not match this export job");
    }
  }

  Job job(String workflowId, String runId) {
    return state
        .jobs()
        .find(workflowId, runId)
        .orElseThrow(
            () ->
                new ApiException(
                    404, "no export job with workflowId=" + workflowId + " and runId=" + runId));
  }

  ExportDef export(String path) {
    return state
        .catalog()
        .byPath(path)
        .orElseThrow(
            () ->
                new ApiException(
                    404,
                    "unknown export '"
                        + path
                        + "'; known: "
                        + state.catalog().exports().stream()
                            .map(ExportDef::path)
                            .collect(Collectors.joining(", "))));
  }

  private static String url(Call call, Job job, String action) {
    return call.baseUrl()
        + "/api/public/reports/report/"
        + enc(job.workflowId())
        + "/"
        + enc(job.runId())
        + "/"
        + action
        + "?analyticsAccessToken="
        + enc(job.accessToken());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
