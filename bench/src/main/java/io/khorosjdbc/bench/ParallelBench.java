package io.khorosjdbc.bench;

import io.khorosjdbc.bench.Harness.Drained;
import io.khorosjdbc.bench.Harness.Schema;
import io.khorosjdbc.bench.Harness.Window;
import io.khorosjdbc.emulator.KhorosEmulator;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Row 4: a 90-day window split into pieces ({@code splitWindow}) run one at a time
 * ({@code maxConcurrentExports=1}) and four at a time. The emulator's job time is proportional to
 * the rows a job covers ({@code jobMsPer1kRows}), as a real export's is, so splitting alone saves
 * nothing and the gain comes from running pieces side by side.
 */
final class ParallelBench {
  static final Window WINDOW = Window.of("2019-01-01T00:00", "2019-04-01T00:00");
  static final double TARGET_SPEEDUP = 3.0;

  private ParallelBench() {}

  static void run(ResultTable table, Schema schema, KhorosEmulator emu, List<String> splits,
      Set<String> driverProperties) throws Exception {
    String target = "4-way ≥ 3× faster";
    if (!driverProperties.contains("splitWindow")) {
      table.notAvailable("90-day window, 4-way vs serial",
          "not available: the driver has no splitWindow property", target);
      return;
    }
    String sql = "SELECT ACTION_ID, ACTION_TIME FROM " + Harness.TABLE + " WHERE "
        + WINDOW.where();
    for (String split : splits) {
      String metric = "90-day window, splitWindow=" + split + ", 4-way vs serial";
      Harness.progress("parallel: " + metric);
      Timed serial = time(emu, schema, sql, Map.of("splitWindow", split,
          "maxConcurrentExports", "1"));
      Timed parallel = time(emu, schema, sql, Map.of("splitWindow", split,
          "maxConcurrentExports", "4"));
      if (serial.rows() != parallel.rows()) {
        table.note("90-day window, splitWindow=" + split + ": ROW COUNTS DIFFER, serial "
            + serial.rows() + ", 4-way " + parallel.rows() + ".");
      }
      double speedup = serial.millis() / parallel.millis();
      table.add(metric, ResultTable.seconds(parallel.millis()) + " (" + parallel.jobs()
              + " jobs)", ResultTable.seconds(serial.millis()) + " serial",
          String.format(Locale.ROOT, "%.2f (%.1f× faster)", parallel.millis() / serial.millis(),
              speedup), target, speedup >= TARGET_SPEEDUP);
    }
    table.note("Serial vs parallel: emulator job time " + emu.config().jobMsPer1kRows()
        + " ms per 1,000 expected rows at " + emu.config().rowsPerDay() + " rows/day (one 90-day"
        + " job would take " + ResultTable.seconds(emu.config().jobMsPer1kRows() * 90.0
        * emu.config().rowsPerDay() / 1000) + "); 2 columns; default polling.");
  }

  record Timed(long rows, double millis, int jobs) {}

  private static Timed time(KhorosEmulator emu, Schema schema, String sql,
      Map<String, String> props) throws Exception {
    emu.reset();
    try (Connection c = Harness.connect(emu, schema, props)) {
      Drained d = Harness.drain(c, sql);
      return new Timed(d.rows(), d.millis(), Harness.route(emu.journal(), "create").size());
    }
  }
}
