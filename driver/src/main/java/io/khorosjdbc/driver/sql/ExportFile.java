package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.export.ExportException;
import io.khorosjdbc.driver.export.ReadAheadRows;
import io.khorosjdbc.driver.format.FormatDetector;
import io.khorosjdbc.driver.format.LookAheadReader;
import io.khorosjdbc.driver.format.ValueConverter;
import java.io.IOException;
import java.util.List;

/**
 * One export file as a scan reads it: its rows, with timestamp formats detected from this file
 * ({@link LookAheadReader}), and its converters, one per output field of the scan (null for
 * pseudo-columns).
 */
final class ExportFile implements AutoCloseable {
  private final ReadAheadRows export;
  private final LookAheadReader rows;
  private final ValueConverter[] converters;

  /**
   * @param detectors per metric, its format detector if it is read as TIMESTAMP, else null
   * @param converters per output field of the scan, its converter for this file
   */
  ExportFile(
      ReadAheadRows export,
      String table,
      List<String> metrics,
      FormatDetector[] detectors,
      ValueConverter[] converters) {
    this.export = export;
    this.rows = new LookAheadReader(export, table, metrics, detectors);
    this.converters = converters;
  }

  /** Advances to the next row; false at the end of the export. */
  boolean next() {
    try {
      return rows.next();
    } catch (IOException e) {
      // the export's rows throw no IOException: this is the look-ahead's, whose message is for the
      // user
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

  @Override
  public void close() {
    export.close();
  }
}
