package io.khorosjdbc.driver.format;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * A file's characters followed by a record of its own, the end marker, on a line of its own.
 *
 * <p>A CSV parser that meets the end of its input inside a quoted field hands that field over as if
 * it were closed, so a quote the server forgot to close would make one value of every row after it,
 * silently. With the marker appended, a file that ends where a record may end has the marker as its
 * last record; one that ends inside a quoted field has the marker inside that field instead and no
 * marker record, which {@link CsvRowReader} reports.
 */
final class EndMarkedReader extends Reader {
  /** Characters no export holds as a record of its own: NULs around a name. */
  static final String MARKER = "\u0000khoros-jdbc end of file\u0000";

  private final Reader in;
  private String tail;
  private int tailRead;
  private char last = '\n';

  EndMarkedReader(Reader in) {
    this.in = in;
  }

  private static final char[] MARKER_CHARS = MARKER.toCharArray();

  /** Whether these characters are the marker's. */
  static boolean isMarker(char[] buf, int offset, int length) {
    return Arrays.equals(buf, offset, offset + length, MARKER_CHARS, 0, MARKER_CHARS.length);
  }

  @Override
  public int read(char[] buf, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (tail == null) {
      int read = in.read(buf, offset, length);
      if (read > 0) {
        last = buf[offset + read - 1];
        return read;
      }
      if (read == 0) {
        return 0;
      }
      // the marker starts a line: after the file's last line end, or after one of its own
      tail = (last == '\n' || last == '\r' ? "" : "\n") + MARKER;
    }
    if (tailRead == tail.length()) {
      return -1;
    }
    int count = Math.min(length, tail.length() - tailRead);
    tail.getChars(tailRead, tailRead + count, buf, offset);
    tailRead += count;
    return count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
