package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.catalog.ColumnInfo;
import io.khorosjdbc.driver.catalog.ParameterColumn;
import io.khorosjdbc.driver.export.ExportException;
import io.khorosjdbc.driver.export.PlannedExport;
import io.khorosjdbc.driver.format.ColumnType;
import io.khorosjdbc.driver.format.FormatDetector;
import io.khorosjdbc.driver.format.LocaleNumbers;
import io.khorosjdbc.driver.format.RowReader;
import io.khorosjdbc.driver.format.TimestampParser;
import io.khorosjdbc.driver.format.ValueConverter;
import io.khorosjdbc.driver.format.ValueFormatException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Builds the rows a scan returns: each output field is a converted export value, a window tag or an
 * API parameter value. Numbers are read in the connection's {@code apiLocale}; each timestamp
 * column's format is detected per export file ({@link #open}), unless {@code dateFormat} gives it.
 * A value that does not convert fails the query with the table, column, row and value.
 */
final class RowAssembler {
  /** Where one output field comes from. */
  @FunctionalInterface
  private interface Source {
    Object value(ExportFile rows, PlannedExport export);
  }

  private final String table;
  private final List<String> metrics;
  private final TimestampParser timestamps;
  private final LocaleNumbers numbers;

  /** Per output field: the data column, or null for pseudo-columns. */
  private final ColumnInfo[] columns;

  /** Per output field: the index of its data column among the requested metrics. */
  private final int[] metricOf;

  /**
   * Per output field: the converter of a data column that is not a timestamp (they keep no state).
   */
  private final ValueConverter[] stateless;

  private final Source[] sources;

  RowAssembler(ReportTable table, ImmutableIntList fields, List<String> metrics) {
    this.table = table.name();
    this.metrics = metrics;
    SqlSettings config = table.context().config();
    ZoneId zone = table.report().followsRequestedTimeZone() ? config.apiTimeZone() : ZoneOffset.UTC;
    this.timestamps = new TimestampParser(zone, config.dateFormat().orElse(null));
    this.numbers = LocaleNumbers.of(config.apiLocale());
    List<ColumnInfo> data = table.dataColumns();
    this.columns = new ColumnInfo[fields.size()];
    this.metricOf = new int[fields.size()];
    this.stateless = new ValueConverter[fields.size()];
    this.sources = new Source[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      int field = fields.get(i);
      if (field < data.size()) {
        ColumnInfo column = data.get(field);
        columns[i] = column;
        metricOf[i] = metrics.indexOf(column.name());
        if (column.type() != ColumnType.TIMESTAMP) {
          stateless[i] = new ValueConverter(column.type(), null, numbers);
        }
        int output = i;
        sources[i] = (rows, export) -> convert(rows, output);
      } else if (field == table.windowStartIndex()) {
        sources[i] = (rows, export) -> export.tagStart();
      } else if (field == table.windowStartIndex() + 1) {
        sources[i] = (rows, export) -> export.tagEnd();
      } else {
        ParameterColumn parameter = table.parameterColumn(field);
        sources[i] =
            (rows, export) ->
                parameter.sqlValue(
                    export
                        .parameterValues()
                        .getOrDefault(parameter.name(), parameter.defaultValue()));
      }
    }
  }

  /**
   * The rows of one export file, with converters of their own (timestamp formats are per file),
   * laid out as this scan's rows.
   */
  ExportFile open(RowReader rows, PlannedExport export) {
    FormatDetector[] detectors = new FormatDetector[metrics.size()];
    ValueConverter[] converters = stateless.clone();
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] != null && columns[i].type() == ColumnType.TIMESTAMP && metricOf[i] >= 0) {
        if (detectors[metricOf[i]] == null) {
          detectors[metricOf[i]] = new FormatDetector(timestamps.customFormat());
        }
        FormatDetector detector = detectors[metricOf[i]];
        converters[i] =
            new ValueConverter(
                ColumnType.TIMESTAMP,
                value -> timestamps.parse(value, detector.formatFor(value)),
                numbers);
      }
    }
    return new ExportFile(rows, table, metrics, detectors, converters, this, export);
  }

  /** The current row of {@code rows}: a scalar when the scan has one field, else an array. */
  Object assemble(ExportFile rows, PlannedExport export) {
    if (sources.length == 1) {
      return sources[0].value(rows, export);
    }
    Object[] row = new Object[sources.length];
    for (int i = 0; i < sources.length; i++) {
      row[i] = sources[i].value(rows, export);
    }
    return row;
  }

  private Object convert(ExportFile rows, int field) {
    String raw = rows.value(metricOf[field]);
    try {
      return rows.converter(field).convert(raw);
    } catch (ValueFormatException e) {
      throw new ExportException(e.describe(table, columns[field].name(), rows.rowNumber()), e);
    } catch (RuntimeException e) {
      throw new ExportException(
          String.format(
              Locale.ROOT,
              "table %s, column %s, row %d: cannot "
                  + "read '%s' (%s); set typeMode=strings to read the column as text",
              table,
              columns[field].name(),
              rows.rowNumber(),
              raw,
              e.getMessage()),
          e);
    }
  }
}
