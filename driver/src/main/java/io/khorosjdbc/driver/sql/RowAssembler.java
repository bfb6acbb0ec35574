package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.catalog.ColumnInfo;
import io.khorosjdbc.driver.catalog.ParameterColumn;
import io.khorosjdbc.driver.export.CopyRows;
import io.khorosjdbc.driver.export.ExportException;
import io.khorosjdbc.driver.export.FileShaping;
import io.khorosjdbc.driver.export.PlannedExport;
import io.khorosjdbc.driver.export.RowShaper;
import io.khorosjdbc.driver.export.RowTest;
import io.khorosjdbc.driver.export.cache.CopyLayout;
import io.khorosjdbc.driver.format.ColumnBatch;
import io.khorosjdbc.driver.format.ColumnType;
import io.khorosjdbc.driver.format.FormatDetector;
import io.khorosjdbc.driver.format.LocaleNumbers;
import io.khorosjdbc.driver.format.RowReader;
import io.khorosjdbc.driver.format.TimestampParser;
import io.khorosjdbc.driver.format.ValueConverter;
import io.khorosjdbc.driver.format.ValueFormatException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.DataContext;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Builds the rows a scan returns: each output field is a converted export value, a window tag or an
 * API parameter value. Numbers are read in the connection's {@code apiLocale}; each timestamp
 * column's format is detected per export file ({@link #open}), unless {@code dateFormat} gives it.
 * A value that does not convert fails the query with the table, column, row and value.
 *
 * <p>The typed values of the data columns it reads (all of them, before the filter) are what a
 * typed copy of a cached export keeps ({@link #copyLayout}); a later scan of the same file reads
 * them instead of parsing it ({@link CopiedFile}).
 */
final class RowAssembler {
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

  /** Per output field: the value of a pseudo-column in one export's rows. */
  private final PseudoValue[] pseudo;

  /** Per output field: how a batch keeps its values. */
  private final ColumnBatch.Kind[] kinds;

  private final int outputs;
  private final RowFilter filter;
  private final DataContext query;

  /** Per table column the filter reads: its field. */
  private final int[] filterFields;

  /** The table columns the filter reads. */
  private final int[] filterColumns;

  /**
   * The filter reads window tags and API parameters only, which are the same in every row of a
   * file, and gives the same answer for the same values: it is checked once per file, not per row
   * (the usual WHERE, which names nothing but the window, costs nothing per row).
   */
  private final boolean filterReadsOnlyPseudoColumns;

  /** The data fields' values as a typed copy keeps them. */
  private final CopyLayout copyLayout;

  /** Per column of {@link #copyLayout}: its field. */
  private final int[] copyFields;

  /**
   * The fields of a scan's rows: the table columns it reads, of which the first {@code outputs} are
   * handed on; the others only the filter reads.
   */
  record Layout(ImmutableIntList read, int outputs) {}

  /** Where a pseudo-column's value comes from: the same in every row of an export. */
  @FunctionalInterface
  private interface PseudoValue {
    Object of(PlannedExport export);
  }

  /**
   * @param filter the condition to check on each row, or null
   * @param query the query's parameters and clock, for the filter
   */
  RowAssembler(
      ReportTable table, Layout layout, List<String> metrics, RowFilter filter, DataContext query) {
    ImmutableIntList fields = layout.read();
    this.outputs = layout.outputs();
    this.filter = filter;
    this.query = query;
    this.filterColumns = filter == null ? new int[0] : filter.columns().toArray();
    this.filterFields = new int[filterColumns.length];
    for (int i = 0; i < filterColumns.length; i++) {
      filterFields[i] = fields.indexOf(filterColumns[i]);
    }
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
    this.pseudo = new PseudoValue[fields.size()];
    this.kinds = new ColumnBatch.Kind[fields.size()];
    List<String> copyColumns = new ArrayList<>();
    List<Integer> dataFields = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      int field = fields.get(i);
      kinds[i] = ColumnBatch.Kind.OBJECT;
      if (field < data.size()) {
        ColumnInfo column = data.get(field);
        columns[i] = column;
        metricOf[i] = metrics.indexOf(column.name());
        kinds[i] = ColumnBatch.Kind.of(column.type());
        copyColumns.add(column.name() + " " + column.type());
        dataFields.add(i);
        if (column.type() != ColumnType.TIMESTAMP) {
          stateless[i] = new ValueConverter(column.type(), null, numbers);
        }
      } else if (field == table.windowStartIndex()) {
        pseudo[i] = PlannedExport::tagStart;
      } else if (field == table.windowStartIndex() + 1) {
        pseudo[i] = PlannedExport::tagEnd;
      } else {
        ParameterColumn parameter = table.parameterColumn(field);
        pseudo[i] =
            export ->
                parameter.sqlValue(
                    export
                        .parameterValues()
                        .getOrDefault(parameter.name(), parameter.defaultValue()));
      }
    }
    this.filterReadsOnlyPseudoColumns =
        filter != null
            && filter.deterministic()
            && Arrays.stream(filterFields).allMatch(field -> pseudo[field] != null);
    this.copyFields = dataFields.stream().mapToInt(Integer::intValue).toArray();
    this.copyLayout =
        new CopyLayout(
            zone.getId() + "|" + config.dateFormat().orElse("") + "|" + config.apiLocale(),
            copyColumns,
            Arrays.stream(copyFields).mapToObj(field -> kinds[field]).toList());
  }

  /** How the scan makes its rows from the file of {@code export}, from its body or a copy. */
  FileShaping shaping(PlannedExport export) {
    return new FileShaping() {
      @Override
      public CopyLayout copyLayout() {
        return copyLayout;
      }

      @Override
      public int[] copyFields() {
        return copyFields.clone();
      }

      @Override
      public RowShaper overRaw(RowReader raw) {
        return open(raw, export);
      }

      @Override
      public RowShaper overCopy(CopyRows copy) {
        int[] sourceFields = new int[columns.length];
        Arrays.fill(sourceFields, -1);
        for (int i = 0; i < copyFields.length; i++) {
          sourceFields[copyFields[i]] = copy.layout().fieldOf(copyLayout.columns().get(i));
        }
        return new CopiedFile(copy, sourceFields, constants(export), RowAssembler.this);
      }

      @Override
      public RowTest rowTest() {
        if (filter == null) {
          return RowTest.ALL;
        }
        RowFilter.Check check = filter.check(query);
        if (filterReadsOnlyPseudoColumns) {
          return holds(check, constants(export)) ? RowTest.ALL : RowTest.NONE;
        }
        return (batch, row) -> holds(check, batch, row);
      }
    };
  }

  /**
   * The rows of one export file, with converters of their own (timestamp formats are per file),
   * laid out as this scan's rows.
   */
  private ExportFile open(RowReader rows, PlannedExport export) {
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
    return new ExportFile(rows, table, metrics, detectors, converters, constants(export), this);
  }

  /** Per field: a pseudo-column's value in the rows of {@code export}. */
  private Object[] constants(PlannedExport export) {
    Object[] constants = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      if (pseudo[i] != null) {
        constants[i] = pseudo[i].of(export);
      }
    }
    return constants;
  }

  /** Per field handed on: how a batch keeps its values. */
  ColumnBatch.Kind[] kinds() {
    return Arrays.copyOf(kinds, outputs);
  }

  /** An empty batch of this scan's rows. */
  ColumnBatch newBatch(int capacity) {
    return new ColumnBatch(kinds, outputs, capacity);
  }

  /** Sets every field of the row {@code batch} is filling from the current row of {@code rows}. */
  void assemble(ExportFile rows, ColumnBatch batch) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] == null) {
        batch.set(i, rows.constant(i));
      } else {
        convert(rows, batch, i);
      }
    }
  }

  /** Sets every field of the row {@code batch} is filling from the current row of a typed copy. */
  void assemble(CopiedFile rows, ColumnBatch batch) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] == null) {
        batch.set(i, rows.constant(i));
      } else {
        rows.copyInto(batch, i);
      }
    }
  }

  /** Whether the filter {@code check} holds for a file whose pseudo-columns have these values. */
  private boolean holds(RowFilter.Check check, Object[] constants) {
    Object[] values = check.row();
    for (int i = 0; i < filterColumns.length; i++) {
      values[filterColumns[i]] = constants[filterFields[i]];
    }
    return check.holds();
  }

  /** Whether row {@code row} of {@code batch} passes the filter {@code check}. */
  private boolean holds(RowFilter.Check check, ColumnBatch batch, int row) {
    Object[] values = check.row();
    for (int i = 0; i < filterColumns.length; i++) {
      values[filterColumns[i]] = batch.valueAt(filterFields[i], row);
    }
    return check.holds();
  }

  private void convert(ExportFile rows, ColumnBatch batch, int field) {
    String raw = rows.value(metricOf[field]);
    try {
      rows.converter(field).convertInto(raw, batch, field);
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
