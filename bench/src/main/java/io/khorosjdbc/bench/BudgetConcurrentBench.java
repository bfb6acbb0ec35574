package io.khorosjdbc.bench;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Under the request budget: four connections of one tenant each run a query over a different 30-day
 * window at the same time, against an emulator that enforces the documented limit (or a scaled
 * one). Ours: the driver's budget ({@code requestBudget} at the limit); baseline: the same with
 * {@code requestBudget=off}, which meets the limit only through 429s and retries.
 */
final class BudgetConcurrentBench {
  static final List<Window> WINDOWS =
      List.of(
          Window.days("2019-01-01T00:00", 30),
          Window.days("2019-01-31T00:00", 30),
          Window.days("2019-03-02T00:00", 30),
          Window.days("2019-04-01T00:00", 30));
  static final int ROWS_PER_DAY = 200;

  private BudgetConcurrentBench() {}

  /** One run of the four queries; times in real time. */
  record Outcome(
      double wallMillis,
      int answered,
      long rows,
      List<String> failures,
      int requests,
      int throttled,
      int mostInWindow,
      int creates,
      double twentiethMillis,
      double twentyFirstMillis) {

    String describe(Scale scale) {
      return String.format(
          Locale.ROOT,
          "%s, %d requests, %d × 429, most %d in any %s%s",
          ResultTable.seconds(wallMillis),
          requests,
          throttled,
          mostInWindow,
          ResultTable.seconds(Scale.WINDOW_MILLIS).replace(".0 s", " s"),
          answered == WINDOWS.size()
              ? ""
              : "; " + (WINDOWS.size() - answered) + " of " + WINDOWS.size() + " queries failed");
    }
  }

  static void run(ResultTable table, Schema schema, Scale scale, long jobMillis, Path tmp)
      throws Exception {
    String metric =
        "budget: 4 concurrent 30-day queries, 4 connections ("
            + ResultTable.seconds(jobMillis).replace(".0 s", " s")
            + " jobs ±20%, "
            + scale.label()
            + ")";
    String target = "all answered; 0 × 429; ≤ 20 in any 60 s";
    try (KhorosEmulator emu =
        KhorosEmulator.builder()
            .rowsPerDay(ROWS_PER_DAY)
            .jobLatencyMillis(scale.scaled(jobMillis))
            .jobLatencyJitterPercent(20)
            .rateLimit(scale.rateLimit())
            .build()
            .start()) {
      Map<String, String> props = new HashMap<>(scale.driverProperties());
      Harness.progress("budget concurrent: " + metric + ", requestBudget=" + scale.budget());
      Outcome ours = measure(emu, schema, props, Harness.freshDirectory(tmp, "concurrent"), scale);
      emu.reset(); // an idle tenant for the baseline: no job, no request in the window
      props.put("requestBudget", "off");
      Harness.progress("budget concurrent: the same with requestBudget=off");
      Outcome off = measure(emu, schema, props, Harness.freshDirectory(tmp, "concurrent"), scale);
      boolean pass =
          ours.answered() == WINDOWS.size()
              && ours.throttled() == 0
              && ours.mostInWindow() <= Scale.PERMITS;
      table.add(
          metric,
          ours.describe(scale),
          "requestBudget=off: " + off.describe(scale),
          off.answered() == WINDOWS.size()
              ? String.format(Locale.ROOT, "%.2f (wall time)", ours.wallMillis() / off.wallMillis())
              : "- (baseline failed)",
          target,
          pass);
      StringBuilder note =
          new StringBuilder(
              "Concurrent queries: four connections with one"
                  + " cacheDir (one tenant, one budget), each SELECT ACTION_ID, ACTION_TIME over its own 30"
                  + " days ("
                  + ROWS_PER_DAY
                  + " rows/day) at the same moment, default splitWindow=auto"
                  + " (no learned model yet: one export each); wall time = until the last query ended."
                  + " Requests = API requests in the journal (create, status, download link), refused"
                  + " ones included; 'most in any 60 s' counts them, refused ones included, in a sliding"
                  + " window (the emulator itself admits at most 20).");
      note.append(
          String.format(
              Locale.ROOT,
              " Exports created: %d with the budget, %d without.",
              ours.creates(),
              off.creates()));
      if (ours.twentyFirstMillis() >= 0) {
        note.append(
            String.format(
                Locale.ROOT,
                " With the budget the 20th request arrived %s"
                    + " after the first, the 21st %s after it.",
                ResultTable.seconds(ours.twentiethMillis()),
                ResultTable.seconds(ours.twentyFirstMillis())));
      }
      if (ours.answered() == WINDOWS.size()
          && off.answered() == WINDOWS.size()
          && ours.rows() != off.rows()) {
        note.append(" ROW COUNTS DIFFER: ")
            .append(ours.rows())
            .append(" with the budget, ")
            .append(off.rows())
            .append(" without.");
      } else if (ours.answered() == WINDOWS.size()) {
        note.append(" Rows: ").append(ours.rows()).append(" in all.");
      }
      failures(note, "with the budget", ours);
      failures(note, "with requestBudget=off", off);
      if (scale.divisor() > 1) {
        note.append(" Run at ")
            .append(scale.label())
            .append(" with jobs of ")
            .append(ResultTable.seconds(scale.scaled(jobMillis)))
            .append(", driver time")
            .append(" constants scaled alike; times shown ×")
            .append(scale.divisor())
            .append(", windows counted at the scaled length.");
      }
      table.note(note.toString());
    }
  }

  private static void failures(StringBuilder note, String which, Outcome o) {
    if (!o.failures().isEmpty()) {
      note.append(" Failures ")
          .append(which)
          .append(": ")
          .append(String.join(" / ", o.failures().stream().distinct().toList()))
          .append('.');
    }
  }

  private static Outcome measure(
      KhorosEmulator emu, Schema schema, Map<String, String> props, Path cacheDir, Scale scale)
      throws Exception {
    Map<String, String> p = new HashMap<>(props);
    p.put("cacheDir", cacheDir.toString());
    List<Connection> connections = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(WINDOWS.size());
    try {
      for (int i = 0; i < WINDOWS.size(); i++) {
        connections.add(Harness.connect(emu, schema, p));
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Long>> answers = new ArrayList<>();
      for (int i = 0; i < WINDOWS.size(); i++) {
        Connection c = connections.get(i);
        String sql =
            "SELECT ACTION_ID, ACTION_TIME FROM "
                + Harness.TABLE
                + " WHERE "
                + WINDOWS.get(i).where();
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return Harness.drain(c, sql).rows();
                }));
      }
      long t0 = System.nanoTime();
      go.countDown();
      int answered = 0;
      long rows = 0;
      List<String> failures = new ArrayList<>();
      for (Future<Long> answer : answers) {
        try {
          rows += answer.get();
          answered++;
        } catch (Exception e) {
          failures.add(PollingBench.rootMessage(e));
        }
      }
      double wall = scale.real((System.nanoTime() - t0) / 1e6);
      List<JournalEntry> api = Requests.api(emu.journal());
      long first = api.isEmpty() ? 0 : api.get(0).time();
      return new Outcome(
          wall,
          answered,
          rows,
          failures,
          api.size(),
          Requests.throttled(api),
          Requests.mostInAnyWindow(api, scale.windowMillis()),
          (int) api.stream().filter(e -> e.route().equals("create") && e.status() == 200).count(),
          api.size() >= Scale.PERMITS ? scale.real(api.get(Scale.PERMITS - 1).time() - first) : -1,
          api.size() > Scale.PERMITS ? scale.real(api.get(Scale.PERMITS).time() - first) : -1);
    } finally {
      for (Connection c : connections) {
        c.close();
      }
      pool.shutdownNow();
    }
  }
}
