package io.khorosjdbc.emulator.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One export of the catalog: its id, its path under {@code /api/public/reports/report/} and its
 * ordered columns.
 *
 * @param id the export id, e.g. {@code conversation} or {@code raw_brand_posts}
 * @param path the path below {@code /report/}, e.g. {@code conversation} or {@code
 *     marketing/raw_brand_posts}
 * @param columns all columns in catalog order
 * @param jobLatencyMillis how long this export's jobs stay RUNNING, or -1 for the emulator's
 *     setting (a replayed capture gives each export the job time the tenant showed)
 */
public record ExportDef(String id, String path, List<ColumnDef> columns, long jobLatencyMillis) {
  public ExportDef {
    columns = List.copyOf(columns);
  }

  /** An export whose jobs take the emulator's configured latency. */
  public ExportDef(String id, String path, List<ColumnDef> columns) {
    this(id, path, columns, -1);
  }

  /** Columns returned when the request names no {@code reportMetrics}. */
  public List<ColumnDef> defaultColumns() {
    return columns.stream().filter(ColumnDef::isDefault).toList();
  }

  /**
   * The column with exactly this API name (names are case-sensitive, as the API's arguments are).
   */
  public Optional<ColumnDef> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
