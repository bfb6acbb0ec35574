package io.khorosjdbc.driver.export;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * What a query has read of one export file, kept as a CRC-32C per 64 KiB block, so that a copy
 * fetched again after a broken transfer can be proven to start with exactly the same bytes before
 * the parser sees any of them. Rows already returned were parsed from bytes already read, so a copy
 * whose first bytes are proven equal repeats those rows, and reading may go on after them.
 *
 * <p>Checking bytes rather than values costs one hardware CRC per buffer instead of a hash per
 * value (6% of a full scan), and it is stricter: the copy must be the same file, not only the same
 * values.
 */
final class ByteFingerprint {
  static final int BLOCK = 1 << 16;

  /** Thrown when a copy is shorter than, or differs from, what was read before. */
  static final class CopyDiffers extends RuntimeException {
    CopyDiffers(String message) {
      super(message);
    }
  }

  private int[] blockCrcs = new int[16];
  private int fullBlocks;
  private final CRC32C partial = new CRC32C();
  private int partialLength;

  /** Bytes read so far, over every copy. */
  long length() {
    return (long) fullBlocks * BLOCK + partialLength;
  }

  /**
   * A copy of the file (the first, or one fetched again): bytes already read are served only once
   * their block matches, later ones are recorded as they pass.
   */
  InputStream follow(InputStream copy) {
    return new Following(copy);
  }

  private void record(byte[] bytes, int offset, int length) {
    int off = offset;
    int left = length;
    while (left > 0) {
      int n = Math.min(left, BLOCK - partialLength);
      partial.update(bytes, off, n);
      partialLength += n;
      off += n;
      left -= n;
      if (partialLength == BLOCK) {
        if (fullBlocks == blockCrcs.length) {
          blockCrcs = Arrays.copyOf(blockCrcs, fullBlocks * 2);
        }
        blockCrcs[fullBlocks++] = (int) partial.getValue();
        partial.reset();
        partialLength = 0;
      }
    }
  }

  private final class Following extends FilterInputStream {
    private long position;
    private byte[] checked;
    private int checkedStart;
    private int checkedEnd;

    Following(InputStream copy) {
      super(copy);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (checkedStart == checkedEnd && position < length()) {
        checkNextBlock();
      }
      if (checkedStart < checkedEnd) {
        int n = Math.min(length, checkedEnd - checkedStart);
        System.arraycopy(checked, checkedStart, buffer, offset, n);
        checkedStart += n;
        position += n;
        return n;
      }
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        record(buffer, offset, n);
        position += n;
      }
      return n;
    }

    /** Reads the copy's next block (or the part of it read before) and compares its CRC. */
    private void checkNextBlock() throws IOException {
      int block = (int) (position / BLOCK);
      int size = block < fullBlocks ? BLOCK : partialLength;
      if (checked == null) {
        checked = new byte[BLOCK];
      }
      int n = in.readNBytes(checked, 0, size);
      if (n < size) {
        throw new CopyDiffers(
            "the file fetched again has only "
                + (position + n)
                + " bytes, but "
                + length()
                + " were already read");
      }
      CRC32C crc = new CRC32C();
      crc.update(checked, 0, size);
      int expected = block < fullBlocks ? blockCrcs[block] : (int) partial.getValue();
      if ((int) crc.getValue() != expected) {
        throw new CopyDiffers(
            "the file fetched again differs from the one read before within bytes "
                + position
                + " to "
                + (position + size));
      }
      checkedStart = 0;
      checkedEnd = size;
    }

    // FilterInputStream's skip would bypass the check: skipped bytes are read like any other.
    @Override
    public long skip(long n) throws IOException {
      byte[] sink = new byte[(int) Math.min(n, 8192)];
      long left = n;
      while (left > 0) {
        int r = read(sink, 0, (int) Math.min(left, sink.length));
        if (r < 0) {
          break;
        }
        left -= r;
      }
      return n - left;
    }

    @Override
    public int available() {
      return checkedEnd - checkedStart;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
