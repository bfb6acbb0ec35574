package io.khorosjdbc.emulator.report;

import io.khorosjdbc.emulator.catalog.ColumnDef;
import io.khorosjdbc.emulator.catalog.ExportDef;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * A validated export request: everything needed to produce the file, so a job can regenerate it on
 * every download and the ground-truth route can produce the same bytes.
 *
 * @param columns the output columns in order (jsonOnly ones already dropped for CSV)
 * @param zone the zone dates are formatted in
 * @param conversationReportType OPEN_AT_END, CLOSED or CREATED (conversation export only)
 * @param buckets the timeInterval buckets (team_performance_interval), else null
 * @param historyLimit entries per conversation (500, or 2000 with raiselimit=true)
 * @param locale the requested {@code locale}, or null when none was sent
 */
public record ReportRequest(
    ExportDef export,
    Window window,
    boolean csv,
    List<ColumnDef> columns,
    ZoneId zone,
    Filters filters,
    String conversationReportType,
    TimeBuckets buckets,
    int historyLimit,
    Locale locale) {
  public ReportRequest {
    columns = List.copyOf(columns);
  }

  /**
   * The number of rows a job is assumed to produce, for {@code --job-ms-per-1k-rows}: rows-per-day
   * times window days.
   */
  public long expectedRows(int rowsPerDay) {
    return (long) ((window.endExclusive() - window.start()) / 86_400_000.0 * rowsPerDay);
  }
}
