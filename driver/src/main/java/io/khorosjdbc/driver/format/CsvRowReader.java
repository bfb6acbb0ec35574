package io.khorosjdbc.driver.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
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
 * input with no bytes at all is an export with no rows. On a constructor failure the stream is
 * closed.
 *
 * <p>Parsing is Jackson's streaming CSV parser, reading bytes and decoding UTF-8 itself: twice as
 * fast as Commons CSV behind a {@code Reader} on the same file (docs/performance.md). Only the
 * requested columns' fields become strings.
 */
public final class CsvRowReader implements RowReader {

  private static final CsvFactory FACTORY = new CsvFactory();
  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final CsvParser parser;
  private final String sourceName;
  private final List<String> header;

  /** Per field of a record: the requested column it fills, or -1 when none is read from it. */
  private final int[] columnOfField;

  private final String[] values;
  private boolean firstFieldEmpty;

  /** The line the current record starts on (a quoted field may span lines). */
  private int recordLine;

  private long rowNumber;

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
    this.values = new String[Objects.requireNonNull(columns, "columns").size()];
    try {
      this.parser = FACTORY.createParser(withoutByteOrderMark(in));
      List<String> headerRecord = nextRecord();
      // An empty file is an export without rows: next() reports the end straight away.
      this.header = headerRecord == null ? List.of() : List.copyOf(headerRecord);
      int[] positions =
          header.isEmpty() ? new int[0] : HeaderIndex.positions(header, columns, sourceName);
      this.columnOfField = new int[header.size()];
      Arrays.fill(columnOfField, -1);
      for (int column = 0; column < positions.length; column++) {
        columnOfField[positions[column]] = column;
      }
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
    while (true) {
      if (!startRecord()) {
        return false;
      }
      Arrays.fill(values, null);
      int fields = readFields();
      if (fields == 1 && firstFieldEmpty && header.size() > 1) {
        continue; // a blank line
      }
      rowNumber++;
      if (fields != header.size()) {
        throw new IOException(
            sourceName
                + ": row "
                + rowNumber
                + " (line "
                + recordLine
                + ") has "
                + fields
                + " fields but the header has "
                + header.size());
      }
      return true;
    }
  }

  /** Reads one record's fields, keeping the requested ones (an empty field is null). */
  private int readFields() throws IOException {
    int field = 0;
    while (true) {
      JsonToken token = advance();
      if (token != JsonToken.VALUE_STRING) {
        return field; // END_ARRAY
      }
      int column = field < columnOfField.length ? columnOfField[field] : -1;
      if (column >= 0 || field == 0) {
        String value = parser.getText();
        if (field == 0) {
          firstFieldEmpty = value.isEmpty();
          recordLine = parser.currentTokenLocation().getLineNr();
        }
        if (column >= 0) {
          values[column] = value.isEmpty() ? null : value;
        }
      }
      field++;
    }
  }

  /** Moves to the next record's start; false at the end of the file. */
  private boolean startRecord() throws IOException {
    return advance() == JsonToken.START_ARRAY;
  }

  /** The record as a list of fields (for the header), or {@code null} at the end of the file. */
  private List<String> nextRecord() throws IOException {
    if (!startRecord()) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    while (advance() == JsonToken.VALUE_STRING) {
      fields.add(parser.getText());
    }
    return fields;
  }

  /** The parser's next token; its decoding and syntax errors are reported with context. */
  private JsonToken advance() throws IOException {
    try {
      return parser.nextToken();
    } catch (CharConversionException e) {
      throw new IOException(
          sourceName + ": cannot read CSV after row " + rowNumber + ": the file is not valid UTF-8",
          e);
    } catch (JacksonException e) {
      throw new IOException(
          sourceName + ": cannot read CSV after row " + rowNumber + ": " + e.getOriginalMessage(),
          e);
    }
  }

  /** The file's column names as written, byte-order mark removed; empty for an empty file. */
  public List<String> header() {
    return header;
  }

  @Override
  public String get(int i) {
    return values[i];
  }

  @Override
  public long rowNumber() {
    return rowNumber;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
