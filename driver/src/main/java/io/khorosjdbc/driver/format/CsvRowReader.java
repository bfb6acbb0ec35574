package io.khorosjdbc.driver.format;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Streams a CSV export (RFC 4180: quoted fields may hold commas, quotes and line breaks) whose
 * first record is the header. Header fields may spell the column names any way: API names, display
 * names, camelCase ({@link ColumnBinder}).
 *
 * <p>The input is UTF-8; a leading byte-order mark is skipped, and bytes that are not UTF-8 are an
 * error rather than silently replaced. A blank line is a row whose only value is empty when the
 * export has one column, and is skipped otherwise (a row of several columns cannot be blank). An
 * input with no bytes at all is an export with no rows. A quoted field still open at the end of the
 * file is an error, not a last value that swallowed the rows after it. On a constructor failure the
 * stream is closed.
 *
 * <p>Parsing is FastCSV's, which hands over each field's characters where they lie, so only the
 * requested columns' fields become strings; the characters come from {@link Utf8Chars}. Both
 * together read the bench's file in two thirds of the time Jackson's CSV parser takes
 * (docs/performance.md).
 */
public final class CsvRowReader implements RowReader {

  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final CsvReader<Boolean> csv;
  private final CloseableIterator<Boolean> records;
  private final Fields fields = new Fields();
  private final String sourceName;
  private final List<String> header;
  private long rowNumber;
  private boolean ended;

  /**
   * @param in the export file; closed by {@link #close()}
   * @param columns the columns to read, matched to the header whatever its spelling ({@link
   *     ColumnBinder})
   * @param sourceName names the file in error messages, e.g. the report
   * @throws IOException if the header lacks a requested column, or two header fields name the same
   *     one
   */
  public CsvRowReader(InputStream in, List<String> columns, String sourceName) throws IOException {
    Objects.requireNonNull(in, "in");
    this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(columns, "columns");
    try {
      this.csv =
          CsvReader.builder()
              .skipEmptyLines(false) // a blank line may be a row (see the class comment)
              .allowExtraFields(true) // field counts are checked against the header, below
              .allowMissingFields(true)
              .build(fields, new EndMarkedReader(Utf8Chars.of(withoutByteOrderMark(in))));
      this.records = csv.iterator();
      fields.keepAll = true;
      // An empty file is an export without rows: next() reports the end straight away.
      this.header = advance() ? List.copyOf(fields.all) : List.of();
      fields.keepAll = false;
      int[] positions =
          header.isEmpty() ? new int[0] : HeaderIndex.positions(header, columns, sourceName);
      fields.columnOfField = new int[header.size()];
      Arrays.fill(fields.columnOfField, -1);
      for (int column = 0; column < positions.length; column++) {
        fields.columnOfField[positions[column]] = column;
      }
      fields.values = new String[columns.size()];
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  // At byte level, so no decoding (and no decoding error) happens before the parser can report it
  // with context.
  private static InputStream withoutByteOrderMark(InputStream in) throws IOException {
    PushbackInputStream pushback = new PushbackInputStream(in, BYTE_ORDER_MARK.length);
    byte[] start = pushback.readNBytes(BYTE_ORDER_MARK.length);
    if (!Arrays.equals(start, BYTE_ORDER_MARK)) {
      pushback.unread(start);
    }
    return pushback;
  }

  @Override
  public boolean next() throws IOException {
    while (advance()) {
      if (fields.count == 1 && fields.firstEmpty && header.size() > 1) {
        continue; // a blank line
      }
      rowNumber++;
      if (fields.count != header.size()) {
        throw new IOException(
            sourceName
                + ": row "
                + rowNumber
                + " (line "
                + fields.line
                + ") has "
                + fields.count
                + " fields but the header has "
                + header.size());
      }
      return true;
    }
    return false;
  }

  /**
   * Reads the next record into {@link #fields}; false at the end of the file, which the end marker
   * shows to be the end of its last record.
   */
  private boolean advance() throws IOException {
    if (ended) {
      return false;
    }
    if (!hasNextRecord()) {
      throw cannotRead(
          "a quoted field opened on line "
              + fields.line
              + " is not closed before the end of the file",
          null);
    }
    records.next();
    if (!fields.isEndMarker()) {
      return true;
    }
    long markerLine = fields.line;
    if (hasNextRecord()) {
      throw new IOException(
          sourceName
              + ": row "
              + (rowNumber + 1)
              + " (line "
              + markerLine
              + ") is the reader's own end-of-file marker, which no export can hold");
    }
    ended = true;
    return false;
  }

  /**
   * Whether a record follows; the parser's decoding and syntax errors are reported with context.
   */
  private boolean hasNextRecord() throws IOException {
    try {
      return records.hasNext();
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof CharConversionException) {
        throw cannotRead("the file is not valid UTF-8", e.getCause());
      }
      throw e.getCause(); // a failed or stopped transfer, reported as it was raised
    } catch (CsvParseException e) {
      // FastCSV wraps whatever reading a record raised; its own syntax errors are wrapped too
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException stopped && !(cause instanceof CsvParseException)) {
        throw stopped; // e.g. a cancel raised while reading the body
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw cannotRead(cause != null ? cause.getMessage() : e.getMessage(), e);
    }
  }

  /** The file cannot be read on from the row after the last one returned, for {@code reason}. */
  private IOException cannotRead(String reason, Throwable cause) {
    return new IOException(
        sourceName + ": cannot read CSV after row " + rowNumber + ": " + reason, cause);
  }

  /** The file's column names as written, byte-order mark removed; empty for an empty file. */
  public List<String> header() {
    return header;
  }

  @Override
  public String get(int i) {
    return fields.values[i];
  }

  @Override
  public long rowNumber() {
    return rowNumber;
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }

  /** Takes each record's fields from the parser, keeping the requested ones as strings. */
  private static final class Fields extends AbstractBaseCsvCallbackHandler<Boolean> {
    /** While reading the header, the first record: every field is kept, in {@link #all}. */
    boolean keepAll;

    final List<String> all = new ArrayList<>();

    /** Per field of a record: the requested column it fills, or -1 when none is read from it. */
    int[] columnOfField = new int[0];

    /**
     * The requested columns' values in the current record (an empty field is null); every field of
     * a record that is not blank sets its column's, and a record with too few fields fails.
     */
    String[] values = new String[0];

    int count;
    boolean firstEmpty;
    boolean endMarker;

    /** The line the current record starts on (a quoted field may span lines). */
    long line;

    @Override
    protected void handleBegin(long startingLineNumber) {
      line = startingLineNumber;
      count = 0;
      firstEmpty = true;
      endMarker = false;
    }

    @Override
    protected void handleField(int field, char[] buf, int offset, int length, boolean quoted) {
      count = field + 1;
      if (field == 0) {
        firstEmpty = length == 0;
        endMarker = !quoted && EndMarkedReader.isMarker(buf, offset, length);
      }
      if (keepAll) {
        all.add(new String(buf, offset, length));
        return;
      }
      int column = field < columnOfField.length ? columnOfField[field] : -1;
      if (column >= 0) {
        values[column] = length > 0 ? new String(buf, offset, length) : null;
      }
    }

    @Override
    protected void handleEmpty() {
      count = 1; // a blank line: one empty field
      Arrays.fill(values, null);
    }

    boolean isEndMarker() {
      return endMarker && count == 1;
    }

    @Override
    protected Boolean buildRecord() {
      return Boolean.TRUE; // the record's values are in this handler
    }
  }
}
