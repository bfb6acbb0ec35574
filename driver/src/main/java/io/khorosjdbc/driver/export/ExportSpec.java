package io.khorosjdbc.driver.export;

import static java.util.Objects.requireNonNull;

import io.khorosjdbc.driver.api.ReportFormat;
import io.khorosjdbc.driver.catalog.ReportDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One export request in the driver's terms: the report, a half-open window {@code [start, end)} in
 * epoch ms, the columns to request and the API parameters. How the window's end is sent (exclusive
 * or inclusive) is the runner's concern.
 */
public record ExportSpec(
    ReportDefinition report,
    long start,
    long end,
    List<String> metrics,
    Map<String, List<String>> parameters,
    ReportFormat format) {

  public ExportSpec {
    requireNonNull(report, "report");
    if (end <= start) {
      throw new IllegalArgumentException("empty window for " + report.table());
    }
    metrics = List.copyOf(metrics);
    parameters = Map.copyOf(parameters);
    requireNonNull(format, "format");
  }

  /** A one-line description for EXPLAIN, logs and the exports table (no secrets in a spec). */
  public String describe() {
    return report.table()
        + " ["
        + Instant.ofEpochMilli(start)
        + ", "
        + Instant.ofEpochMilli(end)
        + ") metrics="
        + metrics
        + " params="
        + new TreeMap<>(parameters)
        + " format="
        + format.apiValue();
  }
}
