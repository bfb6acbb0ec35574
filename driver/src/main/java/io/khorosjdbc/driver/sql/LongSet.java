package io.khorosjdbc.driver.sql;

/**
 * A set of longs in one array (open addressing, linear probing, at most half full). It is what
 * {@code COUNT(DISTINCT)} of an id column needs: a {@code HashSet<Long>} costs an entry object per
 * value and a cache miss more per look-up, which on a large export is most of the query's time.
 */
final class LongSet {
  private static final long SPREAD = 0x9E3779B97F4A7C15L; // 2^64 / golden ratio: mixes all bits

  private long[] slots = new long[16]; // 0 marks a free slot; the value 0 is kept aside
  private int shift = Long.SIZE - 4; // the slot is the top log2(slots.length) bits of the mix
  private int nonZero;
  private boolean zero;

  /** Adds {@code value}; false if it was there already. */
  boolean add(long value) {
    if (value == 0) {
      boolean added = !zero;
      zero = true;
      return added;
    }
    int mask = slots.length - 1;
    for (int i = slot(value); ; i = (i + 1) & mask) {
      if (slots[i] == value) {
        return false;
      }
      if (slots[i] == 0) {
        slots[i] = value;
        if (++nonZero * 2 > slots.length) {
          grow();
        }
        return true;
      }
    }
  }

  int size() {
    return nonZero + (zero ? 1 : 0);
  }

  private int slot(long value) {
    return (int) ((value * SPREAD) >>> shift);
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    shift--;
    int mask = slots.length - 1;
    for (long value : old) {
      if (value != 0) {
        int i = slot(value);
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = value;
      }
    }
  }
}
