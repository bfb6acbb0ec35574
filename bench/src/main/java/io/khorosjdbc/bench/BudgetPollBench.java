package io.khorosjdbc.bench;

import io.khorosjdbc.bench.Harness.Schema;
import io.khorosjdbc.bench.Harness.Window;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.http.JournalEntry;
import io.khorosjdbc.emulator.job.LatencyJitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Under the request budget, rows 1-2 per job length: how late the driver notices that a job is
 * ready, and how many requests one export costs, once the driver has learned how long the tenant's
 * jobs take. Jobs of a nominal length ±20% (the emulator's deterministic jitter), under the
 * documented limit or a scaled one, one query at a time on one connection, each on its own one-hour
 * window (nothing is shared or cached), with a fresh {@code cacheDir} per length. The first jobs
 * are warm-up (the driver has no estimate yet) and are not measured.
 *
 * <p>Ground truth from the emulator: its job number {@code n} (creates it accepted before) and
 * {@link LatencyJitter} give each job's own latency, so ready = the accepted create's arrival +
 * that latency; noticed = the status request that answered COMPLETED (the last status before the
 * download). Baselines, computed over the same latencies: an omniscient poller (one poll at the
 * moment the job is ready: overshoot 0, 3 requests) and the Airflow-style poller of {@link
 * PollingBench} (first wait 15 s, ×1.2, cap 2 min).
 */
final class BudgetPollBench {
  static final int JITTER_PERCENT = 20;
  static final double MAX_MEAN_REQUESTS = 6;

  /** Create, one status poll that sees the job done, the download link. */
  static final int OMNISCIENT_REQUESTS = 3;

  /**
   * The emulator reads its clock a few ms after a request arrives (after parsing it); ready and
   * noticed may be off by that much.
   */
  static final long CLOCK_SLACK_MILLIS = 25;

  /** How much later than its slot freed a request may arrive and still count as held back. */
  static final long HELD_BACK_SLACK_MILLIS = 250;

  private static final LocalDateTime FIRST_WINDOW = LocalDateTime.parse("2019-03-04T10:00");

  private BudgetPollBench() {}

  /** A nominal job length and the time scale it runs at. */
  record Length(long nominalMillis, Scale scale) {}

  /**
   * One measured export, in real time.
   *
   * @param latencyMillis the job's own latency (jitter applied)
   * @param overshootMillis noticed - ready
   * @param requests create, status and download requests, refused ones included
   * @param throttled how many of them were refused (429)
   * @param consistent whether the journal agrees with the ground truth: the status before the one
   *     that saw the job done came before ready, that one at or after it
   * @param firstPollMillis from the create to the first status request
   */
  record Job(
      double latencyMillis,
      double overshootMillis,
      int requests,
      int throttled,
      boolean consistent,
      double firstPollMillis) {

    /** Whether the first poll came only after the job was ready (the plan started too late). */
    boolean firstPollLate() {
      return firstPollMillis > latencyMillis;
    }
  }

  /** What one length gave. */
  /**
   * What one length gave.
   *
   * @param paced measured jobs with a request the budget held back (see {@link Requests#heldBack})
   * @param recordedShort measured jobs the driver recorded in its durations file as shorter than
   *     {@link #RECORDED_LOW} of their true latency
   * @param recordedLong ... as longer than {@link #RECORDED_HIGH} of it
   */
  record Result(
      Length length,
      List<Job> jobs,
      int throttled,
      int requests,
      int otherRequests,
      int paced,
      int recordedShort,
      int recordedLong) {}

  static final double RECORDED_LOW = 0.7;
  static final double RECORDED_HIGH = 1.3;
  private static final Pattern LEDGER_JOB = Pattern.compile("\\{[^{}]*\\}");
  private static final Pattern MILLIS = Pattern.compile("\"millis\"\\s*:\\s*(\\d+)");
  private static final Pattern AT = Pattern.compile("\"at\"\\s*:\\s*(\\d+)");

  /**
   * The duration the driver recorded for its most recent job, from its durations file ({@code
   * {"reports": {"t": [{"days": .., "millis": .., "at": ..}]}}}); -1 when there is none.
   */
  static long lastRecorded(String ledger) {
    long at = -1;
    long millis = -1;
    Matcher job = LEDGER_JOB.matcher(ledger);
    while (job.find()) {
      Matcher m = MILLIS.matcher(job.group());
      Matcher a = AT.matcher(job.group());
      if (m.find() && a.find() && Long.parseLong(a.group(1)) >= at) {
        at = Long.parseLong(a.group(1));
        millis = Long.parseLong(m.group(1));
      }
    }
    return millis;
  }

  /** Mean overshoot target: 5% of the (mean) job length + 1 s (real time). */
  static double meanTarget(double jobMillis) {
    return 0.05 * jobMillis + 1_000;
  }

  /** Worst overshoot target, per job: 10% of its length + 2 s (real time). */
  static double worstTarget(double jobMillis) {
    return 0.10 * jobMillis + 2_000;
  }

  /**
   * One export from its query's requests (in arrival order) and the job's own latency, both as
   * measured at {@code scale}; the result is in real time.
   */
  static Job trace(List<JournalEntry> requests, long latencyMillis, Scale scale) {
    List<JournalEntry> creates =
        requests.stream().filter(e -> e.route().equals("create") && e.status() == 200).toList();
    if (creates.size() != 1) {
      throw new IllegalStateException(
          "expected 1 export job per query, the emulator accepted " + creates.size() + " creates");
    }
    long ready = creates.get(0).time() + latencyMillis;
    List<JournalEntry> answered =
        requests.stream().filter(e -> e.route().equals("status") && e.status() == 200).toList();
    if (answered.isEmpty()) {
      throw new IllegalStateException("no status request was answered");
    }
    JournalEntry noticed = answered.get(answered.size() - 1);
    JournalEntry lastRunning = answered.size() > 1 ? answered.get(answered.size() - 2) : null;
    boolean consistent =
        noticed.time() >= ready - CLOCK_SLACK_MILLIS
            && (lastRunning == null || lastRunning.time() < ready + CLOCK_SLACK_MILLIS);
    int counted =
        (int)
            requests.stream()
                .filter(
                    e ->
                        e.route().equals("create")
                            || e.route().equals("status")
                            || e.route().equals("download"))
                .count();
    long firstPoll =
        requests.stream()
                .filter(e -> e.route().equals("status"))
                .mapToLong(JournalEntry::time)
                .min()
                .orElseThrow()
            - creates.get(0).time();
    return new Job(
        scale.real(latencyMillis),
        scale.real(noticed.time() - ready),
        counted,
        Requests.throttled(requests),
        consistent,
        scale.real(firstPoll));
  }

  static void run(
      ResultTable table, Schema schema, List<Length> lengths, int warmup, int measured, Path tmp)
      throws Exception {
    Harness.progress(
        "budget polling: "
            + lengths.size()
            + " lengths, "
            + warmup
            + " warm-up + "
            + measured
            + " jobs each, one after another; lengths side by side");
    ExecutorService pool = Executors.newFixedThreadPool(lengths.size());
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (Length length : lengths) {
        Path cacheDir = Harness.freshDirectory(tmp, "budgetpoll");
        futures.add(pool.submit(() -> measure(schema, length, warmup, measured, cacheDir)));
      }
      int consistent = 0;
      int jobs = 0;
      int late = 0;
      int paced = 0;
      int recordedShort = 0;
      int recordedLong = 0;
      StringBuilder perLength = new StringBuilder();
      for (int i = 0; i < lengths.size(); i++) {
        Length length = lengths.get(i);
        String what =
            ResultTable.seconds(length.nominalMillis()).replace(".0 s", " s").replace(".00 s", " s")
                + " jobs ±"
                + JITTER_PERCENT
                + "% ("
                + length.scale().label()
                + ")";
        String overshootTarget =
            "mean ≤ "
                + ResultTable.seconds(meanTarget(length.nominalMillis()))
                + ", worst ≤ "
                + ResultTable.seconds(worstTarget(length.nominalMillis()));
        String requestsTarget = String.format(Locale.ROOT, "mean ≤ %.0f", MAX_MEAN_REQUESTS);
        try {
          Result r = futures.get(i).get();
          add(table, what, overshootTarget, requestsTarget, r);
          paced += r.paced();
          recordedShort += r.recordedShort();
          recordedLong += r.recordedLong();
          for (Job job : r.jobs()) {
            jobs++;
            consistent += job.consistent() ? 1 : 0;
            late += job.firstPollLate() ? 1 : 0;
          }
          perLength.append(
              String.format(
                  Locale.ROOT,
                  " %s: %d requests in all, %d refused%s;",
                  what,
                  r.requests(),
                  r.throttled(),
                  r.otherRequests() == 0
                      ? ""
                      : ", " + r.otherRequests() + " other than create/status/download"));
        } catch (Exception e) {
          table.error(
              "budget: poll overshoot, " + what, PollingBench.rootMessage(e), overshootTarget);
        }
      }
      table.note(
          "Budget polling: per length "
              + warmup
              + " warm-up jobs (not measured: the"
              + " driver has no estimate yet) then "
              + measured
              + " measured, one query at a time (each starting once the"
              + " previous one's requests had their share of the budget's window, so that the loop"
              + " itself stays within the budget) on"
              + " one connection (SELECT ACTION_ID, a different one-hour window each, splitWindow=none,"
              + " cache=false, a fresh cacheDir per length, so the driver learns only from these"
              + " jobs); the lengths run side by side, each against its own emulator (its own tenant)"
              + " that enforces the documented limit, 20 requests per 60 s, or that limit scaled."
              + " Scaled rows (1/N) divide the rate-limit window, the jobs and the driver's"
              + " pollInitialDelay, pollMaxDelay, retryBaseDelay and retryMaxDelay by N; every figure"
              + " is shown in real time (measured × N), so targets and baselines apply unchanged."
              + " Ready = the accepted create's arrival + the job's own latency (the emulator's"
              + " jitter, recomputed from its seed and job number); noticed = the status request"
              + " that answered COMPLETED; the journal agreed with that ground truth (the status"
              + " before it came before ready) for "
              + consistent
              + " of "
              + jobs
              + " jobs. The"
              + " first status request came only after the job was ready for "
              + late
              + " of "
              + jobs
              + " measured jobs (the driver's first poll is planned at the start of the"
              + " range it expects the job to end in). The budget held back a request (its 20th"
              + " predecessor had arrived one budget window, plus the driver's margin, before it) of "
              + paced
              + " of "
              + jobs
              + " measured jobs. The driver's durations file recorded "
              + recordedShort
              + " of "
              + jobs
              + " as shorter than "
              + Math.round(RECORDED_LOW * 100)
              + "% of their true latency and "
              + recordedLong
              + " as longer than "
              + Math.round(RECORDED_HIGH * 100)
              + "%."
              + " Requests per export = create + status polls + download link (the pre-signed file"
              + " fetch goes to storage and is not counted), refused ones included. Omniscient"
              + " baseline: one poll exactly at ready (overshoot 0, 3 requests); Airflow-style: first"
              + " wait 15 s, ×1.2, cap 2 min, computed over the same latencies. The overshoot PASS"
              + " needs the mean within 5% of the mean job length + 1 s and every job within 10% of"
              + " its length + 2 s. 429s include the warm-up jobs:"
              + perLength.substring(0, perLength.length() - 1)
              + ".");
    } finally {
      pool.shutdownNow();
    }
  }

  private static void add(
      ResultTable table, String what, String overshootTarget, String requestsTarget, Result r) {
    int n = r.jobs().size();
    double meanOvershoot = 0;
    double worst = Double.NEGATIVE_INFINITY;
    double meanLatency = 0;
    double meanRequests = 0;
    int most = 0;
    double airflowOvershoot = 0;
    double airflowWorst = 0;
    double airflowRequests = 0;
    boolean worstPass = true;
    for (Job job : r.jobs()) {
      meanOvershoot += job.overshootMillis() / n;
      worst = Math.max(worst, job.overshootMillis());
      meanLatency += job.latencyMillis() / n;
      meanRequests += (double) job.requests() / n;
      most = Math.max(most, job.requests());
      double airflow = PollingBench.baselineOvershoot(job.latencyMillis());
      airflowOvershoot += airflow / n;
      airflowWorst = Math.max(airflowWorst, airflow);
      airflowRequests += (PollingBench.baselinePolls(job.latencyMillis()) + 2.0) / n;
      worstPass &= job.overshootMillis() <= worstTarget(job.latencyMillis());
    }
    boolean meanPass = meanOvershoot <= meanTarget(meanLatency);
    String refused = "; " + r.throttled() + " × 429";
    table.add(
        "budget: poll overshoot, " + what,
        "mean "
            + ResultTable.seconds(meanOvershoot)
            + ", worst "
            + ResultTable.seconds(worst)
            + refused,
        "omniscient 0 s; Airflow-style mean "
            + ResultTable.seconds(airflowOvershoot)
            + ", worst "
            + ResultTable.seconds(airflowWorst)
            + " (computed)",
        String.format(Locale.ROOT, "%.3f of Airflow", meanOvershoot / airflowOvershoot),
        overshootTarget,
        meanPass && worstPass);
    table.add(
        "budget: requests per export, " + what,
        String.format(Locale.ROOT, "mean %.1f, most %d", meanRequests, most) + refused,
        String.format(
            Locale.ROOT,
            "omniscient %d; Airflow-style mean %.1f (computed)",
            OMNISCIENT_REQUESTS,
            airflowRequests),
        String.format(Locale.ROOT, "%.2f× omniscient", meanRequests / OMNISCIENT_REQUESTS),
        requestsTarget,
        meanRequests <= MAX_MEAN_REQUESTS);
  }

  private static Result measure(
      Schema schema, Length length, int warmup, int measured, Path cacheDir) throws Exception {
    Scale scale = length.scale();
    long latency = scale.scaled(length.nominalMillis());
    try (KhorosEmulator emu =
        KhorosEmulator.builder()
            .jobLatencyMillis(latency)
            .jobLatencyJitterPercent(JITTER_PERCENT)
            .rateLimit(scale.rateLimit())
            .build()
            .start()) {
      LatencyJitter jitter =
          new LatencyJitter(emu.config().seed(), emu.config().jobLatencyJitterPercent());
      Map<String, String> props = new HashMap<>(scale.driverProperties());
      props.put("splitWindow", "none");
      props.put("cacheDir", cacheDir.toString());
      List<Job> jobs = new ArrayList<>();
      int paced = 0;
      int recordedShort = 0;
      int recordedLong = 0;
      Path ledger = AutoSplit.stateDirectory(cacheDir, emu).resolve("durations.ledger");
      long jobNumber = 0;
      try (Connection c = Harness.connect(emu, schema, props)) {
        for (int i = 0; i < warmup + measured; i++) {
          LocalDateTime start = FIRST_WINDOW.plusDays(i);
          Window w = new Window(start, start.plusHours(1));
          long from = System.currentTimeMillis();
          Harness.drain(c, "SELECT ACTION_ID FROM " + Harness.TABLE + " WHERE " + w.where());
          long to = System.currentTimeMillis();
          List<JournalEntry> slice = Requests.between(emu.journal(), from, to);
          Job job = trace(slice, jitter.apply(latency, jobNumber), scale);
          jobNumber++;
          List<JournalEntry> all = Requests.api(emu.journal());
          int held = 0;
          for (JournalEntry e : Requests.api(slice)) {
            held +=
                Requests.heldBack(all, e, Scale.PERMITS, scale.spanMillis(), HELD_BACK_SLACK_MILLIS)
                    ? 1
                    : 0;
          }
          long raw = Files.exists(ledger) ? lastRecorded(Files.readString(ledger)) : -1;
          double recorded = raw < 0 ? -1 : scale.real(raw);
          if (i >= warmup) {
            jobs.add(job);
            paced += held > 0 ? 1 : 0;
            recordedShort += recorded >= 0 && recorded < RECORDED_LOW * job.latencyMillis() ? 1 : 0;
            recordedLong += recorded > RECORDED_HIGH * job.latencyMillis() ? 1 : 0;
          }
          // The next query starts once this one's requests have had their share of the window,
          // so that the loop itself stays within the budget and what is measured is the polling.
          long due = from + job.requests() * scale.spanMillis() / Scale.PERMITS;
          Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
          Harness.progress(
              String.format(
                  Locale.ROOT,
                  "budget polling %s%s #%d: job %s,"
                      + " first poll at %s, overshoot %s, %d requests (%d held back by the budget),"
                      + " recorded as %s",
                  ResultTable.seconds(length.nominalMillis()),
                  scale.divisor() == 1 ? "" : " (1/" + scale.divisor() + ")",
                  i + 1,
                  ResultTable.seconds(job.latencyMillis()),
                  ResultTable.seconds(job.firstPollMillis()),
                  ResultTable.seconds(job.overshootMillis()),
                  job.requests(),
                  held,
                  ResultTable.seconds(recorded)));
        }
      }
      List<JournalEntry> api = Requests.api(emu.journal());
      int other =
          api.size()
              - Requests.count(api, "create")
              - Requests.count(api, "status")
              - Requests.count(api, "download");
      return new Result(
          length,
          jobs,
          Requests.throttled(api),
          api.size(),
          other,
          paced,
          recordedShort,
          recordedLong);
    }
  }
}
