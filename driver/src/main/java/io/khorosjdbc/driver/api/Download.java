package io.khorosjdbc.driver.api;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Okio;

/**
 * An export file being received. The body is streamed from the network as it is read (never
 * buffered whole) and counted, so callers can report progress and a short body is detected. Close
 * it to release the connection.
 */
public final class Download implements Closeable {

  private final Response response;
  private final long contentLength;
  private final CountingStream body;
  private final Runnable cancel;

  /**
   * A body read from a local file (an export kept in the driver's cache) with the same counting and
   * truncation checks as a network body.
   */
  public static Download ofFile(Path file) throws IOException {
    Request request = new Request.Builder().url("http://localhost/cache").build();
    ResponseBody body = ResponseBody.create(Okio.buffer(Okio.source(file)), null, Files.size(file));
    return new Download(
        new Response.Builder()
            .request(request)
            .protocol(Protocol.HTTP_1_1)
            .code(200)
            .message("OK")
            .body(body)
            .build());
  }

  Download(Response response) {
    this.response = response;
    this.cancel = response.body() instanceof GroupedBody grouped ? grouped::cancelCall : () -> {};
    this.contentLength = response.body().contentLength();
    this.body = new CountingStream(response.body().byteStream());
  }

  /**
   * The file's bytes. Throws {@code IOException("download truncated: got N of M bytes")} when the
   * connection ends before the announced {@code Content-Length}.
   */
  public InputStream body() {
    return body;
  }

  /**
   * Whether the transfer itself broke: the connection failed while reading, or ended before the
   * announced {@code Content-Length}. A body that arrived whole but does not parse is not.
   */
  public boolean brokenInTransit() {
    return body.broken;
  }

  /** Bytes read from {@link #body()} so far. */
  public long bytesRead() {
    return body.count;
  }

  /** The announced size, when the server sent {@code Content-Length}. */
  public OptionalLong contentLength() {
    return contentLength < 0 ? OptionalLong.empty() : OptionalLong.of(contentLength);
  }

  /**
   * The {@code Content-Type} header, or {@code null}. The API does not document one, so it is a
   * hint only.
   */
  public String contentType() {
    return response.header("Content-Type");
  }

  /**
   * Stops the transfer from another thread: a read blocked on the network fails at once. The
   * reading thread still closes the download. A body read from a file needs no stopping.
   */
  public void cancel() {
    cancel.run();
  }

  @Override
  public void close() {
    response.close();
  }

  /** Counts bytes and turns an early end into an explicit truncation error. */
  private final class CountingStream extends FilterInputStream {

    private long count;
    private volatile boolean broken;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = guarded(() -> in.read());
      if (b < 0) {
        checkComplete(null);
      } else {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = guarded(() -> in.read(buffer, offset, length));
      if (n < 0) {
        checkComplete(null);
      } else {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(n);
      count += skipped;
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    // OkHttp itself fails a short fixed-length body; restate that failure in terms a user
    // understands.
    private int guarded(Read read) throws IOException {
      try {
        return read.read();
      } catch (IOException e) {
        broken = true;
        checkComplete(e);
        throw e;
      }
    }

    private void checkComplete(IOException cause) throws IOException {
      if (contentLength >= 0 && count < contentLength) {
        broken = true;
        throw new IOException(
            "download truncated: got " + count + " of " + contentLength + " bytes", cause);
      }
    }
  }

  @FunctionalInterface
  private interface Read {
    int read() throws IOException;
  }
}
