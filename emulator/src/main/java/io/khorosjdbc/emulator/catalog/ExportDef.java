package io.khorosjdbc.emulator.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One export of the catalog: its id, its path under {@code /api/public/reports/report/} and its ordered columns.
 *
 * @param id      the export id, e.g. {@code conversation} or {@code raw_brand_posts}
 * @param path    the path below {@code /report/}, e.g. {@code conversation} or {@code marketing/raw_brand_posts}
 * @param columns all columns in catalog order
 */
public record ExportDef(String id, String path, List<ColumnDef> columns) {
    public ExportDef {
        columns = List.copyOf(columns);
    }

    /** Columns returned when the request names no {@code reportMetrics}. */
    public List<ColumnDef> defaultColumns() {
        return columns.stream().filter(ColumnDef::isDefault).toList();
    }

    /** The column with exactly this API name (names are case-sensitive, as the API's arguments are). */
    public Optional<ColumnDef> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
