package io.khorosjdbc.driver.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A body's bytes taken off the wire (or the disk) by a thread of their own, at most {@value
 * #WAITING} chunks ahead of the parser that reads this stream: the transfer's system calls and
 * copies overlap with parsing instead of alternating with it. A failure of the transfer is thrown
 * by {@link #read} after the bytes before it, exactly as if it happened on the reading thread;
 * {@link #close()} stops the transfer at once. Read by one thread.
 *
 * <p>The chunks' arrays go round: one the parser has read to its end is filled again. A new array
 * per chunk was the whole body allocated again, zeroed first, and collected: a sixth of the
 * transfer thread's time on a full scan, on a machine with two cores to share.
 */
final class TransferAhead extends InputStream {
  static final int WAITING = 8;
  private static final int FIRST_CHUNK = 8 * 1024; // the first rows reach the parser early
  private static final int CHUNK = 64 * 1024;

  /** Bytes taken ahead: {@code length} of them, or the end ({@code length} -1) or a failure. */
  private record Chunk(byte[] bytes, int length, Exception failure) {}

  private static final Chunk NONE = new Chunk(new byte[0], 0, null);
  private static final Chunk END = new Chunk(new byte[0], -1, null);

  private final InputStream source;
  private final Handoff<Chunk> ready = new Handoff<>(WAITING);

  /**
   * Full-size arrays read to their end, to fill again: the waiting, the read and the filled one.
   */
  private final BlockingQueue<byte[]> emptied = new ArrayBlockingQueue<>(WAITING + 2);

  private Chunk current = NONE;
  private int position;

  TransferAhead(InputStream source, String threadName) {
    this.source = source;
    Thread transfer = new Thread(this::transfer, threadName);
    transfer.setDaemon(true);
    transfer.start();
  }

  private void transfer() {
    int size = FIRST_CHUNK;
    try {
      while (!ready.closed()) {
        byte[] bytes = size == CHUNK ? emptiedOrNew() : new byte[size];
        int length = fill(bytes);
        if (length > 0) {
          ready.hand(new Chunk(bytes, length, null));
        }
        if (length < size) {
          ready.hand(END);
          return;
        }
        size = CHUNK;
      }
    } catch (IOException | RuntimeException e) {
      ready.hand(new Chunk(null, -1, e));
    }
  }

  private byte[] emptiedOrNew() {
    byte[] bytes = emptied.poll();
    return bytes != null ? bytes : new byte[CHUNK];
  }

  /** Reads until {@code bytes} is full or the source ends; bytes read before a failure count. */
  private int fill(byte[] bytes) throws IOException {
    int length = 0;
    try {
      while (length < bytes.length) {
        int read = source.read(bytes, length, bytes.length - length);
        if (read < 0) {
          break;
        }
        length += read;
      }
      return length;
    } catch (IOException | RuntimeException e) {
      if (length > 0) {
        ready.hand(new Chunk(bytes, length, null));
      }
      throw e;
    }
  }

  @Override
  public int read() throws IOException {
    return hasBytes() ? current.bytes()[position++] & 0xff : -1;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!hasBytes()) {
      return -1;
    }
    int count = Math.min(length, current.length() - position);
    System.arraycopy(current.bytes(), position, into, offset, count);
    position += count;
    return count;
  }

  /** Whether bytes are at hand in {@code current}, waiting for the next chunk if needed. */
  private boolean hasBytes() throws IOException {
    while (position == current.length()) {
      if (current.bytes() != null && current.bytes().length == CHUNK) {
        emptied.offer(current.bytes());
      }
      current = take();
      position = 0;
    }
    if (current.failure() != null) {
      throw rethrown(current.failure()); // again on every read: the bytes stop there
    }
    return current.length() > 0;
  }

  private Chunk take() throws IOException {
    try {
      return ready.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading an export");
    }
  }

  private static IOException rethrown(Exception failure) {
    if (failure instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    return (IOException) failure;
  }

  /** Stops the transfer and closes the source. */
  @Override
  public void close() throws IOException {
    if (!ready.closed()) {
      ready.close();
      source.close();
    }
  }
}
