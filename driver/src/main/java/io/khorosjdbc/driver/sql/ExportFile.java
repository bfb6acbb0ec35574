package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.export.ExportException;
import io.khorosjdbc.driver.export.RowShaper;
import io.khorosjdbc.driver.format.ColumnBatch;
import io.khorosjdbc.driver.format.FormatDetector;
import io.khorosjdbc.driver.format.LookAheadReader;
import io.khorosjdbc.driver.format.RowReader;
import io.khorosjdbc.driver.format.ValueConverter;
import java.io.IOException;
import java.util.List;

/**
 * One export file as a scan reads it: its rows, with timestamp formats detected from this file
 * ({@link LookAheadReader}), converted by converters of its own (one per output field of the scan,
 * null for pseudo-columns) and laid out as the scan's rows by its {@link RowAssembler}. It runs on
 * the file's reading thread ({@link RowShaper}).
 */
final class ExportFile implements RowShaper {
  private final LookAheadReader rows;
  private final ValueConverter[] converters;
  private final Object[] constants;
  private final RowFilter.Check check;
  private final RowAssembler assembler;

  /**
   * @param raw the file's raw rows, values aligned to {@code metrics}
   * @param detectors per metric, its format detector if it is read as TIMESTAMP, else null
   * @param converters per output field of the scan, its converter for this file
   * @param constants per output field of the scan, a pseudo-column's value in this file
   * @param check the scan's filter for this file's reading thread, or null
   */
  ExportFile(
      RowReader raw,
      String table,
      List<String> metrics,
      FormatDetector[] detectors,
      ValueConverter[] converters,
      Object[] constants,
      RowFilter.Check check,
      RowAssembler assembler) {
    this.rows = new LookAheadReader(raw, table, metrics, detectors);
    this.converters = converters;
    this.constants = constants;
    this.check = check;
    this.assembler = assembler;
  }

  @Override
  public ColumnBatch newBatch(int capacity) {
    return assembler.newBatch(capacity);
  }

  @Override
  public boolean fill(ColumnBatch batch) {
    while (!batch.full()) {
      if (!next()) {
        return false;
      }
      if (assembler.assemble(this, batch)) {
        batch.endRow();
      }
    }
    return true;
  }

  private boolean next() {
    try {
      return rows.next();
    } catch (IOException e) {
      // the raw rows throw no IOException: this is the look-ahead's, whose message is for the user
      throw new ExportException(e.getMessage(), e);
    }
  }

  String value(int metric) {
    return rows.get(metric);
  }

  long rowNumber() {
    return rows.rowNumber();
  }

  ValueConverter converter(int field) {
    return converters[field];
  }

  Object constant(int field) {
    return constants[field];
  }

  RowFilter.Check check() {
    return check;
  }
}
