package io.khorosjdbc.cli.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.khorosjdbc.driver.api.AnalyticsClient;
import io.khorosjdbc.driver.api.ApiException;
import io.khorosjdbc.driver.api.CallGroup;
import io.khorosjdbc.driver.api.Download;
import io.khorosjdbc.driver.api.ExportRequest;
import io.khorosjdbc.driver.api.JobStatus;
import io.khorosjdbc.driver.api.ReportFormat;
import io.khorosjdbc.driver.api.RequestBudget;
import io.khorosjdbc.driver.api.RetryPolicy;
import io.khorosjdbc.driver.api.StatusReply;
import io.khorosjdbc.driver.catalog.KnownColumns;
import io.khorosjdbc.driver.catalog.ReportCatalog;
import io.khorosjdbc.driver.catalog.ReportDefinition;
import io.khorosjdbc.driver.export.JobDurations;
import io.khorosjdbc.driver.export.PollPlan;
import io.khorosjdbc.driver.export.TenantScheduler;
import io.khorosjdbc.driver.jdbc.ConnectionConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The compatibility report of {@code khoros-sql --check}: exports the last full hour of a few
 * tables without {@code reportMetrics} (so the tenant sends its default column set) and compares
 * what arrives with what the driver expects: columns, header spelling, value formats, the anchor
 * column, job times, status shapes and HTTP errors. Reads through the API client, so the report
 * shows what the tenant sent rather than what the driver made of it, and spends the tenant's
 * request budget like the driver does (every request waits for its slot).
 */
public final class CompatibilityCheck {
  /**
   * Checked when {@code --check-tables} is not given: a snapshot, two event exports, lower-case
   * names.
   */
  public static final List<String> DEFAULT_TABLES =
      List.of("conversation", "conversation_actions", "raw_agent_states", "response");

  /**
   * A create, three to six status polls (more when a job takes longer than the tenant's earlier
   * ones) and the download link.
   */
  static final int MIN_REQUESTS_PER_TABLE = 5;

  static final int MAX_REQUESTS_PER_TABLE = 8;
  private static final long HOUR = 3_600_000L;
  private static final double WINDOW_DAYS = 1 / 24.0;
  private static final long HEARTBEAT_MILLIS = 30_000;

  private final ConnectionConfig config;
  private final List<ReportDefinition> tables;
  private final PrintStream out;
  private final HeaderSpelling spelling;
  private final ValueFormats formats;
  private final ObjectMapper json = new ObjectMapper();

  public CompatibilityCheck(ConnectionConfig config, List<String> tables, PrintStream out) {
    this(config, tables, out, HeaderSpelling.builtIn(), ValueFormats.builtIn());
  }

  CompatibilityCheck(
      ConnectionConfig config,
      List<String> tables,
      PrintStream out,
      HeaderSpelling spelling,
      ValueFormats formats) {
    this.config = config;
    ReportCatalog catalog = ReportCatalog.builtIn();
    this.tables =
        tables.stream()
            .map(
                t ->
                    catalog
                        .report(t)
                        .orElseThrow(() -> new IllegalArgumentException("unknown table " + t)))
            .toList();
    this.out = out;
    this.spelling = spelling;
    this.formats = formats;
  }

  /**
   * The tables {@code --check-tables} names: {@code all}, or a comma-separated list of table names.
   *
   * @throws IllegalArgumentException naming the unknown tables and listing the known ones
   */
  public static List<String> parseTables(String spec) {
    ReportCatalog catalog = ReportCatalog.builtIn();
    List<String> all = catalog.reports().stream().map(ReportDefinition::table).toList();
    if (spec == null || spec.isBlank()) {
      return DEFAULT_TABLES;
    }
    if (spec.trim().equalsIgnoreCase("all")) {
      return all;
    }
    List<String> chosen = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String name : spec.split(",")) {
      String table = name.trim().replace("\"", "");
      if (table.isEmpty()) {
        continue;
      }
      Optional<ReportDefinition> report = catalog.report(table);
      if (report.isEmpty()) {
        unknown.add(table);
      } else if (!chosen.contains(report.get().table())) {
        chosen.add(report.get().table());
      }
    }
    if (!unknown.isEmpty() || chosen.isEmpty()) {
      throw new IllegalArgumentException(
          "--check-tables: "
              + (unknown.isEmpty()
                  ? "no table named"
                  : "unknown table"
                      + (unknown.size() > 1 ? "s " : " ")
                      + String.join(", ", unknown))
              + "; use all or some of "
              + String.join(", ", all));
    }
    return List.copyOf(chosen);
  }

  /** What the check found: one report per table, and the capture that {@code --save} writes. */
  public record Result(List<TableReport> tables, Capture capture) {
    /** Tables whose export did not complete. */
    public long failures() {
      return tables.stream().filter(TableReport::failed).count();
    }
  }

  /** Runs the exports, printing progress and then the report. */
  public Result run() throws ApiException {
    printPlan();
    long windowEnd = Instant.now().truncatedTo(ChronoUnit.HOURS).toEpochMilli();
    TenantScheduler scheduler = TenantScheduler.join(config.schedulerSettings());
    // No retries inside the client: every HTTP error must reach the report; call() repeats instead.
    try (AnalyticsClient client =
        new AnalyticsClient(config.apiSettings(), RetryPolicy.NONE, scheduler.budget())) {
      List<TableProbe> probes = tables.stream().map(TableProbe::new).toList();
      long started = now();
      exportAll(client, scheduler.budget(), scheduler.durations(), probes, windowEnd);
      out.println(
          "      "
              + probes.stream().mapToInt(p -> p.requests).sum()
              + " API requests in "
              + duration(now() - started));
      List<TableReport> reports =
          probes.stream()
              .map(p -> TableReport.of(p, spelling, formats, KnownColumns.builtIn()))
              .toList();
      print(reports, windowEnd);
      return new Result(reports, Capture.of(reports, config));
    } finally {
      scheduler.leave();
    }
  }

  private void printPlan() {
    int fewest = tables.size() * MIN_REQUESTS_PER_TABLE;
    int requests = tables.size() * MAX_REQUESTS_PER_TABLE;
    RequestBudget.Spec budget = config.requestBudget();
    String pace;
    if (budget.isOff()) {
      pace = "no request budget (requestBudget=off)";
    } else {
      long seconds =
          (long)
              Math.ceil(requests * (double) budget.window().toMillis() / budget.permits() / 1000.0);
      pace =
          "at most "
              + budget.permits()
              + " per "
              + window(budget.window().toMillis())
              + ": about "
              + duration(seconds * 1000);
    }
    out.println(
        tables.size()
            + " table"
            + (tables.size() == 1 ? "" : "s")
            + " ("
            + tables.stream().map(ReportDefinition::table).collect(Collectors.joining(", "))
            + ")");
    out.println(
        "      one-hour exports, "
            + fewest
            + " to "
            + requests
            + " requests (a create, a few status "
            + "polls and the download link each);");
    out.println("      " + pace + ", plus the time the tenant takes to prepare each export");
    out.flush();
  }

  private void exportAll(
      AnalyticsClient client,
      RequestBudget budget,
      JobDurations durations,
      List<TableProbe> probes,
      long windowEnd) {
    int limit =
        Math.max(1, Math.min(4, config.maxJobsPerTenant() > 0 ? config.maxJobsPerTenant() : 4));
    long minGap = Math.max(1, config.pollInitialDelay().toMillis());
    if (!budget.isUnlimited()) {
      minGap = Math.max(minGap, (long) (0.6 * budget.window().toMillis() / budget.permits()));
    }
    long maxGap = Math.max(minGap, config.pollMaxDelay().toMillis());
    for (TableProbe p : probes) {
      // Polls are planned as the driver plans them: around the time this tenant's jobs took so
      // far (the set-up step's response export at least), so each table costs few requests.
      Optional<JobDurations.Estimate> estimate =
          durations
              .estimate(p.table(), WINDOW_DAYS)
              .or(() -> durations.estimate("response", WINDOW_DAYS));
      p.plan = new PollPlan(minGap, maxGap, estimate);
    }
    Deque<TableProbe> waiting = new ArrayDeque<>(probes);
    List<TableProbe> active = new ArrayList<>();
    long start = now();
    long nextHeartbeat = start + HEARTBEAT_MILLIS;
    CallGroup group = new CallGroup();
    while (!waiting.isEmpty() || !active.isEmpty()) {
      while (active.size() < limit && !waiting.isEmpty()) {
        TableProbe p = waiting.poll();
        create(client, group, p, windowEnd);
        if (p.done) {
          progress(p);
        } else {
          active.add(p);
        }
      }
      if (active.isEmpty()) {
        continue;
      }
      TableProbe next =
          active.stream().min(Comparator.comparingLong(p -> p.nextPollAt)).orElseThrow();
      sleepUntil(Math.min(next.nextPollAt, nextHeartbeat));
      if (now() >= nextHeartbeat) {
        out.println(
            "      . waiting for "
                + active.stream().map(TableProbe::table).collect(Collectors.joining(", "))
                + " ("
                + duration(now() - start)
                + " so far)");
        out.flush();
        nextHeartbeat = now() + HEARTBEAT_MILLIS;
        continue;
      }
      poll(client, group, durations, next);
      if (next.done) {
        active.remove(next);
        progress(next);
      }
    }
  }

  private void create(AnalyticsClient client, CallGroup group, TableProbe p, long windowEnd) {
    ReportDefinition report = p.report;
    Map<String, List<String>> parameters =
        report.exportId().equals("team_performance_interval")
            ? Map.of("timeInterval", List.of(Long.toString(HOUR)))
            : Map.of();
    long end = config.endTimeInclusive() ? windowEnd - 1 : windowEnd;
    ExportRequest request =
        new ExportRequest(
            report.exportId(),
            report.marketing(),
            windowEnd - HOUR,
            end,
            List.of(),
            ReportFormat.CSV,
            config.apiLocale(),
            config.apiTimeZone().getId(),
            parameters);
    try {
      p.handle = call(p, false, () -> client.createExport(request, group));
      p.createdAt = now();
      p.nextPollAt = p.createdAt + p.plan.nextDelayMillis(0);
    } catch (IOException e) {
      failed(p, "creating the export failed", e);
    }
  }

  private void poll(AnalyticsClient client, CallGroup group, JobDurations durations, TableProbe p) {
    try {
      StatusReply reply = call(p, true, () -> client.statusWithBody(p.handle, group));
      long elapsed = now() - p.createdAt;
      p.polls++;
      JobStatus status = reply.status();
      String state =
          status.isCompleted()
              ? "COMPLETED"
              : status.isFailed() ? "FAILED" : status.isRunning() ? "RUNNING" : "OTHER";
      observeShape(p, state, reply.body());
      if (status.isRunning()) {
        p.lastRunningMillis = elapsed;
        if (elapsed > config.exportTimeout().toMillis()) {
          p.fail(
              "not ready after "
                  + duration(elapsed)
                  + " (exportTimeout="
                  + config.exportTimeout()
                  + "); raise -D exportTimeout=2h or try again later",
              "timeout");
          return;
        }
        p.nextPollAt = now() + p.plan.nextDelayMillis(elapsed);
      } else if (status.isCompleted()) {
        p.readyMillis = elapsed;
        // What the driver learns from its own jobs: the middle of the interval in which it ended.
        durations.record(p.table(), WINDOW_DAYS, (Math.max(0, p.lastRunningMillis) + elapsed) / 2);
        String url = status.downloadUrl() != null ? status.downloadUrl() : p.handle.downloadUrl();
        if (url == null) {
          p.fail("the job COMPLETED without a downloadUrl", "no downloadUrl");
          return;
        }
        download(client, group, p, url);
        p.done = true;
      } else if (status.isFailed()) {
        p.fail(
            "the job ended CLOSED/FAILED"
                + (status.reason() == null ? "" : " (" + status.reason() + ")"),
            "job FAILED");
      } else {
        p.fail(
            "an undocumented job state: runnerState="
                + status.runnerState()
                + ", detail="
                + status.detail(),
            "undocumented state");
      }
    } catch (IOException e) {
      failed(p, "the export's status or file could not be read", e);
    }
  }

  private void observeShape(TableProbe p, String state, String body) {
    try {
      JsonNode result = json.readTree(body).path("result");
      String shape =
          result.isArray()
              ? "array"
              : result.isObject() ? "object" : result.getNodeType().name().toLowerCase(Locale.ROOT);
      p.shape(state, shape);
      JsonNode runner = (result.isArray() ? result.path(0) : result).path("result");
      p.detailKeys.add(
          runner.has("detail") ? "detail" : runner.has("details") ? "details" : "none");
    } catch (IOException e) {
      p.shape(state, "unreadable");
    }
  }

  private void download(AnalyticsClient client, CallGroup group, TableProbe p, String url)
      throws IOException {
    call(
        p,
        true,
        () -> {
          p.resetFile();
          try (Download download = client.download(url, group)) {
            profile(p, download.body());
            p.bytes = download.bytesRead();
          }
          return null;
        });
  }

  /** Reads the file once: its header, and every value into its column's profile. */
  private static void profile(TableProbe p, InputStream body) throws IOException {
    Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
    try (CSVParser parser = CSVFormat.DEFAULT.builder().get().parse(reader)) {
      Iterator<CSVRecord> records = parser.iterator();
      if (!records.hasNext()) {
        return;
      }
      List<String> header = new ArrayList<>(records.next().toList());
      if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
        header.set(0, header.get(0).substring(1));
        p.byteOrderMark = true;
      }
      p.header = List.copyOf(header);
      List<ColumnProfile> profiles = new ArrayList<>();
      header.forEach(h -> profiles.add(new ColumnProfile()));
      p.profiles = profiles;
      while (records.hasNext()) {
        CSVRecord record = records.next();
        p.rows++;
        if (record.size() != header.size()) {
          p.raggedRows++;
        }
        for (int i = 0; i < profiles.size(); i++) {
          profiles.get(i).add(i < record.size() ? record.get(i) : null);
        }
      }
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @FunctionalInterface
  private interface IoCall<T> {
    T call() throws IOException;
  }

  /**
   * Runs one request, noting every HTTP error and transport failure, and repeats it when that is
   * safe: GETs after 429, 5xx and transient failures; a create only after 429 or 503 (no job
   * started). Pauses come from the budget (a 429 pauses the tenant there) and the retry policy.
   */
  private <T> T call(TableProbe p, boolean idempotent, IoCall<T> action) throws IOException {
    RetryPolicy retry = config.retryPolicy();
    for (int attempt = 0; ; attempt++) {
      p.requests++;
      try {
        return action.call();
      } catch (ApiException e) {
        int code = e.httpStatus();
        if (code > 0) {
          p.httpErrors.merge(code, 1, Integer::sum);
        }
        boolean again =
            idempotent ? e.isRetryable() || e.isLinkExpired() : code == 429 || code == 503;
        if (!again || attempt >= retry.maxRetries()) {
          throw e;
        }
        RetryPolicy.sleep(retry.waitMillis(attempt, e.retryAfterMillis().orElse(-1)), () -> false);
      } catch (IOException e) {
        p.transportErrors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        if (!idempotent || !RetryPolicy.isTransient(e) || attempt >= retry.maxRetries()) {
          throw e;
        }
        RetryPolicy.sleep(retry.backoffMillis(attempt), () -> false);
      }
    }
  }

  private static void failed(TableProbe p, String what, IOException e) {
    String kind =
        e instanceof ApiException api && api.httpStatus() > 0
            ? "HTTP " + api.httpStatus()
            : e.getClass().getSimpleName();
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    p.fail(what + ": " + message, kind);
  }

  private void progress(TableProbe p) {
    if (p.error != null) {
      out.println("      . " + p.table() + ": FAILED (" + p.errorKind + ")");
    } else {
      out.println(
          "      . "
              + p.table()
              + ": ready after "
              + seconds(p.readyMillis)
              + " ("
              + p.polls
              + " status poll"
              + (p.polls == 1 ? "" : "s")
              + "), "
              + p.rows
              + " row"
              + (p.rows == 1 ? "" : "s"));
    }
    out.flush();
  }

  private void print(List<TableReport> reports, long windowEnd) {
    out.println();
    out.println(
        "Compatibility report: the default columns of each table for "
            + Instant.ofEpochMilli(windowEnd - HOUR)
            + " to "
            + Instant.ofEpochMilli(windowEnd)
            + " (CSV, locale "
            + config.apiLocale()
            + ", time zone "
            + config.apiTimeZone().getId()
            + ")");
    for (TableReport r : reports) {
      out.println();
      printTable(r);
    }
    out.println();
    long newColumns = reports.stream().mapToLong(r -> r.newColumns().size()).sum();
    long anchorsMissing =
        reports.stream().flatMap(r -> r.anchors().stream()).filter(a -> !a.found()).count();
    long attention = reports.stream().mapToLong(r -> r.attention().size()).sum();
    long failed = reports.stream().filter(TableReport::failed).count();
    out.println(
        "Summary: "
            + reports.size()
            + " table"
            + (reports.size() == 1 ? "" : "s")
            + " checked; "
            + failed
            + " export"
            + (failed == 1 ? "" : "s")
            + " failed, "
            + newColumns
            + " new column"
            + (newColumns == 1 ? "" : "s")
            + ", "
            + anchorsMissing
            + " anchor column"
            + (anchorsMissing == 1 ? "" : "s")
            + " not found, "
            + attention
            + " value format"
            + (attention == 1 ? "" : "s")
            + " to look at.");
    out.flush();
  }

  private void printTable(TableReport r) {
    TableProbe p = r.probe();
    if (r.failed()) {
      out.println(p.table() + ": FAILED");
      out.println("  problem    " + p.error);
      printStatusAndErrors(p);
      return;
    }
    out.println(
        p.table()
            + ": "
            + p.rows
            + " row"
            + (p.rows == 1 ? "" : "s")
            + ", "
            + p.bytes
            + " bytes; job ready "
            + seconds(p.readyMillis)
            + " after the create"
            + (p.lastRunningMillis >= 0
                ? " (still running at " + seconds(p.lastRunningMillis) + ")"
                : ""));
    String example =
        p.header.stream().limit(3).map(h -> "\"" + h + "\"").collect(Collectors.joining(", "));
    out.println(
        "  header     "
            + r.headerStyle()
            + " ("
            + example
            + (p.header.size() > 3 ? ", ..." : "")
            + ")"
            + (p.byteOrderMark ? "; the file starts with a byte-order mark" : "")
            + (p.raggedRows > 0
                ? "; " + p.raggedRows + " rows have more or fewer fields than the header"
                : ""));
    long known = r.columns().stream().filter(TableReport.ColumnReport::known).count();
    out.println(
        "  columns    "
            + r.columns().size()
            + " sent, "
            + known
            + " of them in the driver's catalog");
    if (!r.newColumns().isEmpty()) {
      out.println(
          "  new        "
              + String.join(", ", r.newColumns())
              + " (not in the driver's catalog: typed by name, queryable as sent)");
    }
    if (!r.notSent().isEmpty()) {
      out.println(
          "  not sent   "
              + String.join(", ", r.notSent())
              + " (in the driver's catalog, not in this tenant's default set; the driver asks for them by name)");
    }
    out.println("  anchor     " + anchorLine(r));
    out.println("  formats    " + formatLine(r));
    for (String a : r.attention()) {
      out.println("  attention  " + a);
    }
    printStatusAndErrors(p);
  }

  private static String anchorLine(TableReport r) {
    if (r.anchors().isEmpty()) {
      return "none: "
          + r.probe().report.windowRule().semantics(Map.of()).kind().name().toLowerCase(Locale.ROOT)
          + " export, windows are not chosen by a column";
    }
    return r.anchors().stream()
        .map(
            a ->
                a.column()
                    + (a.found()
                        ? " found"
                            + (a.header().equals(a.column()) ? "" : " as \"" + a.header() + "\"")
                        : " NOT FOUND: the driver cannot choose windows by it"))
        .collect(Collectors.joining("; "));
  }

  private static String formatLine(TableReport r) {
    Map<String, List<String>> groups = new TreeMap<>();
    for (TableReport.ColumnReport c : r.columns()) {
      String type = c.format().type();
      String label =
          switch (type) {
            case "timestamp" -> "timestamps " + c.format().format();
            case "long", "double" -> "numbers " + c.format().format();
            case "boolean" -> "booleans " + c.format().format();
            case "empty" -> "always empty";
            default -> "text";
          };
      groups.computeIfAbsent(label, k -> new ArrayList<>()).add(c.apiName());
    }
    if (groups.isEmpty()) {
      return "no columns";
    }
    List<String> parts = new ArrayList<>();
    groups.forEach(
        (label, columns) ->
            parts.add(
                label
                    + " ("
                    + (label.equals("text") || columns.size() > 4
                        ? columns.size() + " column" + (columns.size() == 1 ? "" : "s")
                        : String.join(", ", columns))
                    + ")"));
    return String.join("; ", parts)
        + (r.probe().rows == 0 ? "; no rows in this hour, so no values to read" : "");
  }

  private void printStatusAndErrors(TableProbe p) {
    if (!p.statusShapes.isEmpty()) {
      Map<String, String> shapes = new LinkedHashMap<>(p.statusShapes);
      out.println(
          "  status     result "
              + shapes.entrySet().stream()
                  .map(e -> e.getValue() + " when " + e.getKey())
                  .collect(Collectors.joining(", "))
              + "; state key "
              + String.join("/", p.detailKeys)
              + " ("
              + p.polls
              + " poll"
              + (p.polls == 1 ? "" : "s")
              + ")");
    }
    List<String> errors = new ArrayList<>();
    p.httpErrors.forEach((code, n) -> errors.add("HTTP " + code + " x" + n));
    p.transportErrors.forEach((type, n) -> errors.add(type + " x" + n));
    out.println("  errors     " + (errors.isEmpty() ? "none" : String.join(", ", errors)));
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }

  private static void sleepUntil(long at) {
    long wait = at - now();
    if (wait > 0) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  static String duration(long millis) {
    if (millis < 60_000) {
      return Math.max(1, Math.round(millis / 1000.0)) + " s";
    }
    return Math.round(millis / 60_000.0) + " min";
  }

  private static String window(long millis) {
    if (millis % 60_000 == 0) {
      return millis == 60_000 ? "minute" : millis / 60_000 + " minutes";
    }
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
