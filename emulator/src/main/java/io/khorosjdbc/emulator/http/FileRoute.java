package io.khorosjdbc.emulator.http;

import io.khorosjdbc.emulator.fault.FaultKind;
import io.khorosjdbc.emulator.job.JobRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The pre-signed file links the download 307 points at. Like object-storage pre-signed URLs they
 * need no credentials and answer 403 with an S3-style XML error once expired or when unknown.
 */
final class FileRoute {
  private final State state;

  FileRoute(State state) {
    this.state = state;
  }

  void handle(Call call, String token, FaultKind fault) throws IOException {
    JobRegistry.FileLink link = state.jobs().file(token).orElse(null);
    if (link == null) {
      denied(call, "AccessDenied", "Invalid or unknown pre-signed link");
    } else if (fault == FaultKind.EXPIRED || System.currentTimeMillis() > link.expiresAt()) {
      denied(call, "AccessDenied", "Request has expired");
    } else {
      ExportStreamer.send(call, state, link.job().request());
    }
  }

  private static void denied(Call call, String code, String message) throws IOException {
    call.setHeader("Content-Type", "application/xml");
    try (OutputStream out = call.stream(403)) {
      out.write(
          ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                  + code
                  + "</Code><Message>"
                  + message
                  + "</Message></Error>\n")
              .getBytes(StandardCharsets.UTF_8));
    }
  }
}
