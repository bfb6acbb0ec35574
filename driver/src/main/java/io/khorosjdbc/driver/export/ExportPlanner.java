package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.ReportFormat;
import io.khorosjdbc.driver.catalog.ParameterColumn;
import io.khorosjdbc.driver.catalog.ParameterColumns;
import io.khorosjdbc.driver.catalog.ReportDefinition;
import io.khorosjdbc.driver.error.KhorosException;
import io.khorosjdbc.driver.error.SqlState;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the windows a query needs into the exports to run, in window order: untagged windows with
 * the same parameters are merged where they overlap or touch (so an event is never exported twice),
 * identical requests run once, and an event export is cut into consecutive pieces no longer than
 * the {@link SplitPolicy}'s piece (a fixed piece aligns to multiples of it counted from a Monday at
 * midnight UTC, so weeks run Monday to Monday and pieces repeat across queries) or than the API
 * allows for one request (Raw Author: 90 days). Cutting is exact only for event exports, whose rows
 * are selected by their own time; snapshot and aggregate exports are never cut.
 */
public final class ExportPlanner {
  /** Pieces align to multiples of their size counted from a Monday, 1970-01-05T00:00Z. */
  private static final long ALIGNMENT_ORIGIN = 4 * 86_400_000L;

  private ExportPlanner() {}

  /**
   * @param split how long the pieces of an event export may be
   */
  public static List<PlannedExport> plan(
      ReportDefinition report,
      List<WindowRequest> requests,
      List<String> metrics,
      ReportFormat format,
      SplitPolicy split) {
    return plan(report, requests, metrics, format, split, 0, ZoneOffset.UTC);
  }

  /**
   * Like {@link #plan(ReportDefinition, List, List, ReportFormat, SplitPolicy)}, and checks each
   * export's {@code timeInterval} before any request is made: it must be a documented value (or
   * above a week, for monthly buckets), and the window may need at most {@code maxTimeBuckets}
   * buckets (0: no limit; monthly buckets count calendar months in {@code zone}).
   *
   * @throws KhorosException (INVALID_VALUE) naming the table, column, value and what works instead
   */
  public static List<PlannedExport> plan(
      ReportDefinition report,
      List<WindowRequest> requests,
      List<String> metrics,
      ReportFormat format,
      SplitPolicy split,
      int maxTimeBuckets,
      ZoneId zone) {
    List<PlannedExport> planned = pieces(report, requests, metrics, format, split);
    for (PlannedExport export : planned) {
      checkTimeInterval(export.spec(), maxTimeBuckets, zone);
    }
    return planned;
  }

  private static List<PlannedExport> pieces(
      ReportDefinition report,
      List<WindowRequest> requests,
      List<String> metrics,
      ReportFormat format,
      SplitPolicy split) {
    List<PlannedExport> planned = new ArrayList<>();
    for (WindowRequest request : merge(requests)) {
      Map<String, List<String>> parameters = encode(report, request.parameterValues());
      for (long[] piece : pieces(report, request, split)) {
        planned.add(
            new PlannedExport(
                new ExportSpec(report, piece[0], piece[1], metrics, parameters, format),
                request.tagStart(),
                request.tagEnd(),
                request.parameterValues()));
      }
    }
    return planned;
  }

  private static final long WEEK = 604_800_000L;

  private static void checkTimeInterval(ExportSpec spec, int maxBuckets, ZoneId zone) {
    List<String> values = spec.parameters().get("timeInterval");
    if (values == null || values.isEmpty()) {
      return;
    }
    String column = spec.report().table() + "." + ParameterColumns.TIME_INTERVAL.name();
    long interval;
    try {
      interval = Long.parseLong(values.get(0));
    } catch (NumberFormatException e) {
      throw new KhorosException(
          SqlState.INVALID_VALUE,
          column + " needs a whole number of ms, not '" + values.get(0) + "'",
          e);
    }
    if (interval <= WEEK && !ParameterColumns.TIME_INTERVALS.contains(Long.toString(interval))) {
      throw new KhorosException(
          SqlState.INVALID_VALUE,
          column
              + " does not accept "
              + interval
              + "; use one of "
              + ParameterColumns.TIME_INTERVALS
              + " (ms), or a value above "
              + WEEK
              + " for monthly buckets");
    }
    long buckets =
        interval > WEEK
            ? months(spec.start(), spec.end(), zone)
            : (spec.end() - spec.start() + interval - 1) / interval;
    if (maxBuckets > 0 && buckets > maxBuckets) {
      throw new KhorosException(
          SqlState.INVALID_VALUE,
          column
              + " = "
              + interval
              + " needs "
              + buckets
              + " buckets for the window ["
              + Instant.ofEpochMilli(spec.start())
              + ", "
              + Instant.ofEpochMilli(spec.end())
              + "), more than the "
              + maxBuckets
              + " the API "
              + "allows (maxTimeBuckets); choose a larger interval or a shorter window");
    }
  }

  /** Calendar months of {@code zone} that the window touches. */
  private static long months(long start, long end, ZoneId zone) {
    YearMonth first = YearMonth.from(Instant.ofEpochMilli(start).atZone(zone));
    YearMonth last = YearMonth.from(Instant.ofEpochMilli(end - 1).atZone(zone));
    return ChronoUnit.MONTHS.between(first, last) + 1;
  }

  static List<WindowRequest> merge(List<WindowRequest> requests) {
    List<WindowRequest> sorted = new ArrayList<>(new LinkedHashSet<>(requests));
    sorted.sort(
        Comparator.comparingLong(WindowRequest::exportStart)
            .thenComparingLong(WindowRequest::exportEnd)
            .thenComparing(r -> new TreeMap<>(r.parameterValues()).toString()));
    List<WindowRequest> merged = new ArrayList<>();
    for (WindowRequest request : sorted) {
      int into = mergeTarget(merged, request);
      if (into < 0) {
        merged.add(request);
      } else {
        merged.set(into, union(merged.get(into), request));
      }
    }
    return merged;
  }

  /**
   * Two requests whose rows would be indistinguishable (same parameters and, when the query fixed
   * the window, the same window) and whose exports overlap or touch: one export must cover both, or
   * the overlap's events would be returned twice.
   */
  private static int mergeTarget(List<WindowRequest> merged, WindowRequest request) {
    for (int i = 0; i < merged.size(); i++) {
      WindowRequest other = merged.get(i);
      // Untagged windows follow their export, so overlapping ones are one window; otherwise
      // rows are indistinguishable only when they carry the same window.
      boolean sameTags =
          !request.tagged() && !other.tagged()
              || other.tagStart() == request.tagStart() && other.tagEnd() == request.tagEnd();
      if (sameTags
          && other.parameterValues().equals(request.parameterValues())
          && other.exportStart() <= request.exportEnd()
          && request.exportStart() <= other.exportEnd()) {
        return i;
      }
    }
    return -1;
  }

  /** One request covering both exports; an untagged window's tags follow its export. */
  private static WindowRequest union(WindowRequest a, WindowRequest b) {
    long start = Math.min(a.exportStart(), b.exportStart());
    long end = Math.max(a.exportEnd(), b.exportEnd());
    return a.tagged() || b.tagged()
        ? new WindowRequest(a.tagStart(), a.tagEnd(), start, end, a.parameterValues(), true)
        : new WindowRequest(start, end, start, end, a.parameterValues(), false);
  }

  private static Map<String, List<String>> encode(
      ReportDefinition report, Map<String, String> values) {
    Map<String, List<String>> parameters = new TreeMap<>();
    values.forEach(
        (column, value) -> {
          ParameterColumn parameter = report.parameter(column).orElseThrow();
          // A value equal to the API's own default is not sent (the request is the same either
          // way).
          if (parameter.requiredByApi() || !value.equals(parameter.defaultValue())) {
            parameters.putAll(parameter.encode(value));
          }
        });
    return parameters;
  }

  private static List<long[]> pieces(
      ReportDefinition report, WindowRequest request, SplitPolicy split) {
    long start = request.exportStart();
    long end = request.exportEnd();
    long splitMillis = split.pieceMillis(report, end - start);
    List<long[]> pieces = new ArrayList<>();
    if (!report.windowRule().semantics(request.parameterValues()).splittable()) {
      pieces.add(new long[] {start, end});
      return pieces;
    }
    long limit = report.maxWindowMillis().orElse(Long.MAX_VALUE);
    long size = splitMillis > 0 ? Math.min(splitMillis, limit) : limit;
    boolean aligned = split.aligned() && splitMillis > 0 && splitMillis <= limit;
    long from = start;
    while (from < end) {
      long to =
          aligned
              ? ALIGNMENT_ORIGIN + Math.floorDiv(from - ALIGNMENT_ORIGIN, size) * size + size
              : saturatedAdd(from, size);
      pieces.add(new long[] {from, Math.min(end, to)});
      from = Math.min(end, to);
    }
    return pieces;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
