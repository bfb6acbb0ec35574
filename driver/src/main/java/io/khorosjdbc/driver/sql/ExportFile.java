package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.export.ExportException;
import io.khorosjdbc.driver.format.ColumnBatch;
import io.khorosjdbc.driver.format.FormatDetector;
import io.khorosjdbc.driver.format.LookAheadReader;
import io.khorosjdbc.driver.format.RowReader;
import io.khorosjdbc.driver.format.ValueConverter;
import java.io.IOException;
import java.util.List;

/**
 * An export file read from its body: its raw rows, with timestamp formats detected from this file
 * ({@link LookAheadReader}) and converted by converters of its own (one per output field of the
 * scan, null for pseudo-columns).
 */
final class ExportFile extends ShapedFile {
  private final LookAheadReader rows;
  private final ValueConverter[] converters;

  /**
   * @param raw the file's raw rows, values aligned to {@code metrics}
   * @param detectors per metric, its format detector if it is read as TIMESTAMP, else null
   * @param converters per output field of the scan, its converter for this file
   */
  ExportFile(
      RowReader raw,
      String table,
      List<String> metrics,
      FormatDetector[] detectors,
      ValueConverter[] converters,
      Object[] constants,
      RowAssembler assembler) {
    super(constants, assembler);
    this.rows = new LookAheadReader(raw, table, metrics, detectors);
    this.converters = converters;
  }

  @Override
  boolean next() {
    try {
      return rows.next();
    } catch (IOException e) {
      // the raw rows throw no IOException: this is the look-ahead's, whose message is for the user
      throw new ExportException(e.getMessage(), e);
    }
  }

  @Override
  void assemble(ColumnBatch batch) {
    assembler.assemble(this, batch);
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
}
