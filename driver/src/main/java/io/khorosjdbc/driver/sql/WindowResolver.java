package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.catalog.ParameterColumn;
import io.khorosjdbc.driver.catalog.ReportDefinition;
import io.khorosjdbc.driver.catalog.WindowRule;
import io.khorosjdbc.driver.error.KhorosException;
import io.khorosjdbc.driver.error.SqlState;
import io.khorosjdbc.driver.export.WindowRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.util.NlsString;

/**
 * Gives each branch of a {@link ScanPlan} its concrete window and parameters once bind-time values
 * are known.
 *
 * <p>The rows of a window carry it in WINDOW_START/WINDOW_END, so the window chosen is the widest
 * one whose own values satisfy the query's predicates on those columns: {@code WINDOW_START >= a}
 * starts it at a, {@code WINDOW_END <= b} ends it at b (exclusive). Bounds on the export's anchor
 * column (the event time the API selects by) narrow what is exported. A branch with no time
 * predicate gets the default window ending now, or an error when there is none.
 */
final class WindowResolver {
  private final ReportDefinition report;
  private final Optional<Duration> defaultWindow;

  /** The default window a branch without a time predicate got, if one did. */
  private long[] assumedWindow;

  WindowResolver(ReportDefinition report, Optional<Duration> defaultWindow) {
    this.report = report;
    this.defaultWindow = defaultWindow;
  }

  /** After {@link #resolve}: the window {@code [start, end)} assumed for lack of a predicate. */
  Optional<long[]> assumedWindow() {
    return Optional.ofNullable(assumedWindow);
  }

  List<WindowRequest> resolve(ScanPlan plan, Object[] values, long now) {
    List<WindowRequest> requests = new ArrayList<>();
    for (ScanPlan.Disjunct disjunct : plan.disjuncts()) {
      if (!disjunct.contradictory()) {
        resolve(disjunct, values, now).ifPresent(requests::add);
      }
    }
    return requests;
  }

  private Optional<WindowRequest> resolve(ScanPlan.Disjunct disjunct, Object[] values, long now) {
    Optional<Map<String, String>> parameters = parameters(disjunct, values);
    if (parameters.isEmpty()) {
      return Optional.empty();
    }
    WindowRule.Semantics semantics = report.windowRule().semantics(parameters.get());
    Optional<String> anchor = semantics.anchorColumn();
    Long windowStart = null;
    Long windowEnd = null;
    Long anchorStart = null;
    Long anchorEnd = null;
    for (TimeBound bound : disjunct.bounds()) {
      Long value = millis(values[bound.valueIndex()], bound.column());
      if (value == null) {
        return Optional.empty(); // a comparison with NULL selects nothing
      }
      if (bound.column().equals(PseudoColumns.WINDOW_START) && bound.isLower()) {
        windowStart = max(windowStart, bound.lowest(value));
      } else if (bound.column().equals(PseudoColumns.WINDOW_END) && bound.isUpper()) {
        windowEnd = min(windowEnd, bound.exclusiveEnd(value) - 1);
      } else if (anchor.isPresent() && bound.column().equalsIgnoreCase(anchor.get())) {
        if (bound.isLower()) {
          anchorStart = max(anchorStart, bound.lowest(value));
        }
        if (bound.isUpper()) {
          anchorEnd = min(anchorEnd, bound.exclusiveEnd(value));
        }
      }
    }
    if (anchor.isPresent()
        && anchorStart == null
        && anchorEnd == null
        && windowStart == null
        && windowEnd == null
        && disjunct.opaqueTimeColumns().contains(anchor.get())) {
      throw new KhorosException(
          SqlState.UNSUPPORTED,
          String.format(
              Locale.ROOT,
              "the export window of %s cannot be derived from the predicate on %s; compare %s "
                  + "directly, e.g. %s >= TIMESTAMP '2024-01-01 00:00:00' AND %s < TIMESTAMP "
                  + "'2024-02-01 00:00:00'",
              report.table(),
              anchor.get(),
              anchor.get(),
              anchor.get(),
              anchor.get()));
    }
    Long start = windowStart != null ? windowStart : anchorStart;
    Long end = windowEnd != null ? windowEnd : anchorEnd;
    if (start == null && end == null) {
      Duration window =
          defaultWindow.orElseThrow(
              () -> new KhorosException(SqlState.UNSUPPORTED, noWindowMessage()));
      start = now - window.toMillis();
      end = now;
      assumedWindow = new long[] {start, end};
    } else if (start == null) {
      throw new KhorosException(
          SqlState.UNSUPPORTED,
          String.format(
              Locale.ROOT,
              "the time window of %s has an end but no start; add e.g. WINDOW_START >= TIMESTAMP "
                  + "'%s'",
              report.table(),
              sqlTimestamp(end - Duration.ofDays(7).toMillis())));
    } else if (end == null) {
      end = now;
    }
    if (!admitsTags(disjunct, values, start, end)) {
      return Optional.empty();
    }
    if (start >= end) {
      throw new KhorosException(
          SqlState.INVALID_VALUE,
          String.format(
              Locale.ROOT,
              "the time window of %s is empty: it starts at %s but ends at %s; WINDOW_START must be"
                  + " before WINDOW_END",
              report.table(),
              sqlTimestamp(start),
              sqlTimestamp(end)));
    }
    long exportStart = anchorStart == null ? start : Math.max(start, anchorStart);
    // Values as of the window's end would change if the export ended earlier: Calcite's filter
    // applies the anchor's upper bound instead.
    long exportEnd =
        anchorEnd == null || semantics.valuesAsOfEnd() ? end : Math.min(end, anchorEnd);
    if (exportStart >= exportEnd) {
      return Optional.empty();
    }
    return Optional.of(
        new WindowRequest(
            start, end, exportStart, exportEnd, parameters.get(), disjunct.hasWindowBounds()));
  }

  /** Every predicate on WINDOW_START/WINDOW_END holds for the chosen tags (else no row would). */
  private static boolean admitsTags(
      ScanPlan.Disjunct disjunct, Object[] values, long start, long end) {
    for (TimeBound bound : disjunct.bounds()) {
      long value = (Long) millis(values[bound.valueIndex()], bound.column());
      if (bound.column().equals(PseudoColumns.WINDOW_START) && !bound.admits(start, value)
          || bound.column().equals(PseudoColumns.WINDOW_END) && !bound.admits(end, value)) {
        return false;
      }
    }
    return true;
  }

  /** Canonical parameter values, or empty when the branch contradicts itself. */
  private Optional<Map<String, String>> parameters(ScanPlan.Disjunct disjunct, Object[] values) {
    Map<String, String> result = new HashMap<>();
    for (Map.Entry<String, List<Integer>> entry : disjunct.parameters().entrySet()) {
      ParameterColumn column = report.parameter(entry.getKey()).orElseThrow();
      String chosen = null;
      for (int index : entry.getValue()) {
        Object value = values[index];
        if (value == null) {
          return Optional.empty();
        }
        String canonical = column.canonicalize(report.table(), text(value));
        if (chosen != null && !chosen.equals(canonical)) {
          return Optional.empty();
        }
        chosen = canonical;
      }
      result.put(column.name(), chosen);
    }
    // Unconstrained parameters take their defaults, so that a branch saying
    // API_BUSINESS_HOURS = 'ALL' and one not mentioning it are recognised as the same export.
    for (ParameterColumn column : report.parameters()) {
      if (column.defaultValue() != null) {
        result.putIfAbsent(column.name(), column.defaultValue());
      }
    }
    return Optional.of(result);
  }

  private String noWindowMessage() {
    return String.format(
        Locale.ROOT,
        "%s needs a time window (defaultWindow=none): add e.g. WHERE WINDOW_START >= "
            + "TIMESTAMP '2024-01-01 00:00:00' AND WINDOW_END <= TIMESTAMP '2024-01-08 00:00:00'",
        report.table());
  }

  private static String text(Object value) {
    return value instanceof NlsString nls ? nls.getValue() : String.valueOf(value);
  }

  private static Long millis(Object value, String column) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (value instanceof java.util.Date date) {
      return date.getTime();
    }
    throw new KhorosException(
        SqlState.INVALID_VALUE, column + " must be compared with a TIMESTAMP, not '" + value + "'");
  }

  private static String sqlTimestamp(long millis) {
    return Instant.ofEpochMilli(millis).toString().replace('T', ' ').replace("Z", "");
  }

  private static Long max(Long current, long candidate) {
    return current == null ? candidate : Math.max(current, candidate);
  }

  private static Long min(Long current, long candidate) {
    return current == null ? candidate : Math.min(current, candidate);
  }
}
