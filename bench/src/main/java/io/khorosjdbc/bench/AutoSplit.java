package io.khorosjdbc.bench;

import io.khorosjdbc.bench.Harness.Schema;
import io.khorosjdbc.bench.Harness.Window;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code splitWindow=auto} plans for windows of 1 to 365 days once the driver has a model of
 * the tenant's job durations, read through JDBC: {@code EXPLAIN PLAN FOR} prints the export jobs a
 * query will make. A model is given to the driver the way it keeps one between processes, as the
 * durations file in its cache directory ({@code <cacheDir>/<tenant>.state/durations.ledger}, format
 * documented in the driver's {@code JobDurations}), so no job has to run.
 */
final class AutoSplit {
  static final List<Integer> DAYS = List.of(1, 7, 30, 90, 365);
  static final String START = "2019-01-01T00:00";
  private static final Pattern JOBS = Pattern.compile("(\\d+) job\\(s\\): ");
  private static final Pattern FIRST_WINDOW =
      Pattern.compile("\\[(\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z), (\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z)\\)");

  /** The columns measured so far: a model's name and its plan per window of {@link #DAYS}. */
  private final Map<String, List<String>> columns = new LinkedHashMap<>();

  private final List<String> notes = new ArrayList<>();

  synchronized void column(String model, List<String> plans) {
    columns.put(model, List.copyOf(plans));
  }

  synchronized void note(String text) {
    notes.add(text);
  }

  synchronized boolean isEmpty() {
    return columns.isEmpty();
  }

  /** Adds the table (one row per window length, one column per model) to {@code table}. */
  synchronized void appendTo(ResultTable table) {
    List<String> header = new ArrayList<>();
    header.add("window");
    header.addAll(columns.keySet());
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < DAYS.size(); i++) {
      List<String> row = new ArrayList<>();
      row.add(DAYS.get(i) + (DAYS.get(i) == 1 ? " day" : " days"));
      for (List<String> plans : columns.values()) {
        row.add(plans.get(i));
      }
      rows.add(row);
    }
    table.appendix(
        "splitWindow=auto: the export jobs EXPLAIN plans per window", header, rows, notes);
  }

  /** The jobs of an EXPLAIN output and the length of the first one's window. */
  record Plan(int jobs, long firstPieceMillis) {
    /** "1 job" or "3 × 30 d". */
    String describe() {
      if (jobs == 1) {
        return "1 job";
      }
      double days = firstPieceMillis / 86_400_000.0;
      String length =
          Math.abs(days - Math.rint(days)) < 1e-9
              ? String.format(Locale.ROOT, "%.0f d", days)
              : String.format(Locale.ROOT, "%.1f d", days);
      return jobs + " × " + length;
    }
  }

  /** Reads the driver's EXPLAIN text: "N job(s): table [start, end) ...; ...". */
  static Plan parse(String explain) {
    Matcher jobs = JOBS.matcher(explain);
    if (!jobs.find()) {
      throw new IllegalArgumentException("no planned jobs in EXPLAIN output: " + explain);
    }
    Matcher first = FIRST_WINDOW.matcher(explain);
    if (!first.find(jobs.end())) {
      throw new IllegalArgumentException("no export window in EXPLAIN output: " + explain);
    }
    long piece =
        Instant.parse(first.group(2)).toEpochMilli() - Instant.parse(first.group(1)).toEpochMilli();
    return new Plan(Integer.parseInt(jobs.group(1)), piece);
  }

  /** The plan for each window of {@link #DAYS} on {@code c}. */
  static List<String> plans(Connection c) throws SQLException {
    List<String> plans = new ArrayList<>();
    for (int days : DAYS) {
      Window w = Window.days(START, days);
      StringBuilder text = new StringBuilder();
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "EXPLAIN PLAN FOR"
                      + " SELECT ACTION_ID FROM "
                      + Harness.TABLE
                      + " WHERE "
                      + w.where())) {
        while (rs.next()) {
          text.append(rs.getString(1)).append('\n');
        }
      }
      plans.add(parse(text.toString()).describe());
    }
    return plans;
  }

  /**
   * The driver's state directory of the emulator's tenant in {@code cacheDir}: as the driver names
   * it, host, port and companyKey.
   */
  static Path stateDirectory(Path cacheDir, KhorosEmulator emu) {
    URI uri = URI.create(emu.baseUrl());
    int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
    return cacheDir.resolve(
        uri.getHost()
            + "_"
            + port
            + "_"
            + emu.companyKey().replaceAll("[^A-Za-z0-9_-]", "_")
            + ".state");
  }

  /** The durations file holding {@code observations}: window days → job milliseconds. */
  static String ledger(Map<Double, Long> observations, long now) {
    StringBuilder json =
        new StringBuilder("{\"format\": 1, \"reports\": {\"" + Harness.TABLE + "\": [");
    int i = 0;
    for (Map.Entry<Double, Long> o : observations.entrySet()) {
      json.append(i == 0 ? "" : ", ")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"days\": %s, \"millis\": %d, \"at\": %d}",
                  o.getKey(),
                  o.getValue(),
                  now - (observations.size() - i) * 1_000L));
      i++;
    }
    return json.append("]}}\n").toString();
  }

  /**
   * The section: two synthetic models, fixed-latency (every job 60 s, whatever its window) and
   * per-row (2 s per window day), at the documented budget (20/1m), each in its own cacheDir.
   */
  static void run(AutoSplit table, Schema schema, Path tmp) throws Exception {
    Map<String, Map<Double, Long>> models = new LinkedHashMap<>();
    Map<Double, Long> fixed = new LinkedHashMap<>();
    Map<Double, Long> perRow = new LinkedHashMap<>();
    for (double days : new double[] {1, 7, 30, 90}) {
      fixed.put(days, 60_000L);
      perRow.put(days, Math.round(2_000 * days));
    }
    models.put("fixed 60 s a job", fixed);
    models.put("per row: 2 s a day", perRow);
    try (KhorosEmulator emu =
        KhorosEmulator.builder().jobLatencyMillis(0).rateLimit(RateLimit.OFF).build().start()) {
      for (Map.Entry<String, Map<Double, Long>> model : models.entrySet()) {
        Path cacheDir = Harness.freshDirectory(tmp, "auto");
        Path state = stateDirectory(cacheDir, emu);
        Files.createDirectories(state);
        Files.writeString(
            state.resolve("durations.ledger"),
            ledger(model.getValue(), System.currentTimeMillis()));
        try (Connection c =
            Harness.connect(
                emu,
                schema,
                Map.of(
                    "cacheDir",
                    cacheDir.toString(),
                    "requestBudget",
                    "20/1m",
                    "splitWindow",
                    "auto"))) {
          table.column(model.getKey(), plans(c));
        }
      }
      if (table.columns.get("per row: 2 s a day").stream().allMatch(p -> p.equals("1 job"))) {
        table.note(
            "The per-row model never split: the driver may not have read the durations"
                + " file written for it (has its state layout changed?).");
      }
      int requests = Requests.api(emu.journal()).size();
      table.note(
          "Synthetic models, given to the driver as its durations file (jobs over windows"
              + " of 1, 7, 30 and 90 days), planned at requestBudget=20/1m (3 s a request) and the"
              + " default maxConcurrentExports=4; EXPLAIN PLAN FOR a one-column query from "
              + START
              + " UTC, "
              + (requests == 0 ? "no API request made" : requests + " API requests made")
              + ". The driver's rule: the k (1 to 4) that minimises fixed + perDay × days / k +"
              + " (k - 1) × 4 requests × 3 s, each further piece saving at least 5%.");
    }
  }

  /** Copies the learned durations (only) of one state directory into another. */
  static void copyDurations(Path fromCacheDir, Path toCacheDir, KhorosEmulator emu)
      throws IOException {
    Path from = stateDirectory(fromCacheDir, emu).resolve("durations.ledger");
    if (!Files.exists(from)) {
      throw new IOException(
          "the warm-up left no durations file at "
              + from.getFileName()
              + " (has the driver's state layout changed?)");
    }
    Path to = stateDirectory(toCacheDir, emu);
    Files.createDirectories(to);
    Files.copy(from, to.resolve("durations.ledger"));
  }
}
