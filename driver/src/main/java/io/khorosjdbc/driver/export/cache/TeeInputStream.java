package io.khorosjdbc.driver.export.cache;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies every byte read from a stream to a second stream: a download's body into the cache. */
public final class TeeInputStream extends FilterInputStream {
  private final OutputStream copy;

  public TeeInputStream(InputStream in, OutputStream copy) {
    super(in);
    this.copy = copy;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      copy.write(b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      copy.write(buffer, offset, n);
    }
    return n;
  }

  /** Skipping would leave a hole in the copy, so skipped bytes are read and copied. */
  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
