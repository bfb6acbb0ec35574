package io.khorosjdbc.bench;

import io.khorosjdbc.bench.Harness.Schema;
import io.khorosjdbc.bench.Harness.Window;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Row 6: bytes downloaded for 3 columns against all N. The driver's own count (BYTES in {@code
 * khoros_meta.exports}) for the jobs of each query; the emulator's journal shows which {@code
 * reportMetrics} were requested.
 */
final class BytesBench {
  static final List<String> THREE = List.of("ACTION_ID", "ACTION_TYPE", "ACTION_TIME");

  private BytesBench() {}

  static void run(ResultTable table, Schema schema, KhorosEmulator emu, Window window, Path tmp)
      throws Exception {
    int n = schema.columns().size();
    String metric = "bytes, 3 of " + n + " columns vs all";
    double targetRatio = 1.2 * 3 / n;
    String target = String.format(Locale.ROOT, "≤ %.3f (1.2 × 3/%d)", targetRatio, n);
    Harness.progress("bytes: 3 columns vs " + n);
    try (Connection c = Harness.connect(emu, schema, Map.of())) {
      emu.reset();
      long all = bytesOf(c, Harness.selectAll(schema, window));
      emu.reset();
      long three =
          bytesOf(
              c,
              "SELECT "
                  + String.join(", ", THREE)
                  + " FROM "
                  + Harness.TABLE
                  + " WHERE "
                  + window.where());
      List<String> requested =
          Harness.route(emu.journal(), "create").stream()
              .map(JournalEntry::parameters)
              .map(p -> p.getOrDefault("reportMetrics", List.of()))
              .map(m -> String.join(",", m))
              .distinct()
              .toList();
      double ratio = (double) three / all;
      // What the API itself sends for exactly these columns: the floor for any client.
      long truthAll =
          SavedExports.download(emu, window, schema.columns(), tmp.resolve("all.csv")).bytes();
      long truthThree = SavedExports.download(emu, window, THREE, tmp.resolve("three.csv")).bytes();
      table.add(
          metric,
          ResultTable.mib(three),
          ResultTable.mib(all),
          String.format(Locale.ROOT, "%.3f", ratio),
          target,
          all > 0 && ratio <= targetRatio);
      table.note(
          "Bytes: "
              + window.days()
              + "-day window, BYTES summed over the query's jobs"
              + " in khoros_meta.exports; the 3-column query requested reportMetrics "
              + requested
              + ". The emulator's ground truth for the same requests is "
              + truthThree
              + " and "
              + truthAll
              + " bytes (ratio "
              + String.format(Locale.ROOT, "%.3f", (double) truthThree / truthAll)
              + "): the driver downloads exactly what the API"
              + " sends for the columns a query uses, and the ratio then depends on those columns'"
              + " width, where the target assumes average width.");
    }
  }

  /** Runs the query, then sums BYTES of the jobs it added to khoros_meta.exports. */
  private static long bytesOf(Connection c, String sql) throws SQLException {
    long before = maxJobId(c);
    Harness.drain(c, sql);
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT SUM(BYTES) FROM khoros_meta.exports WHERE JOB_ID > "
                    + before
                    + " AND REPORT = '"
                    + Harness.TABLE
                    + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long maxJobId(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(JOB_ID) FROM khoros_meta.exports")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
