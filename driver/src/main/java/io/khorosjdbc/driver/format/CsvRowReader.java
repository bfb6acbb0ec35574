package io.khorosjdbc.driver.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

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
 */
public final class CsvRowReader implements RowReader {

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final String sourceName;
  private final int[] positions;
  private final String[] values;
  private final List<String> header;
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
      this.parser = CSVParser.parse(utf8(withoutByteOrderMark(in)), FORMAT);
      this.records = parser.iterator();
      CSVRecord headerRecord = nextRecord();
      // An empty file is an export without rows: next() reports the end straight away.
      this.header = headerRecord == null ? List.of() : List.copyOf(headerRecord.toList());
      this.positions =
          header.isEmpty() ? new int[0] : HeaderIndex.positions(header, columns, sourceName);
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

  // REPORT: a wrongly encoded export must fail loudly, not turn into replacement characters.
  private static Reader utf8(InputStream in) {
    return new InputStreamReader(
        in,
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  @Override
  public boolean next() throws IOException {
    CSVRecord record = nextRecord();
    while (record != null && header.size() > 1 && isBlank(record)) {
      record = nextRecord();
    }
    if (record == null) {
      return false;
    }
    rowNumber++;
    if (record.size() != header.size()) {
      throw new IOException(
          sourceName
              + ": row "
              + rowNumber
              + " (line "
              + parser.getCurrentLineNumber()
              + ") has "
              + record.size()
              + " fields but the header has "
              + header.size());
    }
    for (int i = 0; i < positions.length; i++) {
      String value = record.get(positions[i]);
      values[i] = value.isEmpty() ? null : value;
    }
    return true;
  }

  private static boolean isBlank(CSVRecord record) {
    return record.size() == 1 && record.get(0).isEmpty();
  }

  /**
   * The next record, or {@code null}; the parser's unchecked failures become IOExceptions with
   * context.
   */
  private CSVRecord nextRecord() throws IOException {
    try {
      return records.hasNext() ? records.next() : null;
    } catch (UncheckedIOException e) {
      IOException cause = e.getCause();
      String problem =
          cause instanceof CharacterCodingException
              ? "the file is not valid UTF-8"
              : cause.getMessage();
      throw new IOException(
          sourceName + ": cannot read CSV after row " + rowNumber + ": " + problem, cause);
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
