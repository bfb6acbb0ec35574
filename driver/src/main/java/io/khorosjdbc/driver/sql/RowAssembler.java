package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.catalog.ColumnInfo;
import io.khorosjdbc.driver.catalog.ParameterColumn;
import io.khorosjdbc.driver.export.ExportException;
import io.khorosjdbc.driver.export.ExportRows;
import io.khorosjdbc.driver.export.PlannedExport;
import io.khorosjdbc.driver.format.TimestampParser;
import io.khorosjdbc.driver.format.ValueConverter;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Builds the rows a scan returns: each output field is a converted export value, a window tag or
 * an API parameter value. Converters are created once per scan, never per row; a value that does
 * not convert fails the query with the report, row, column and value.
 */
final class RowAssembler {
  /** Where one output field comes from. */
  @FunctionalInterface
  private interface Source {
    Object value(ExportRows rows, PlannedExport export);
  }

  private final String table;
  private final Source[] sources;

  RowAssembler(ReportTable table, ImmutableIntList fields, List<String> metrics) {
    this.table = table.name();
    SqlSettings config = table.context().config();
    ZoneId zone = table.report().followsRequestedTimeZone() ? config.apiTimeZone() : ZoneOffset.UTC;
    TimestampParser timestamps = new TimestampParser(zone, config.dateFormat().orElse(null));
    List<ColumnInfo> data = table.dataColumns();
    this.sources = new Source[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      int field = fields.get(i);
      if (field < data.size()) {
        ColumnInfo column = data.get(field);
        int metric = metrics.indexOf(column.name());
        ValueConverter converter = new ValueConverter(column.type(), timestamps);
        sources[i] = (rows, export) -> convert(rows, metric, column.name(), converter);
      } else if (field == table.windowStartIndex()) {
        sources[i] = (rows, export) -> export.tagStart();
      } else if (field == table.windowStartIndex() + 1) {
        sources[i] = (rows, export) -> export.tagEnd();
      } else {
        ParameterColumn parameter = table.parameterColumn(field);
        sources[i] = (rows, export) -> parameter.sqlValue(export.parameterValues()
            .getOrDefault(parameter.name(), parameter.defaultValue()));
      }
    }
  }

  /** The current row of {@code rows}: a scalar when the scan has one field, else an array. */
  Object assemble(ExportRows rows, PlannedExport export) {
    if (sources.length == 1) {
      return sources[0].value(rows, export);
    }
    Object[] row = new Object[sources.length];
    for (int i = 0; i < sources.length; i++) {
      row[i] = sources[i].value(rows, export);
    }
    return row;
  }

  private Object convert(ExportRows rows, int metric, String column, ValueConverter converter) {
    String raw = rows.value(metric);
    try {
      return converter.convert(raw);
    } catch (Exception e) {
      throw new ExportException(String.format(Locale.ROOT,
          "%s row %d, column %s: %s (value '%s'); set typeMode=strings to read every column as "
              + "VARCHAR, or dateFormat for another timestamp pattern", table, rows.rowNumber(),
          column, e.getMessage(), raw), e);
    }
  }
}
