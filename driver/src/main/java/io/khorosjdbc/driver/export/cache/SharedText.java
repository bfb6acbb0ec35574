package io.khorosjdbc.driver.export.cache;

/**
 * The distinct values of one text column, each kept once, up to a limit: what lets a typed copy
 * hold one string per value instead of one per row. Open addressing over the values' hash codes in
 * flat arrays: a HashMap's nodes, scattered in memory, made each look-up cost twice as much, on the
 * thread that parses the export.
 */
final class SharedText {
  /** How many look-ups after the limit was reached decide whether looking up still pays. */
  private static final int TRIAL = 4096;

  private final int limit;
  private int[] hashes = new int[64];
  private String[] values = new String[64];
  private int size;
  private int trialLookups;
  private int trialHits;

  /**
   * The column's values rarely repeat (ids): past the limit, fewer than half of the trial's
   * look-ups found a value, so none is made any more.
   */
  private boolean retired;

  SharedText(int limit) {
    this.limit = limit;
  }

  /**
   * The kept string equal to {@code text}; {@code text} itself when it was new and is now kept;
   * null when it is new and the limit is reached.
   */
  String share(String text) {
    if (retired) {
      return null;
    }
    String kept = findOrAdd(text);
    if (size == limit && trialLookups < TRIAL) {
      trialLookups++;
      trialHits += kept == null ? 0 : 1;
      retired = trialLookups == TRIAL && trialHits * 2 < TRIAL;
    }
    return kept;
  }

  private String findOrAdd(String text) {
    int hash = text.hashCode();
    int mask = values.length - 1;
    for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      String kept = values[slot];
      if (kept == null) {
        if (size == limit) {
          return null;
        }
        hashes[slot] = hash;
        values[slot] = text;
        if (++size * 2 > values.length) {
          grow();
        }
        return text;
      }
      if (hashes[slot] == hash && kept.equals(text)) {
        return kept;
      }
    }
  }

  private void grow() {
    int[] oldHashes = hashes;
    String[] oldValues = values;
    hashes = new int[oldValues.length * 2];
    values = new String[oldValues.length * 2];
    int mask = values.length - 1;
    for (int i = 0; i < oldValues.length; i++) {
      if (oldValues[i] != null) {
        int slot = spread(oldHashes[i]) & mask;
        while (values[slot] != null) {
          slot = (slot + 1) & mask;
        }
        hashes[slot] = oldHashes[i];
        values[slot] = oldValues[i];
      }
    }
  }

  /** Mixes the high bits in: short texts' hash codes differ mostly there. */
  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
