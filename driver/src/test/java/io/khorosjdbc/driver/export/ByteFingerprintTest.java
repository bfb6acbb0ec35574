package io.khorosjdbc.driver.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteFingerprintTest {
  private static final int SIZE = 3 * ByteFingerprint.BLOCK + 12_345;
  private final byte[] file = randomBytes(SIZE);
  private final ByteFingerprint fingerprint = new ByteFingerprint();

  @Test
  void aCopyWithTheSameBytesIsReadWholeAfterAnyBreak() throws IOException {
    int broke = 2 * ByteFingerprint.BLOCK + 777; // mid-block
    assertArrayEquals(prefix(broke), fingerprint.follow(stream(file)).readNBytes(broke));

    assertArrayEquals(file, fingerprint.follow(stream(file)).readAllBytes());
    assertEquals(SIZE, fingerprint.length());
  }

  @Test
  void bytesReadPastTheEarlierBreakAreCheckedByTheNextCopy() throws IOException {
    fingerprint.follow(stream(file)).readNBytes(1000);
    fingerprint.follow(stream(file)).readNBytes(ByteFingerprint.BLOCK + 5);
    byte[] changed = file.clone();
    changed[ByteFingerprint.BLOCK + 1] ^= 1; // read only by the second copy

    InputStream third = fingerprint.follow(stream(changed));
    ByteFingerprint.CopyDiffers e =
        assertThrows(ByteFingerprint.CopyDiffers.class, () -> third.readNBytes(SIZE));
    assertTrue(e.getMessage().contains("differs from the one read before"), e.getMessage());
  }

  @Test
  void aCopyThatDiffersGivesNoneOfTheBytesOfThatBlock() throws IOException {
    fingerprint.follow(stream(file)).readNBytes(500);
    byte[] changed = file.clone();
    changed[499] ^= 1;

    InputStream copy = fingerprint.follow(stream(changed));
    byte[] buffer = new byte[100];
    assertThrows(ByteFingerprint.CopyDiffers.class, () -> copy.read(buffer));
    assertArrayEquals(new byte[100], buffer, "nothing handed to the parser");
  }

  @Test
  void aShorterCopyIsAnError() throws IOException {
    fingerprint.follow(stream(file)).readNBytes(10_000);

    InputStream copy = fingerprint.follow(stream(prefix(9_999)));
    ByteFingerprint.CopyDiffers e =
        assertThrows(ByteFingerprint.CopyDiffers.class, copy::readAllBytes);
    assertTrue(e.getMessage().contains("has only 9999 bytes, but 10000"), e.getMessage());
  }

  @Test
  void skippedBytesAreCheckedToo() throws IOException {
    fingerprint.follow(stream(file)).readNBytes(4000);
    byte[] changed = file.clone();
    changed[10] ^= 1;

    InputStream copy = fingerprint.follow(stream(changed));
    assertThrows(ByteFingerprint.CopyDiffers.class, () -> copy.skip(100));
  }

  private byte[] prefix(int length) {
    return Arrays.copyOf(file, length);
  }

  private static InputStream stream(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new SplittableRandom(3).nextBytes(bytes);
    return bytes;
  }
}
