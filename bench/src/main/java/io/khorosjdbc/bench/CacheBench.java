package io.khorosjdbc.bench;

import io.khorosjdbc.bench.Harness.Drained;
import io.khorosjdbc.bench.Harness.Schema;
import io.khorosjdbc.bench.Harness.Window;
import io.khorosjdbc.emulator.KhorosEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Row 5: the same query twice on one connection with the export cache on ({@code cache=true},
 * {@code cacheDir} in a temporary directory). The repeat must make no API call at all (the
 * emulator's journal) and be at least 20 times faster.
 */
final class CacheBench {
  static final double TARGET_SPEEDUP = 20.0;

  private CacheBench() {}

  static void run(
      ResultTable table,
      Schema schema,
      KhorosEmulator emu,
      Window window,
      Path tmp,
      Set<String> driverProperties)
      throws Exception {
    String metric = "repeat query, cache=true: cold vs cached";
    String target = "0 API calls, ≥ 20× faster";
    if (!driverProperties.contains("cache")) {
      table.notAvailable(metric, "not available: the driver has no cache property", target);
      return;
    }
    Harness.progress("cache: " + window.days() + "-day window twice");
    Path dir = Files.createDirectories(tmp.resolve("export-cache"));
    String sql =
        "SELECT ACTION_ID, ACTION_TIME, ACTION_TYPE FROM "
            + Harness.TABLE
            + " WHERE "
            + window.where();
    emu.reset();
    try (Connection c =
        Harness.connect(emu, schema, Map.of("cache", "true", "cacheDir", dir.toString()))) {
      Drained cold = Harness.drain(c, sql);
      int coldCalls = emu.journal().size();
      emu.reset();
      Drained warm = Harness.drain(c, sql);
      int warmCalls = emu.journal().size();
      if (cold.rows() != warm.rows()) {
        table.note(
            "Cache: ROW COUNTS DIFFER, cold " + cold.rows() + ", cached " + warm.rows() + ".");
      }
      Drained third = Harness.drain(c, sql);
      long t0 = System.nanoTime();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
        while (rs.next()) {
          rs.getString(1);
        }
      }
      double explainMillis = (System.nanoTime() - t0) / 1e6;
      double speedup = cold.millis() / warm.millis();
      table.add(
          metric,
          ResultTable.seconds(warm.millis()) + ", " + warmCalls + " API calls",
          ResultTable.seconds(cold.millis()) + ", " + coldCalls + " API calls",
          String.format(Locale.ROOT, "%.3f (%.0f× faster)", warm.millis() / cold.millis(), speedup),
          target,
          warmCalls == 0 && speedup >= TARGET_SPEEDUP && cold.rows() == warm.rows());
      table.note(
          "Cache: "
              + cold.rows()
              + " rows, 3 columns, "
              + window.days()
              + "-day window,"
              + " one connection, cacheDir in a temporary directory. The cold run's time is mostly"
              + " the emulator's job time ("
              + emu.config().jobMsPer1kRows()
              + " ms per 1,000"
              + " expected rows), so the speed-up grows with the server's real export time. A third"
              + " run took "
              + ResultTable.seconds(third.millis())
              + " ("
              + emu.journal().size()
              + " API calls); EXPLAIN PLAN of the same query (parse, plan, no rows) took "
              + ResultTable.seconds(explainMillis)
              + ".");
    }
  }
}
