package io.khorosjdbc.driver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link LongSet} answers as a {@code HashSet<Long>} does, whatever the values. */
class LongSetTest {
  @Test
  void addsEachValueOnceZeroAndNegativesIncluded() {
    LongSet set = new LongSet();

    assertEquals(true, set.add(0));
    assertEquals(false, set.add(0));
    assertEquals(true, set.add(-1));
    assertEquals(true, set.add(Long.MIN_VALUE));
    assertEquals(true, set.add(Long.MAX_VALUE));
    assertEquals(false, set.add(-1));
    assertEquals(4, set.size());
  }

  @Test
  void agreesWithAHashSetThroughManyGrowthsAndCollidingValues() {
    Random random = new Random(42);
    LongSet set = new LongSet();
    Set<Long> expected = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      // ids close together, multiples of a power of two (same low bits), and repeats
      long value =
          switch (i % 3) {
            case 0 -> 431_000_000_000L + random.nextInt(50_000);
            case 1 -> (long) random.nextInt(50_000) << 32;
            default -> random.nextLong();
          };
      assertEquals(expected.add(value), set.add(value), "adding " + value);
    }
    assertEquals(expected.size(), set.size());
  }
}
