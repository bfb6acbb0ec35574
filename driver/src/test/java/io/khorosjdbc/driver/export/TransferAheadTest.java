package io.khorosjdbc.driver.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransferAheadTest {
  private static final String THREAD = "khoros-read-transfer test";

  private static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  @Test
  void theParserReadsExactlyTheSourcesBytes() throws IOException {
    for (int size : new int[] {0, 1, 8 * 1024, 8 * 1024 + 1, 1_000_003}) {
      byte[] source = bytes(size);
      try (InputStream ahead = new TransferAhead(new ByteArrayInputStream(source), THREAD)) {
        assertArrayEquals(source, ahead.readAllBytes(), "size " + size);
        assertEquals(-1, ahead.read());
      }
    }
  }

  /** The chunks' arrays are filled again once read: a byte read twice or lost would show here. */
  @Test
  void aReaderTakingSmallPiecesReadsExactlyTheSourcesBytesWhileArraysAreReused()
      throws IOException {
    byte[] source = bytes(5_000_000); // 76 chunks through 8 waiting places
    Random pieces = new Random(11);
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    try (InputStream ahead = new TransferAhead(new ByteArrayInputStream(source), THREAD)) {
      byte[] piece = new byte[100_000];
      for (int n; (n = ahead.read(piece, 0, 1 + pieces.nextInt(piece.length))) > 0; ) {
        read.write(piece, 0, n);
      }
    }
    assertArrayEquals(source, read.toByteArray());
  }

  @Test
  void aFailedTransferFailsTheReadAfterTheBytesBeforeItAndEveryReadAfter() throws IOException {
    byte[] before = bytes(100_000);
    InputStream breaking =
        new SequenceInputStream(
            new ByteArrayInputStream(before),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("connection reset");
              }
            });
    try (InputStream ahead = new TransferAhead(breaking, THREAD)) {
      byte[] read = ahead.readNBytes(before.length);
      assertArrayEquals(before, read);
      assertEquals("connection reset", assertThrows(IOException.class, ahead::read).getMessage());
      assertEquals("connection reset", assertThrows(IOException.class, ahead::read).getMessage());
    }
  }

  @Test
  void closingStopsTheTransferThreadAndClosesTheSource() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 'x';
          }

          @Override
          public void close() {
            closed.countDown();
          }
        };
    InputStream ahead = new TransferAhead(endless, THREAD);
    ahead.read();
    ahead.close();
    assertTrue(closed.await(5, TimeUnit.SECONDS), "the source was not closed");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (transferThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, transferThreads(), "the transfer thread still runs");
  }

  private static long transferThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(THREAD))
        .count();
  }
}
