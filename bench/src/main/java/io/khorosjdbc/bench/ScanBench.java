package io.khorosjdbc.bench;

import io.khorosjdbc.bench.Harness.Drained;
import io.khorosjdbc.bench.Harness.Schema;
import io.khorosjdbc.bench.Harness.Window;
import io.khorosjdbc.bench.SavedExports.GroundTruth;
import io.khorosjdbc.emulator.KhorosEmulator;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Row 2: full-scan throughput. The same export (all columns, a window of about a million rows) is
 * read four ways, best of {@code reps} each:
 *
 * <ol>
 *   <li>the emulator's ground-truth route saved to a file: the emulator's own generation time;
 *   <li>the driver against the emulator (end to end: job, 307, stream, parse, JDBC);
 *   <li>the driver against {@link ReplayServer} sending the saved file: the driver's own cost;
 *   <li>DuckDB {@code read_csv} over the saved file, reading every column.
 * </ol>
 *
 * With {@code floor}, also Commons CSV alone over the file: what the driver's parser costs before
 * any conversion.
 */
final class ScanBench {
  static final double TARGET_ROWS_PER_SECOND = 1_000_000;
  static final double TARGET_DUCKDB_RATIO = 3.0;

  private ScanBench() {}

  static void run(
      ResultTable table,
      Schema schema,
      KhorosEmulator emu,
      Window window,
      int reps,
      Path tmp,
      Set<String> driverProperties,
      boolean floor)
      throws Exception {
    String sql = Harness.selectAll(schema, window);
    Map<String, String> props = new HashMap<>();
    // The job is ready at once (latency 0); do not let the first poll's wait count as scanning.
    props.put("pollInitialDelay", "10ms");

    Harness.progress("scan: warming up the driver");
    try (Connection c = Harness.connect(emu, schema, props)) {
      for (int i = 0; i < 2; i++) {
        Harness.drain(
            c, Harness.selectAll(schema, Window.of("2019-03-04T10:00", "2019-03-04T12:00")));
      }
    }

    // Ground truth first (it writes the file the others read); then one round of every
    // measurement per repetition, interleaved so that a load spike on a shared machine hits
    // every contender alike. Best of the repetitions each.
    Path file = tmp.resolve("conversation_actions.csv");
    Map<String, String> replayProps = new HashMap<>(props);
    if (driverProperties.contains("splitWindow")) {
      replayProps.put("splitWindow", "none"); // the replay serves the whole window as one file
    }
    GroundTruth truth = null;
    Drained viaEmulator = null;
    Drained replayed = null;
    long duckRows = 0;
    long duckNanos = Long.MAX_VALUE;
    long duckOneNanos = Long.MAX_VALUE;
    long csvNanos = Long.MAX_VALUE;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Connection duckOne = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement s = duckOne.createStatement()) {
        // The driver parses an export on one thread: DuckDB on one thread is like for like.
        s.execute("SET threads TO 1");
      }
      for (int i = 0; i < reps; i++) {
        Harness.progress(
            "scan "
                + (i + 1)
                + "/"
                + reps
                + ": ground truth download of "
                + window.days()
                + " days");
        GroundTruth g = SavedExports.download(emu, window, schema.columns(), file);
        truth = truth == null || g.nanos() < truth.nanos() ? g : truth;

        Harness.progress("scan " + (i + 1) + "/" + reps + ": driver against the emulator");
        try (Connection c = Harness.connect(emu, schema, props)) {
          Drained d = Harness.drain(c, sql);
          viaEmulator = viaEmulator == null || d.nanos() < viaEmulator.nanos() ? d : viaEmulator;
        }

        Harness.progress("scan " + (i + 1) + "/" + reps + ": driver against the saved bytes");
        try (ReplayServer replay = new ReplayServer(file);
            Connection c =
                Harness.connect(
                    replay.baseUrl(),
                    emu.companyKey(),
                    emu.user(),
                    emu.password(),
                    schema,
                    replayProps)) {
          Drained d = Harness.drain(c, sql);
          replayed = replayed == null || d.nanos() < replayed.nanos() ? d : replayed;
        }

        Harness.progress(
            "scan " + (i + 1) + "/" + reps + ": DuckDB read_csv over the saved" + " bytes");
        long t0 = System.nanoTime();
        duckRows = duckCount(duck, file, schema);
        duckNanos = Math.min(duckNanos, System.nanoTime() - t0);
        t0 = System.nanoTime();
        duckCount(duckOne, file, schema);
        duckOneNanos = Math.min(duckOneNanos, System.nanoTime() - t0);

        if (floor) {
          Harness.progress("scan " + (i + 1) + "/" + reps + ": Commons CSV alone");
          t0 = System.nanoTime();
          csvRows(file);
          csvNanos = Math.min(csvNanos, System.nanoTime() - t0);
        }
      }
    }

    long rows = viaEmulator.rows();
    String size = ResultTable.count(rows) + " rows × " + schema.columns().size() + " cols";
    if (replayed.rows() != rows || duckRows != rows) {
      table.note(
          "ROW COUNTS DIFFER: driver via emulator "
              + rows
              + ", driver on saved bytes "
              + replayed.rows()
              + ", DuckDB "
              + duckRows
              + ".");
    }
    double gen = truth.millis();
    double emuMs = viaEmulator.millis();
    double repMs = replayed.millis();
    double duckMs = duckNanos / 1e6;
    table.add(
        "full scan via emulator, " + size,
        ResultTable.rate(rows, emuMs),
        "emulator alone " + ResultTable.rate(rows, gen),
        ResultTable.ratio(gen / emuMs),
        "≥ 1.00M rows/s",
        rows / (emuMs / 1000) >= TARGET_ROWS_PER_SECOND);
    table.add(
        "full scan, driver on saved bytes",
        ResultTable.rate(rows, repMs),
        "DuckDB " + ResultTable.rate(rows, duckMs),
        ResultTable.ratio(duckMs / repMs),
        "≥ 1.00M rows/s",
        rows / (repMs / 1000) >= TARGET_ROWS_PER_SECOND);
    table.add(
        "full scan time vs DuckDB read_csv",
        ResultTable.seconds(repMs) + " (via emulator " + ResultTable.seconds(emuMs) + ")",
        ResultTable.seconds(duckMs),
        ResultTable.ratio(repMs / duckMs) + " (" + ResultTable.ratio(emuMs / duckMs) + ")",
        "≤ 3.0×",
        repMs / duckMs <= TARGET_DUCKDB_RATIO);
    table.note(
        "Full scan: "
            + size
            + " ("
            + ResultTable.mib(truth.bytes())
            + " of CSV), best of "
            + reps
            + ". 'Emulator alone' = the ground-truth route downloaded to a file in "
            + ResultTable.seconds(gen)
            + ": the emulator generates while it sends, so no driver"
            + " reading through it can be faster. 'Saved bytes' = the same file served by a"
            + " stand-in server whose job is done at once: the driver's own work (HTTP, CSV parsing,"
            + " typed conversion, Calcite, JDBC getObject on every value). DuckDB reads the same file"
            + " with read_csv and counts every column (count(c) for each c), "
            + Runtime.getRuntime().availableProcessors()
            + " threads (on 1 thread: "
            + ResultTable.rate(rows, duckOneNanos / 1e6)
            + ")."
            + (floor
                ? " Commons CSV alone (the driver's CSV library, strings only, no conversion)"
                    + " reads the file at "
                    + ResultTable.rate(rows, csvNanos / 1e6)
                    + "."
                : ""));
  }

  /** Parses the file with Commons CSV only, touching every field: the driver's parser floor. */
  private static long csvRows(Path file) throws IOException {
    long rows = 0;
    long touched = 0;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      for (CSVRecord record : parser) {
        rows++;
        for (int i = 0; i < record.size(); i++) {
          touched += record.get(i).length() & 1;
        }
      }
    }
    return rows + (touched & 0);
  }

  private static long duckCount(Connection duck, Path file, Schema schema) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT count(*)");
    for (String column : schema.columns()) {
      sql.append(", count(\"").append(column).append("\")");
    }
    sql.append(" FROM read_csv('")
        .append(file.toString().replace("'", "''"))
        .append("', header = true)");
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(sql.toString())) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
