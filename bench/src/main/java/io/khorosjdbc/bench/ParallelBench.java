package io.khorosjdbc.bench;

import io.khorosjdbc.bench.Harness.Drained;
import io.khorosjdbc.bench.Harness.Schema;
import io.khorosjdbc.bench.Harness.Window;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Row 4: a 90-day window split into pieces ({@code splitWindow}) run one at a time ({@code
 * maxJobsPerTenant=1}, and {@code maxConcurrentExports=1} for drivers before it) and four at a
 * time. The emulator's job time is proportional to the rows a job covers ({@code jobMsPer1kRows}),
 * as a real export's is, so splitting alone saves nothing and the gain comes from running pieces
 * side by side.
 */
final class ParallelBench {
  static final Window WINDOW = Window.of("2019-01-01T00:00", "2019-04-01T00:00");
  static final double TARGET_SPEEDUP = 3.0;

  private ParallelBench() {}

  static void run(
      ResultTable table,
      Schema schema,
      KhorosEmulator emu,
      List<String> splits,
      boolean unlimited,
      Set<String> driverProperties)
      throws Exception {
    String target = "4-way ≥ 3× faster";
    if (!driverProperties.contains("splitWindow")) {
      table.notAvailable(
          "90-day window, 4-way vs serial",
          "not available: the driver has no splitWindow property",
          target);
      return;
    }
    String sql = "SELECT ACTION_ID, ACTION_TIME FROM " + Harness.TABLE + " WHERE " + WINDOW.where();
    StringBuilder rates = new StringBuilder();
    // These rows measure parallel pieces against a server without a rate limit (the request
    // budget has rows of its own): the client paces at 20 requests a second, its former default.
    boolean budget = driverProperties.contains("requestBudget");
    Map<String, String> paced = budget ? Map.of("requestBudget", "20/1s") : Map.of();
    for (String split : splits) {
      measure(table, schema, emu, sql, split, paced, "", target, rates);
    }
    String last = splits.get(splits.size() - 1);
    if (unlimited && budget) {
      // The finest split makes the most requests; without the client's pacing it shows what
      // the pacing costs.
      measure(
          table,
          schema,
          emu,
          sql,
          last,
          Map.of("requestBudget", "off"),
          ", requestBudget=off",
          target,
          rates);
    } else if (unlimited && driverProperties.contains("maxRequestsPerSecond")) {
      measure(
          table,
          schema,
          emu,
          sql,
          last,
          Map.of("maxRequestsPerSecond", "0"),
          ", maxRequestsPerSecond=0",
          target,
          rates);
    }
    table.note(
        "Serial vs parallel: emulator job time "
            + emu.config().jobMsPer1kRows()
            + " ms per 1,000 expected rows at "
            + emu.config().rowsPerDay()
            + " rows/day (one 90-day"
            + " job would take "
            + ResultTable.seconds(
                emu.config().jobMsPer1kRows() * 90.0 * emu.config().rowsPerDay() / 1000)
            + "); 2 columns; default polling. API requests"
            + " (create, status, download; from the journal) per run, serial / 4-way:"
            + rates.substring(0, rates.length() - 1)
            + (budget
                ? "; requestBudget=20/1s (the client-side pacing of 20 requests a second"
                    + " these rows were first measured with) unless the row says off, against an emulator"
                    + " without a rate limit."
                : "."));
  }

  private static void measure(
      ResultTable table,
      Schema schema,
      KhorosEmulator emu,
      String sql,
      String split,
      Map<String, String> extra,
      String label,
      String target,
      StringBuilder rates)
      throws Exception {
    String metric = "90-day window, splitWindow=" + split + label + ", 4-way vs serial";
    Harness.progress("parallel: " + metric);
    Map<String, String> props = new HashMap<>(extra);
    props.put("splitWindow", split);
    // maxJobsPerTenant bounds the jobs running at once; maxConcurrentExports did before it (now it
    // only bounds how many pieces splitWindow=auto cuts).
    boolean jobs = Harness.driverProperties().contains("maxJobsPerTenant");
    props.put("maxConcurrentExports", "1");
    if (jobs) {
      props.put("maxJobsPerTenant", "1");
    }
    Timed serial = time(emu, schema, sql, props);
    props.put("maxConcurrentExports", "4");
    if (jobs) {
      props.put("maxJobsPerTenant", "4");
    }
    Timed parallel = time(emu, schema, sql, props);
    if (serial.rows() != parallel.rows()) {
      table.note(
          "90-day window, splitWindow="
              + split
              + label
              + ": ROW COUNTS DIFFER, serial "
              + serial.rows()
              + ", 4-way "
              + parallel.rows()
              + ".");
    }
    double speedup = serial.millis() / parallel.millis();
    table.add(
        metric,
        ResultTable.seconds(parallel.millis()) + " (" + parallel.jobs() + " jobs)",
        ResultTable.seconds(serial.millis()) + " serial",
        String.format(
            Locale.ROOT, "%.2f (%.1f× faster)", parallel.millis() / serial.millis(), speedup),
        target,
        speedup >= TARGET_SPEEDUP);
    rates.append(
        String.format(
            Locale.ROOT,
            " %s%s %d in %s (%.0f/s) / %d in %s (%.0f/s);",
            split,
            label,
            serial.requests(),
            ResultTable.seconds(serial.millis()),
            serial.requests() / (serial.millis() / 1000),
            parallel.requests(),
            ResultTable.seconds(parallel.millis()),
            parallel.requests() / (parallel.millis() / 1000)));
  }

  record Timed(long rows, double millis, int jobs, int requests) {}

  private static Timed time(
      KhorosEmulator emu, Schema schema, String sql, Map<String, String> props) throws Exception {
    emu.reset();
    try (Connection c = Harness.connect(emu, schema, props)) {
      Drained d = Harness.drain(c, sql);
      List<JournalEntry> journal = emu.journal();
      int requests = (int) journal.stream().filter(e -> !e.route().equals("file")).count();
      return new Timed(d.rows(), d.millis(), Harness.route(journal, "create").size(), requests);
    }
  }
}
