package io.khorosjdbc.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.khorosjdbc.emulator.fault.FaultKind;
import io.khorosjdbc.emulator.report.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The single entry point: classifies each request into a route, applies injected faults, checks
 * Basic auth and companyKey on the analytics routes, counts them against the company's rate limit,
 * dispatches, and turns refusals into the API's failure envelope.
 */
final class EmulatorHandler implements HttpHandler {
  private static final List<String> REPORT_PREFIX = List.of("api", "public", "reports", "report");

  private final State state;
  private final AtomicLong seq = new AtomicLong();
  private final ReportRoutes reports;
  private final FileRoute files;
  private final ConfigRoutes config;
  private final AdminRoutes admin;
  private final String expectedAuth;

  EmulatorHandler(State state) {
    this.state = state;
    this.reports = new ReportRoutes(state);
    this.files = new FileRoute(state);
    this.config = new ConfigRoutes(state.exports().data().world());
    this.admin = new AdminRoutes(state, reports);
    this.expectedAuth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (state.config().user() + ":" + state.config().password())
                        .getBytes(StandardCharsets.UTF_8));
  }

  AdminRoutes admin() {
    return admin;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Call call =
        new Call(
            exchange, state.journal(), seq.incrementAndGet(), state.config().slowBytesPerSecond());
    try {
      call.readBody();
      dispatch(call);
    } catch (ApiException e) {
      call.fail(e.status(), e.getMessage(), e.result());
    } catch (Responded e) {
      // the response has been sent already
    } catch (AbortConnection e) {
      throw e; // let the server drop the connection instead of completing the response
    } catch (RuntimeException e) {
      if (call.responded()) {
        throw e;
      }
      call.fail(500, "emulator error: " + e, null);
    }
    exchange.close();
  }

  private void dispatch(Call call) throws IOException {
    List<String> s = call.segments();
    if (!s.isEmpty() && s.get(0).equals("_emulator")) {
      call.unjournaled();
      admin.handle(call, s.subList(1, s.size()));
      return;
    }
    call.parseBody();
    if (s.size() > REPORT_PREFIX.size()
        && s.subList(0, REPORT_PREFIX.size()).equals(REPORT_PREFIX)) {
      List<String> rest = s.subList(REPORT_PREFIX.size(), s.size());
      if (rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("download"))) {
        jobRoute(call, rest.get(2), rest.get(0), rest.get(1));
      } else {
        String path = String.join("/", rest);
        call.route(
            "create", path.startsWith("marketing/") ? path.substring("marketing/".length()) : path);
        FaultKind fault = guard(call, true, "GET", "POST");
        reports.create(call, reports.export(path), fault);
      }
    } else if (s.equals(List.of("api", "public", "config", "timezones"))) {
      call.route("timezones", null);
      guard(call, true, "GET");
      config.timezones(call);
    } else if (s.equals(List.of("api", "public", "teams"))) {
      call.route("teams", null);
      guard(call, true, "GET");
      config.teams(call);
    } else if (s.size() == 2 && s.get(0).equals("files")) {
      call.route("file", null);
      FaultKind fault = fault(call);
      requireMethod(call, "GET");
      files.handle(call, s.get(1), fault);
    } else {
      throw new ApiException(404, "no such route: " + call.method() + " /" + String.join("/", s));
    }
  }

  private void jobRoute(Call call, String action, String workflowId, String runId)
      throws IOException {
    call.route(action, null);
    FaultKind fault = guard(call, false, "GET");
    var job = reports.job(workflowId, runId);
    reports.checkAccess(call, job);
    if (action.equals("status")) {
      reports.status(call, job, fault);
    } else {
      reports.download(call, job, fault);
    }
  }

  /**
   * Faults first (an overloaded server answers before checking anything), then method, Basic auth,
   * companyKey and the rate limit. Returns the job-level fault (failed, stuck, expired) for the
   * route to apply, if any.
   */
  private FaultKind guard(Call call, boolean companyKeyRequired, String... methods)
      throws IOException {
    FaultKind fault = fault(call);
    requireMethod(call, methods);
    if (!expectedAuth.equals(call.header("Authorization"))) {
      call.setHeader("WWW-Authenticate", "Basic realm=\"Khoros Analytics API\"");
      call.empty(401);
      throw new Responded();
    }
    if (companyKeyRequired) {
      String key =
          call.params()
              .first("companyKey")
              .orElseThrow(
                  () -> ApiException.badRequest("companyKey is required as a query parameter"));
      if (!key.equals(state.config().companyKey())) {
        call.setHeader("WWW-Authenticate", "Basic realm=\"Khoros Analytics API\"");
        call.empty(401);
        throw new Responded();
      }
    }
    // Status and download carry no companyKey; their job belongs to the one tenant, so all count
    // under its key.
    throttle(call, state.config().companyKey());
    return fault;
  }

  /**
   * Counts an authenticated request against its company's limit, or refuses it with a bare 429: the
   * API documents no Retry-After, so the header comes only with --rate-limit-retry-after.
   */
  private void throttle(Call call, String company) {
    long waitNanos = state.limiter().acquire(company);
    if (waitNanos == 0) {
      return;
    }
    if (state.config().rateLimitRetryAfter()) {
      call.setHeader(
          "Retry-After", Long.toString(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L)));
    }
    long ms = state.limiter().limit().window().toMillis();
    throw new ApiException(
        429,
        "rate limit exceeded: at most "
            + state.limiter().limit().permits()
            + " requests per "
            + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms")
            + " for this company");
  }

  /** Applies connection-level and HTTP-error faults; returns body and job faults for later. */
  private FaultKind fault(Call call) throws IOException {
    FaultKind fault = state.faults().fire(call.route());
    if (fault == null) {
      return null;
    }
    switch (fault) {
      case RESET -> call.reset();
      case HTTP_429 -> {
        call.setHeader("Retry-After", "1");
        throw new ApiException(429, "rate limit exceeded (injected fault); retry after 1 s");
      }
      case HTTP_500, HTTP_502, HTTP_503 ->
          throw new ApiException(
              fault.httpStatus(), "server error " + fault.httpStatus() + " (injected fault)");
      case TRUNCATE, SLOW -> call.bodyFault(fault);
      default -> {
        return fault;
      }
    }
    return null;
  }

  private static void requireMethod(Call call, String... methods) {
    for (String m : methods) {
      if (m.equals(call.method())) {
        return;
      }
    }
    throw new ApiException(
        405,
        "method " + call.method() + " is not allowed here; use " + String.join(" or ", methods));
  }

  /** Unwinds after a response without a body (401) has been sent. */
  private static final class Responded extends RuntimeException {
    Responded() {
      super(null, null, false, false);
    }
  }
}
