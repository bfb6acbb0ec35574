package io.khorosjdbc.emulator.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The truncate fault: passes on half of a short body, or the first 64 KiB of a long one, then drops
 * the connection, so the client sees a body that ends early without a proper end of message.
 */
final class TruncatingOutputStream extends OutputStream {
  static final int LIMIT = 64 * 1024;
  private final OutputStream out;
  private final ByteArrayOutputStream head = new ByteArrayOutputStream();

  TruncatingOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    head.write(b, off, Math.min(len, LIMIT - head.size() + 1));
    if (head.size() > LIMIT) {
      cut(LIMIT);
    }
  }

  @Override
  public void close() throws IOException {
    cut(head.size() / 2);
  }

  private void cut(int length) throws IOException {
    out.write(head.toByteArray(), 0, length);
    out.flush();
    throw new AbortConnection("truncate fault");
  }
}
