package io.khorosjdbc.driver.export;

/**
 * Where a file's reading thread ({@link ReadAheadRows}) takes its rows from: the export's body
 * ({@link ExportRows}) or a typed copy of it ({@link CopyRows}).
 */
interface RowSource {

  /** Stops the reading from another thread: its next step ends it quietly. */
  void abandon();

  /** Releases what the reading holds: on the reading thread. */
  void close();
}
