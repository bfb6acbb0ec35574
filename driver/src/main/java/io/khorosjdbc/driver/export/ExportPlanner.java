package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.ReportFormat;
import io.khorosjdbc.driver.catalog.ParameterColumn;
import io.khorosjdbc.driver.catalog.ReportDefinition;
import io.khorosjdbc.driver.catalog.WindowKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the windows a query needs into the exports to run, in window order: untagged windows with
 * the same parameters are merged where they overlap or touch (so an event is never exported
 * twice), identical requests run once, and an event export longer than the API allows for one
 * request (Raw Author: 90 days) is cut into consecutive pieces, which is exact for event exports.
 */
public final class ExportPlanner {
  private ExportPlanner() {}

  public static List<PlannedExport> plan(ReportDefinition report, List<WindowRequest> requests,
      List<String> metrics, ReportFormat format) {
    List<PlannedExport> planned = new ArrayList<>();
    for (WindowRequest request : merge(requests)) {
      Map<String, List<String>> parameters = encode(report, request.parameterValues());
      for (long[] piece : pieces(report, request)) {
        planned.add(new PlannedExport(
            new ExportSpec(report, piece[0], piece[1], metrics, parameters, format),
            request.tagStart(), request.tagEnd(), request.parameterValues()));
      }
    }
    return planned;
  }

  static List<WindowRequest> merge(List<WindowRequest> requests) {
    List<WindowRequest> sorted = new ArrayList<>(new LinkedHashSet<>(requests));
    sorted.sort(Comparator.comparingLong(WindowRequest::exportStart)
        .thenComparingLong(WindowRequest::exportEnd)
        .thenComparing(r -> new TreeMap<>(r.parameterValues()).toString()));
    List<WindowRequest> merged = new ArrayList<>();
    for (WindowRequest request : sorted) {
      int into = request.tagged() ? -1 : mergeTarget(merged, request);
      if (into < 0) {
        merged.add(request);
      } else {
        WindowRequest other = merged.get(into);
        long start = Math.min(other.exportStart(), request.exportStart());
        long end = Math.max(other.exportEnd(), request.exportEnd());
        merged.set(into, new WindowRequest(start, end, start, end, request.parameterValues(), false));
      }
    }
    return merged;
  }

  private static int mergeTarget(List<WindowRequest> merged, WindowRequest request) {
    for (int i = 0; i < merged.size(); i++) {
      WindowRequest other = merged.get(i);
      if (!other.tagged() && other.parameterValues().equals(request.parameterValues())
          && other.exportStart() <= request.exportEnd()
          && request.exportStart() <= other.exportEnd()) {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, List<String>> encode(ReportDefinition report,
      Map<String, String> values) {
    Map<String, List<String>> parameters = new TreeMap<>();
    values.forEach((column, value) -> {
      ParameterColumn parameter = report.parameter(column).orElseThrow();
      parameters.putAll(parameter.encode(value));
    });
    return parameters;
  }

  private static List<long[]> pieces(ReportDefinition report, WindowRequest request) {
    long start = request.exportStart();
    long end = request.exportEnd();
    long max = report.maxWindowMillis().orElse(Long.MAX_VALUE);
    List<long[]> pieces = new ArrayList<>();
    if (end - start <= max || !isEvent(report, request)) {
      pieces.add(new long[] {start, end});
      return pieces;
    }
    for (long from = start; from < end; from += max) {
      pieces.add(new long[] {from, Math.min(end, from + max)});
    }
    return pieces;
  }

  private static boolean isEvent(ReportDefinition report, WindowRequest request) {
    return report.windowRule().semantics(request.parameterValues()).kind() == WindowKind.EVENT;
  }
}
