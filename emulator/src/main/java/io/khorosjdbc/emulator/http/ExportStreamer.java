package io.khorosjdbc.emulator.http;

import io.khorosjdbc.emulator.report.ReportRequest;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Sends an export file as a chunked body generated on the fly (shared by /files/ and the
 * ground-truth route).
 */
final class ExportStreamer {
  private ExportStreamer() {}

  static void send(Call call, State state, ReportRequest request) throws IOException {
    String ext = request.csv() ? "csv" : "json";
    call.setHeader(
        "Content-Type",
        request.csv() ? "text/csv; charset=utf-8" : "application/json; charset=utf-8");
    call.setHeader(
        "Content-Disposition",
        "attachment; filename=\"" + request.export().id() + "." + ext + "\"");
    try (OutputStream out = call.stream(200)) {
      state.writer().write(request, state.exports().rows(request), out);
    }
  }
}
