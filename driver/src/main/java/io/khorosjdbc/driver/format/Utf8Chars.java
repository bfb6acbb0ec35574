package io.khorosjdbc.driver.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * The characters of UTF-8 bytes, strictly: bytes that are not UTF-8 fail the read with a {@link
 * java.io.CharConversionException} rather than becoming U+FFFD.
 *
 * <p>The decoder is the one Jackson's CSV parser reads its bytes with, asked of its factory. The
 * JDK's ({@code InputStreamReader}) took four times as long on the bench's export, whose names put
 * a non-ASCII character in most 64 KiB: after the first one in a buffer it decodes character by
 * character (docs/performance.md, sixth pass).
 */
final class Utf8Chars {
  private static final Decoders DECODERS = new Decoders();

  private Utf8Chars() {}

  /** A reader of {@code in}'s characters; closing it closes {@code in}. */
  static Reader of(InputStream in) throws IOException {
    return DECODERS.utf8(in);
  }

  /** Jackson's CSV factory, used only for the reader it decodes UTF-8 bytes with. */
  private static final class Decoders extends CsvFactory {
    private static final long serialVersionUID = 1L;

    Reader utf8(InputStream in) throws IOException {
      return _createReader(in, JsonEncoding.UTF8, _createContext(ContentReference.unknown(), true));
    }
  }
}
