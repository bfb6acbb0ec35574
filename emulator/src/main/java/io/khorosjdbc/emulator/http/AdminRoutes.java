package io.khorosjdbc.emulator.http;

import io.khorosjdbc.emulator.catalog.ExportDef;
import io.khorosjdbc.emulator.report.ApiException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The emulator's own routes under {@code /_emulator/} (no auth, not journaled, not rate-limited):
 * the journal, reset, runtime faults, and the synchronous ground-truth export.
 */
final class AdminRoutes {
  private final State state;
  private final ReportRoutes reports;

  AdminRoutes(State state, ReportRoutes reports) {
    this.state = state;
    this.reports = reports;
  }

  void handle(Call call, List<String> rest) throws IOException {
    String what = rest.isEmpty() ? "" : rest.get(0);
    String method = call.method();
    if (what.equals("requests") && method.equals("GET")) {
      call.json(200, state.journal().entries());
    } else if (what.equals("reset") && method.equals("POST")) {
      reset();
      call.empty(204);
    } else if (what.equals("faults") && method.equals("POST")) {
      setFaults(call.params().first("spec").orElse(call.rawBody()));
      call.empty(204);
    } else if (what.equals("faults") && method.equals("GET")) {
      call.setHeader("Content-Type", "text/plain; charset=utf-8");
      try (OutputStream out = call.stream(200)) {
        out.write(state.faults().spec().getBytes(StandardCharsets.UTF_8));
      }
    } else if (what.equals("export") && rest.size() > 1) {
      ExportDef export = reports.export(String.join("/", rest.subList(1, rest.size())));
      call.parseBody();
      ExportStreamer.send(call, state, state.parser().parse(export, call.params()));
    } else {
      throw new ApiException(
          404,
          "unknown emulator route; see GET /_emulator/requests, POST /_emulator/reset, "
              + "GET|POST /_emulator/faults, GET /_emulator/export/{exportId}");
    }
  }

  void reset() {
    state.journal().clear();
    state.jobs().clear();
    state.faults().set("");
    state.limiter().clear();
  }

  void setFaults(String spec) {
    try {
      state.faults().set(spec);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}
