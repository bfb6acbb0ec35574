package io.khorosjdbc.bench;

import io.khorosjdbc.bench.Harness.Answer;
import io.khorosjdbc.bench.Harness.Schema;
import io.khorosjdbc.bench.Harness.Window;
import io.khorosjdbc.bench.SavedExports.GroundTruth;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * An aggregate through the driver against doing the same outside it: {@link #SELECT} grouped over
 * the scan's window, through the driver from {@link ReplayServer}, against the download of the same
 * bytes alone (a plain HTTP GET of the file from the replay, to nowhere) plus DuckDB on one thread
 * running the same aggregate over the saved file. Both must give the same rows.
 *
 * <p>The driver asks the API only for the columns the query uses, so the saved file must hold
 * exactly those, in the order it asks for them: the order is learnt from the emulator's journal on
 * a small window first, and every replayed request is checked against the file's header.
 */
final class AggregateBench {
  static final double TARGET_RATIO = 1.5;
  static final String METRIC = "aggregate through the driver vs download + DuckDB (1 thread)";
  static final String TARGET = "≤ 1.5 × (download + DuckDB)";
  static final String SELECT =
      "SELECT ACTION_TYPE, NETWORK, COUNT(*) AS ACTIONS,"
          + " COUNT(DISTINCT CONVERSATION_ID) AS CONVERSATIONS,"
          + " SUM(SINCE_PREVIOUS_ACTION_MILLIS) AS SINCE_PREVIOUS_MILLIS,"
          + " MIN(ACTION_TIME) AS FIRST_ACTION, MAX(ACTION_TIME) AS LAST_ACTION FROM ";
  static final String GROUP_BY = " GROUP BY ACTION_TYPE, NETWORK";

  private AggregateBench() {}

  static String driverSql(Window w) {
    return SELECT + Harness.TABLE + " WHERE " + w.where() + GROUP_BY;
  }

  static void run(
      ResultTable table,
      Schema schema,
      KhorosEmulator emu,
      SavedExports saved,
      Window window,
      int reps)
      throws Exception {
    List<String> metrics = requestedMetrics(emu, schema);
    Harness.progress(
        "aggregate: ground truth download of " + metrics + ", " + window.days() + " days");
    GroundTruth truth = saved.get(window, metrics, "csv");
    List<String> header = ExportFile.columns(truth.file());
    if (!header.equals(metrics)) {
      table.add(METRIC, "not measured", "-", "-", TARGET, false);
      table.note(
          "Aggregate NOT MEASURED: the driver requests reportMetrics "
              + metrics
              + " but the saved file's header is "
              + header
              + ".");
      return;
    }
    String sql = driverSql(window);
    String duckSql = SELECT + Duck.source(truth.file(), schema) + GROUP_BY;
    Map<String, String> props = Harness.readyJobProperties(true);
    Answer driver = null;
    Answer duck = null;
    long downloadNanos = Long.MAX_VALUE;
    String mismatch = null;
    try (ReplayServer replay = new ReplayServer(truth.file());
        Duck one = Duck.oneThread()) {
      HttpClient http = HttpClient.newHttpClient();
      download(http, replay, truth); // the HTTP client's first use is not part of a download
      for (int i = 0; i < reps; i++) {
        String rep = "aggregate " + (i + 1) + "/" + reps + ": ";
        Harness.progress(rep + "driver against the saved bytes");
        replay.clear();
        Harness.settle();
        try (Connection c = Harness.connect(replay, emu, schema, props)) {
          driver = faster(driver, Harness.answer(c, sql));
        }
        mismatch = mismatch != null ? mismatch : replay.mismatch();

        Harness.progress(rep + "download alone, then DuckDB over the saved bytes, 1 thread");
        Harness.settle();
        downloadNanos = Math.min(downloadNanos, download(http, replay, truth));
        Harness.settle();
        duck = faster(duck, one.answer(duckSql));
      }
    }
    boolean same = driver.rows().equals(duck.rows());
    double baseline = downloadNanos / 1e6 + duck.millis();
    double ratio = driver.millis() / baseline;
    table.add(
        METRIC + ", " + driver.rows().size() + " groups",
        ResultTable.seconds(driver.millis()),
        "download "
            + ResultTable.seconds(downloadNanos / 1e6)
            + " + DuckDB "
            + ResultTable.seconds(duck.millis())
            + " = "
            + ResultTable.seconds(baseline),
        ResultTable.ratio(ratio),
        TARGET,
        mismatch == null && same && ratio <= TARGET_RATIO);
    table.note(
        "Aggregate: "
            + SELECT
            + "... WHERE <the full scan's window>"
            + GROUP_BY
            + ", best of "
            + reps
            + ". The driver requests reportMetrics "
            + metrics
            + " ("
            + ResultTable.mib(truth.bytes())
            + " of CSV, saved from the ground-truth route and served by the stand-in server)."
            + " Baseline = an HTTP GET of the same file from the same server, read to nowhere,"
            + " plus DuckDB on 1 thread running the query over the saved file (read_csv, the"
            + " columns typed as the driver types them; no WHERE, the file is the window). "
            + (same
                ? "Both gave the same " + driver.rows().size() + " rows."
                : "RESULTS DIFFER: "
                    + firstDifference(driver, duck)
                    + " ("
                    + driver.rows().size()
                    + " and "
                    + duck.rows().size()
                    + " rows).")
            + (mismatch == null ? "" : " INVALID: " + mismatch + "."));
  }

  /**
   * The columns the driver requests for the aggregate, in its order: the {@code reportMetrics} of
   * its create requests for the query over two hours, run twice against the emulator (which also
   * warms the driver up).
   */
  static List<String> requestedMetrics(KhorosEmulator emu, Schema schema) throws Exception {
    Harness.progress("aggregate: the columns the driver requests, from the emulator's journal");
    emu.reset();
    try (Connection c = Harness.connect(emu, schema, Harness.readyJobProperties(false))) {
      for (int i = 0; i < 2; i++) {
        Harness.answer(c, driverSql(Window.of("2019-03-04T10:00", "2019-03-04T12:00")));
      }
    }
    List<List<String>> asked =
        Harness.route(emu.journal(), "create").stream()
            .map(JournalEntry::parameters)
            .map(p -> p.getOrDefault("reportMetrics", List.of()))
            .distinct()
            .toList();
    emu.reset();
    if (asked.size() != 1) {
      throw new IllegalStateException(
          "expected one reportMetrics list in the aggregate's create requests, got " + asked);
    }
    return asked.get(0);
  }

  /** Downloads the replay's file and discards it; the time taken. */
  private static long download(HttpClient http, ReplayServer replay, GroundTruth truth)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(URI.create(replay.baseUrl() + ReplayServer.FILE)).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long bytes;
    try (InputStream in = response.body()) {
      bytes = in.transferTo(OutputStream.nullOutputStream());
    }
    long nanos = System.nanoTime() - t0;
    if (response.statusCode() != 200 || bytes != Files.size(truth.file())) {
      throw new IOException(
          "download: HTTP " + response.statusCode() + ", " + bytes + " of " + truth.bytes());
    }
    return nanos;
  }

  private static Answer faster(Answer best, Answer a) {
    return best == null || a.nanos() < best.nanos() ? a : best;
  }

  /** The first row (in sorted order) where the two answers differ. */
  private static String firstDifference(Answer driver, Answer duck) {
    List<String> a = driver.rows();
    List<String> b = duck.rows();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : "no row";
      String y = i < b.size() ? b.get(i) : "no row";
      if (!x.equals(y)) {
        return "driver " + x + ", DuckDB " + y;
      }
    }
    return "none";
  }
}
