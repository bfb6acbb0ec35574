package io.khorosjdbc.bench;

import io.khorosjdbc.bench.Harness.Drained;
import io.khorosjdbc.bench.Harness.Schema;
import io.khorosjdbc.bench.Harness.Window;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Under the request budget: one 90-day query as {@code splitWindow=auto} plans it against one
 * export ({@code none}) and weekly pieces ({@code 7d}). The emulator's job time is proportional to
 * the rows a job covers ({@code jobMsPer1kRows}), so splitting can pay; the driver first learns
 * that from a few warm-up queries over windows of different lengths, and each of the three runs
 * starts from that same learned model, an idle tenant and no saved jobs.
 */
final class BudgetSplitBench {
  static final Window WINDOW = Window.of("2019-01-01T00:00", "2019-04-01T00:00");

  /** Warm-up windows of different lengths, before the measured one, so nothing is shared. */
  static final List<Window> WARMUP =
      List.of(
          Window.days("2018-06-01T00:00", 10),
          Window.days("2018-07-01T00:00", 20),
          Window.days("2018-08-01T00:00", 45));

  static final int ROWS_PER_DAY = 200;

  /** Real-time job duration per window day (one 90-day job: 3 minutes). */
  static final long REAL_MS_PER_DAY = 2_000;

  static final double SLACK = 1.10;

  private BudgetSplitBench() {}

  /** One run, in real time. */
  record Run(
      String split,
      double wallMillis,
      long rows,
      int jobs,
      int requests,
      int throttled,
      int mostInWindow) {
    String describe() {
      return String.format(
          Locale.ROOT,
          "%s, %d job%s: %s, %d requests, %d × 429",
          split,
          jobs,
          jobs == 1 ? "" : "s",
          ResultTable.seconds(wallMillis),
          requests,
          throttled);
    }
  }

  static void run(ResultTable table, Schema schema, Scale scale, AutoSplit auto, Path tmp)
      throws Exception {
    long msPer1kRows = scale.scaled(REAL_MS_PER_DAY) * 1000 / ROWS_PER_DAY;
    String metric =
        "budget: 90-day query, splitWindow=auto vs none vs 7d ("
            + ResultTable.seconds(REAL_MS_PER_DAY).replace(".00 s", " s")
            + "/day jobs, "
            + scale.label()
            + ")";
    String target = "auto ≤ " + SLACK + " × the faster; 0 × 429";
    String sql = "SELECT ACTION_ID, ACTION_TIME FROM " + Harness.TABLE + " WHERE " + WINDOW.where();
    try (KhorosEmulator emu =
        KhorosEmulator.builder()
            .rowsPerDay(ROWS_PER_DAY)
            .jobMsPer1kRows(msPer1kRows)
            .rateLimit(scale.rateLimit())
            .build()
            .start()) {
      Map<String, String> props = new HashMap<>(scale.driverProperties());
      Path warm = Harness.freshDirectory(tmp, "split-warm");
      props.put("cacheDir", warm.toString());
      props.put("splitWindow", "none");
      Harness.progress(
          "budget split: warming the durations model with " + WARMUP.size() + " queries");
      long t0 = System.nanoTime();
      try (Connection c = Harness.connect(emu, schema, props)) {
        for (Window w : WARMUP) {
          Harness.drain(c, "SELECT ACTION_ID FROM " + Harness.TABLE + " WHERE " + w.where());
        }
      }
      double warmupMillis = scale.real((System.nanoTime() - t0) / 1e6);
      int warmupThrottled = Requests.throttled(emu.journal());

      List<Run> runs = new ArrayList<>();
      for (String split : List.of("auto", "none", "7d")) {
        Path dir = Harness.freshDirectory(tmp, "split-" + split);
        AutoSplit.copyDurations(warm, dir, emu);
        emu.reset(); // an idle tenant: no job, no request in the window
        props.put("cacheDir", dir.toString());
        props.put("splitWindow", split);
        Harness.progress("budget split: splitWindow=" + split);
        try (Connection c = Harness.connect(emu, schema, props)) {
          Drained d = Harness.drain(c, sql);
          List<JournalEntry> api = Requests.api(emu.journal());
          runs.add(
              new Run(
                  split,
                  scale.real(d.millis()),
                  d.rows(),
                  (int)
                      api.stream()
                          .filter(e -> e.route().equals("create") && e.status() == 200)
                          .count(),
                  api.size(),
                  Requests.throttled(api),
                  Requests.mostInAnyWindow(api, scale.windowMillis())));
        }
      }
      Run ours = runs.get(0);
      double faster = Math.min(runs.get(1).wallMillis(), runs.get(2).wallMillis());
      table.add(
          metric,
          ours.describe(),
          runs.get(1).describe() + "; " + runs.get(2).describe(),
          String.format(Locale.ROOT, "%.2f of the faster", ours.wallMillis() / faster),
          target,
          ours.wallMillis() <= SLACK * faster && ours.throttled() == 0);

      // What auto plans for other window lengths with the model learned here.
      Path explain = Harness.freshDirectory(tmp, "split-explain");
      AutoSplit.copyDurations(warm, explain, emu);
      emu.reset();
      props.put("cacheDir", explain.toString());
      props.put("splitWindow", "auto");
      try (Connection c = Harness.connect(emu, schema, props)) {
        auto.column("learned in budgetsplit", AutoSplit.plans(c));
      }
      int explainRequests = Requests.api(emu.journal()).size();

      StringBuilder note =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "90-day split: %s"
                      + " (SELECT ACTION_ID, ACTION_TIME, %d rows/day); the emulator's job time is %d ms"
                      + " per 1,000 rows at this scale, %s per window day in real time (one 90-day job:"
                      + " %s). First %d warm-up queries (%s days, splitWindow=none, %s; %d × 429) teach"
                      + " the driver its jobs' durations; each run then starts from a copy of that"
                      + " learned model in a fresh cacheDir (no saved jobs, an empty request log) against"
                      + " a reset emulator (no request in its window), default maxConcurrentExports=4 and"
                      + " maxJobsPerTenant=4. Most requests in any 60 s (sliding, refused ones included):",
                  WINDOW.start().toLocalDate() + " to " + WINDOW.end().toLocalDate(),
                  ROWS_PER_DAY,
                  msPer1kRows,
                  ResultTable.seconds(REAL_MS_PER_DAY),
                  ResultTable.seconds(REAL_MS_PER_DAY * WINDOW.days()),
                  WARMUP.size(),
                  String.join(
                      ", ",
                      WARMUP.stream()
                          .map(w -> String.format(Locale.ROOT, "%.0f", w.days()))
                          .toList()),
                  ResultTable.seconds(warmupMillis),
                  warmupThrottled));
      for (Run r : runs) {
        note.append(' ').append(r.split()).append(' ').append(r.mostInWindow()).append(',');
      }
      note.setLength(note.length() - 1);
      note.append('.');
      if (runs.stream().map(Run::rows).distinct().count() > 1) {
        note.append(" ROW COUNTS DIFFER:");
        runs.forEach(r -> note.append(' ').append(r.split()).append(' ').append(r.rows()));
        note.append('.');
      } else {
        note.append(" Every run returned the same ").append(ours.rows()).append(" rows.");
      }
      if (scale.divisor() > 1) {
        note.append(" Run at ")
            .append(scale.label())
            .append(", driver time constants scaled")
            .append(" alike; times shown ×")
            .append(scale.divisor())
            .append('.');
      }
      table.note(note.toString());
      auto.note(
          "'learned in budgetsplit': the model the driver fitted to the "
              + WARMUP.size()
              + " warm-up jobs of the budgetsplit row (true durations "
              + ResultTable.seconds(REAL_MS_PER_DAY)
              + " a day in real time), planned at that row's "
              + scale.label()
              + " budget (the choice does not depend on the scale: job times and the time per"
              + " request scale alike); "
              + (explainRequests == 0
                  ? "no API request made."
                  : explainRequests + " API requests made."));
    }
  }
}
