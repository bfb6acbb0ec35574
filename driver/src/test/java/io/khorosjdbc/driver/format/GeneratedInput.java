package io.khorosjdbc.driver.format;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * An input stream produced on demand from text chunks, to feed readers large bodies without holding
 * them.
 */
final class GeneratedInput extends InputStream {

  private final Iterator<String> chunks;
  private byte[] current = new byte[0];
  private int position;

  private GeneratedInput(Iterator<String> chunks) {
    this.chunks = chunks;
  }

  /** {@code head}, then {@code rows} rows made by {@code row} (index → text), then {@code tail}. */
  static InputStream of(
      String head, int rows, java.util.function.IntFunction<String> row, String tail) {
    return new GeneratedInput(
        Stream.of(Stream.of(head), IntStream.range(0, rows).mapToObj(row), Stream.of(tail))
            .flatMap(s -> s)
            .iterator());
  }

  @Override
  public int read() {
    return fill() ? current[position++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current, position, buffer, offset, n);
    position += n;
    return n;
  }

  private boolean fill() {
    while (position == current.length) {
      if (!chunks.hasNext()) {
        return false;
      }
      current = chunks.next().getBytes(StandardCharsets.UTF_8);
      position = 0;
    }
    return true;
  }
}
