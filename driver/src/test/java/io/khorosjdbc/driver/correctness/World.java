package io.khorosjdbc.driver.correctness;

import io.khorosjdbc.driver.correctness.oracle.DuckOracle;
import io.khorosjdbc.driver.correctness.oracle.GroundTruth;
import io.khorosjdbc.driver.correctness.oracle.Reports;
import io.khorosjdbc.driver.correctness.oracle.Reports.Report;
import io.khorosjdbc.driver.correctness.oracle.Sql.Type;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the generator draws from: the time span the queries look at, the tables' columns, sample
 * values of every column (from one pooled download of each export), event times to use as exact
 * window boundaries, and valid API parameter values (teams, agents, queues, smart views,
 * campaigns).
 */
final class World {
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;

  /** Queries look at [base, base + SPAN). */
  static final long SPAN = 3 * DAY;

  final long base;
  final Map<String, List<String>> columns = new HashMap<>();

  /** table -> column -> distinct sample values (typed: String, Long, Double, Boolean, millis). */
  final Map<String, Map<String, List<Object>>> samples = new HashMap<>();

  /** Event times (anchor values) per table, sorted. */
  final Map<String, List<Long>> eventTimes = new HashMap<>();

  final Map<String, List<String>> paramValues = new HashMap<>();

  /**
   * table -> its free-text columns: VARCHAR columns with a sample holding a character outside the
   * Basic Multilingual Plane or a line break, where string functions meet surrogate pairs.
   */
  final Map<String, List<String>> textColumns = new HashMap<>();

  World(long base, GroundTruth truth, DuckOracle oracle) {
    this.base = base;
    for (Report r : Reports.ALL.values()) {
      columns.put(r.table(), oracle.columns(r.table()));
      Map<String, String> params =
          r.param("API_TIME_INTERVAL").isPresent() ? Map.of("timeInterval", "86400000") : Map.of();
      GroundTruth.Export pool = truth.export(r, base, base + SPAN, params);
      Map<String, List<Object>> byColumn = new HashMap<>();
      for (int i = 0; i < pool.columns().size(); i++) {
        String col = pool.columns().get(i);
        Type t = Reports.typeOf(col);
        Set<Object> values = new LinkedHashSet<>();
        for (String[] row : pool.rows()) {
          String v = row[i];
          if (v != null && !v.isEmpty()) {
            values.add(Generator.parse(t, v));
          }
          if (values.size() >= 400) {
            break;
          }
        }
        byColumn.put(col, new ArrayList<>(values));
      }
      samples.put(r.table(), byColumn);
      textColumns.put(
          r.table(),
          byColumn.entrySet().stream()
              .filter(e -> e.getValue().stream().anyMatch(World::isFreeText))
              .map(Map.Entry::getKey)
              .sorted()
              .toList());
      if (r.anchor() != null || r.table().equals("conversation")) {
        TreeSet<Long> times = new TreeSet<>();
        for (String a : r.anchorCandidates()) {
          for (Object v : byColumn.getOrDefault(columnName(r.table(), a), List.of())) {
            long t = (Long) v;
            if (t >= base && t < base + SPAN) {
              times.add(t);
            }
          }
        }
        eventTimes.put(r.table(), new ArrayList<>(times));
      }
    }
    paramValues.put("API_TEAM_ID", strings("user", "TEAM_ID"));
    paramValues.put("API_AGENT_ID", strings("user", "AGENT_ID"));
    paramValues.put("API_WORKQUEUE_ID", strings("conversation", "WORKQUEUE_ID"));
    paramValues.put("API_CAMPAIGN_ID", strings("raw_brand_posts", "CAMPAIGN_ID"));
    paramValues.put("API_SMART_VIEW_ID", smartViews(truth));
  }

  private static boolean isFreeText(Object sample) {
    return sample instanceof String s
        && (s.codePointCount(0, s.length()) < s.length() || s.indexOf('\n') >= 0);
  }

  String columnName(String table, String name) {
    return columns.get(table).stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
  }

  private List<String> strings(String table, String column) {
    return samples.get(table).getOrDefault(column, List.of()).stream()
        .map(String::valueOf)
        .distinct()
        .sorted()
        .toList();
  }

  /** The emulator lists its smart views in the error for an unknown one. */
  private List<String> smartViews(GroundTruth truth) {
    String body =
        truth
            .raw(
                "/_emulator/export/response?companyKey="
                    + truth.companyKey()
                    + "&startTime="
                    + base
                    + "&endTime="
                    + (base + HOUR)
                    + "&smartViewId=none")
            .body();
    Matcher m = Pattern.compile("known: ([0-9, ]+)").matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("cannot list smart views: " + body);
    }
    return List.of(m.group(1).split(",\\s*"));
  }

  /** The Monday at least two weeks before today, 00:00 UTC: recent enough for Raw Author. */
  static long defaultBase() {
    LocalDate d =
        LocalDate.now(ZoneOffset.UTC)
            .minusDays(14)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
