package io.khorosjdbc.emulator.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/** The slow fault: sends the body in small flushed slices at a fixed number of bytes per second. */
final class ThrottledOutputStream extends FilterOutputStream {
  private static final int SLICE = 512;
  private final long nanosPerByte;

  ThrottledOutputStream(OutputStream out, int bytesPerSecond) {
    super(out);
    this.nanosPerByte = 1_000_000_000L / bytesPerSecond;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    for (int i = 0; i < len; i += SLICE) {
      int n = Math.min(SLICE, len - i);
      out.write(b, off + i, n);
      out.flush();
      try {
        Thread.sleep(n * nanosPerByte / 1_000_000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("slow fault interrupted");
      }
    }
  }
}
