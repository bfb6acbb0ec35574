package io.khorosjdbc.bench;

import io.khorosjdbc.bench.Harness.Window;
import io.khorosjdbc.emulator.KhorosEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports saved to files from one emulator's ground-truth route (no job, no auth): the bytes the
 * asynchronous flow sends for the same request, which {@link ReplayServer} serves to the driver and
 * DuckDB reads. A file is downloaded once per window, columns and format, unless a row times the
 * download itself ({@link #download}).
 */
final class SavedExports {
  /**
   * A saved export and how long the emulator took to send it (its generation time).
   *
   * @param metrics the {@code reportMetrics} it was requested with, in order
   */
  record GroundTruth(Path file, List<String> metrics, long bytes, long nanos) {
    double millis() {
      return nanos / 1e6;
    }

    String format() {
      return ExportFile.format(file);
    }
  }

  private final KhorosEmulator emu;
  private final Path dir;
  private final Map<String, GroundTruth> saved = new HashMap<>();

  SavedExports(KhorosEmulator emu, Path dir) {
    this.emu = emu;
    this.dir = dir;
  }

  /** The saved export of this window, columns and format; downloaded on first use. */
  synchronized GroundTruth get(Window w, List<String> metrics, String format)
      throws IOException, InterruptedException {
    GroundTruth g = saved.get(key(w, metrics, format));
    return g != null ? g : download(w, metrics, format);
  }

  /** Downloads the export again (timing it) and keeps it for later {@link #get} calls. */
  synchronized GroundTruth download(Window w, List<String> metrics, String format)
      throws IOException, InterruptedException {
    String key = key(w, metrics, format);
    GroundTruth old = saved.get(key);
    Path file =
        old != null
            ? old.file()
            : dir.resolve(Harness.TABLE + "-" + (saved.size() + 1) + "." + format);
    GroundTruth g = download(emu, w, metrics, file);
    saved.put(key, g);
    return g;
  }

  private static String key(Window w, List<String> metrics, String format) {
    return w.start() + "/" + w.end() + "/" + String.join(",", metrics) + "/" + format;
  }

  /**
   * Downloads the export from the emulator's ground-truth route to {@code file}, in the format its
   * name says ({@link ExportFile#format}).
   */
  static GroundTruth download(KhorosEmulator emu, Window w, List<String> metrics, Path file)
      throws IOException, InterruptedException {
    StringBuilder uri =
        new StringBuilder(emu.baseUrl())
            .append("/_emulator/export/")
            .append(Harness.TABLE)
            .append("?companyKey=")
            .append(Harness.enc(emu.companyKey()))
            .append("&startTime=")
            .append(w.startMillis())
            .append("&endTime=")
            .append(w.endMillis())
            .append("&reportFormat=")
            .append(ExportFile.format(file));
    for (String m : metrics) {
      uri.append("&reportMetrics=").append(Harness.enc(m));
    }
    HttpClient http = HttpClient.newHttpClient();
    long t0 = System.nanoTime();
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(URI.create(uri.toString())).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long bytes;
    try (InputStream in = response.body();
        OutputStream out = Files.newOutputStream(file)) {
      if (response.statusCode() != 200) {
        throw new IOException(
            "ground truth: HTTP "
                + response.statusCode()
                + ": "
                + new String(in.readNBytes(500), StandardCharsets.UTF_8));
      }
      bytes = in.transferTo(out);
    }
    return new GroundTruth(file, List.copyOf(metrics), bytes, System.nanoTime() - t0);
  }
}
