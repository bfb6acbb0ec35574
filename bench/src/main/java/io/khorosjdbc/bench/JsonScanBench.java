package io.khorosjdbc.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import io.khorosjdbc.bench.Harness.Drained;
import io.khorosjdbc.bench.Harness.Replayed;
import io.khorosjdbc.bench.Harness.Schema;
import io.khorosjdbc.bench.Harness.Window;
import io.khorosjdbc.bench.SavedExports.GroundTruth;
import io.khorosjdbc.emulator.KhorosEmulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Full-scan throughput over the API's JSON (a top-level array of flat objects, every value a
 * string): the window and columns of {@link ScanBench}, exported as JSON and saved, then read in
 * turns, best of {@code reps} each, by the driver with {@code format=json} from {@link
 * ReplayServer} and by DuckDB on one thread with {@code read_json(format = 'array')}, the columns
 * typed as the driver types them.
 */
final class JsonScanBench {
  static final String METRIC = "full scan JSON, driver on saved bytes";
  static final String TARGET = "≤ " + ResultTable.ratio(ScanBench.TARGET_DUCKDB_RATIO);

  private JsonScanBench() {}

  static void run(
      ResultTable table,
      Schema schema,
      KhorosEmulator emu,
      SavedExports saved,
      Window window,
      int reps,
      Set<String> driverProperties)
      throws Exception {
    if (!driverProperties.contains("format")) {
      table.notAvailable(METRIC, "not available: the driver has no format property", TARGET);
      return;
    }
    String sql = Harness.selectAll(schema, window);
    Map<String, String> props = Harness.readyJobProperties(false);
    props.put("format", "json");
    Map<String, String> replayProps = Harness.readyJobProperties(true);
    replayProps.put("format", "json");
    Harness.warmUp(emu, schema, props);

    Harness.progress("json: ground truth download of " + window.days() + " days as JSON");
    GroundTruth truth = saved.get(window, schema.columns(), "json");
    Harness.warmUpOnSavedBytes(truth.file(), emu, schema, replayProps, sql);
    Drained replayed = null;
    Drained duckOne = null;
    long jacksonNanos = Long.MAX_VALUE;
    String mismatch = null;
    try (Duck one = Duck.oneThread()) {
      for (int i = 0; i < reps; i++) {
        String rep = "json " + (i + 1) + "/" + reps + ": ";
        Harness.progress(rep + "driver against the saved JSON");
        Harness.settle();
        Replayed r = Harness.drainReplay(truth.file(), emu, schema, replayProps, sql);
        replayed = Harness.faster(replayed, r.drained());
        mismatch = mismatch != null ? mismatch : r.mismatch();

        Harness.progress(rep + "DuckDB read_json over the saved JSON, 1 thread");
        Harness.settle();
        duckOne = Harness.faster(duckOne, one.countAll(truth.file(), schema));

        Harness.progress(rep + "Jackson's JSON parser alone over the saved JSON");
        jacksonNanos =
            Math.min(jacksonNanos, ScanBench.parserNanos(truth.file(), JsonScanBench::jacksonRows));
      }
    }
    long rows = duckOne.rows();
    boolean valid = mismatch == null && replayed.rows() == rows;
    double ms = replayed.millis();
    double duckMs = duckOne.millis();
    table.add(
        METRIC + ", " + ResultTable.count(rows) + " rows × " + schema.columns().size() + " cols",
        ResultTable.seconds(ms) + " (" + ResultTable.rate(replayed.rows(), ms) + ")",
        "DuckDB 1 thread "
            + ResultTable.seconds(duckMs)
            + " ("
            + ResultTable.rate(rows, duckMs)
            + ")",
        ResultTable.ratio(ms / duckMs),
        TARGET,
        valid && ms / duckMs <= ScanBench.TARGET_DUCKDB_RATIO);
    table.note(
        "Full scan JSON: the full scan's window and columns exported as JSON ("
            + ResultTable.mib(truth.bytes())
            + "), best of "
            + reps
            + Harness.afterWarmUps()
            + ". The driver (format=json) reads it from the stand-in server, every value with"
            + " getObject; DuckDB reads the same file with read_json(format = 'array'), the"
            + " columns typed as the driver types them, on 1 thread, and counts every column."
            + " Jackson's streaming JSON parser alone on the same file (the driver's parser),"
            + " every value as a string, no conversion, no HTTP: "
            + ResultTable.seconds(jacksonNanos / 1e6)
            + "."
            + (valid
                ? ""
                : " INVALID: "
                    + (mismatch != null ? mismatch + "; " : "")
                    + "rows: driver "
                    + replayed.rows()
                    + ", DuckDB "
                    + rows
                    + "."));
  }

  /** Parses the file with Jackson's JSON parser only, every value as a string: its floor. */
  private static long jacksonRows(Path file) throws IOException {
    return ScanBench.jacksonRecords(file, new JsonFactory(), JsonToken.START_OBJECT);
  }
}
