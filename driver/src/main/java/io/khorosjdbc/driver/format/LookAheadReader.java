package io.khorosjdbc.driver.format;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * The rows of one export file with each timestamp column's format detected from the file's own
 * values: the reader shows every timestamp value to its column's {@link FormatDetector} before the
 * row is handed out.
 *
 * <p>Usually a thin view of the underlying reader. Only when a row holds a timestamp that means one
 * instant day first and another month first, in a column not decided yet, does it read ahead, at
 * most {@link FormatDetector#LOOK_AHEAD_ROWS} rows, until a value decides the column. The rows read
 * ahead (their values only, never the whole file) are handed out next, in order, with their own row
 * numbers. If no value decided, {@link #next} fails with an {@link AmbiguousDateException} that
 * asks for {@code dateFormat}.
 *
 * <p>Not thread-safe, like every {@link RowReader}.
 */
public final class LookAheadReader implements RowReader {
  private record Row(String[] values, long number) {}

  private final RowReader source;
  private final String table;
  private final List<String> columns;

  /** Per column: its detector when it is read as TIMESTAMP, else null. */
  private final FormatDetector[] detectors;

  private final ArrayDeque<Row> ahead = new ArrayDeque<>();

  /** Every detector has decided: rows need no look at before they are handed out. */
  private boolean decided;

  private boolean exhausted;

  /** The current row's values once read ahead or kept for a look-ahead; else the source's. */
  private String[] current;

  private long currentNumber;

  /**
   * @param source the file's rows; closed by {@link #close()}
   * @param table names the table in messages
   * @param columns the source's columns, by index, for messages
   * @param detectors per column of the source, its detector, or null if it is not a timestamp
   */
  public LookAheadReader(
      RowReader source, String table, List<String> columns, FormatDetector[] detectors) {
    this.source = Objects.requireNonNull(source, "source");
    this.table = Objects.requireNonNull(table, "table");
    this.columns = List.copyOf(columns);
    this.detectors = detectors.clone();
    if (this.detectors.length != this.columns.size()) {
      throw new IllegalArgumentException(
          detectors.length + " detectors for " + columns.size() + " columns");
    }
    this.decided = allDecided();
  }

  @Override
  public boolean next() throws IOException {
    Row row = ahead.poll();
    if (row != null) {
      current = row.values();
      currentNumber = row.number();
    } else {
      current = null;
      if (exhausted || !source.next()) {
        exhausted = true;
        return false;
      }
    }
    if (!decided) {
      learnFromCurrentRow();
    }
    return true;
  }

  @Override
  public String get(int i) {
    return current == null ? source.get(i) : current[i];
  }

  @Override
  public long rowNumber() {
    return current == null ? source.rowNumber() : currentNumber;
  }

  /**
   * Shows the current row's timestamps to their detectors; reads ahead when one of them cannot be
   * read until a later value decides its column.
   */
  private void learnFromCurrentRow() throws IOException {
    if (waitingOn(null)) {
      readAhead();
      for (int column = 0; column < detectors.length; column++) {
        String value = undecidedValue(column, current);
        if (value != null && detectors[column].learn(value)) {
          throw new AmbiguousDateException(
              FormatDetector.undecidable(
                  table, columns.get(column), currentNumber, value, ahead.size()));
        }
      }
    }
    decided = allDecided();
  }

  private void readAhead() throws IOException {
    if (current == null) {
      current = values();
      currentNumber = source.rowNumber();
    }
    while (ahead.size() < FormatDetector.LOOK_AHEAD_ROWS && !exhausted && waitingOn(current)) {
      if (!source.next()) {
        exhausted = true;
        break;
      }
      String[] values = values();
      ahead.add(new Row(values, source.rowNumber()));
      for (int column = 0; column < detectors.length; column++) {
        String value = undecidedValue(column, values);
        if (value != null) {
          detectors[column].learn(value);
        }
      }
    }
  }

  /**
   * Shows a row's values to the undecided detectors; whether one of them cannot be read yet.
   *
   * @param row the row's values, or null for the source's current row
   */
  private boolean waitingOn(String[] row) {
    boolean waiting = false;
    for (int column = 0; column < detectors.length; column++) {
      String value = undecidedValue(column, row);
      waiting |= value != null && detectors[column].learn(value);
    }
    return waiting;
  }

  /**
   * The trimmed, non-empty value of an undecided timestamp column in {@code row} (null: the current
   * row), else null.
   */
  private String undecidedValue(int column, String[] row) {
    FormatDetector detector = detectors[column];
    if (detector == null || detector.decided()) {
      return null;
    }
    String raw = row == null ? get(column) : row[column];
    if (raw == null) {
      return null;
    }
    String value = raw.strip();
    return value.isEmpty() ? null : value;
  }

  private String[] values() {
    String[] values = new String[detectors.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = source.get(i);
    }
    return values;
  }

  private boolean allDecided() {
    for (FormatDetector detector : detectors) {
      if (detector != null && !detector.decided()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
