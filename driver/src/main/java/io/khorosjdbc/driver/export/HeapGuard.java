package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.error.SqlState;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;

/**
 * Turns a foreseeable out-of-memory into a clear query error. When a heap pool is still more than
 * {@value #LIMIT_PERCENT}% full right after a garbage collection of it, the JVM is about to fail
 * with an OutOfMemoryError, which in a tool like DBeaver takes more down than the query. A scan
 * streams its rows in constant memory, so what fills the heap is what the query (or the program
 * reading it) keeps: ORDER BY, GROUP BY with many groups, COUNT(DISTINCT), joins, or every row held
 * by the client. The next batch of rows then fails the query instead, naming the cure.
 */
final class HeapGuard {
  static final int LIMIT_PERCENT = 90;

  /**
   * Reading a pool's usage is a call into the JVM that costs tens of microseconds, as much as
   * handing over a thousand rows; checking at most this often is as early in practice.
   */
  private static final long INTERVAL_NANOS = 10_000_000L;

  private static volatile long nextCheckNanos = System.nanoTime();

  /**
   * The heap pools that hold what survives (G1's, Parallel's or Serial's old generation, ZGC's
   * heap): the ones with a usage threshold. Eden and survivor spaces are full after a collection by
   * design (what does not fit moves on to the old generation), so they say nothing.
   */
  private static final List<MemoryPoolMXBean> POOLS =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .filter(MemoryPoolMXBean::isUsageThresholdSupported)
          .filter(MemoryPoolMXBean::isCollectionUsageThresholdSupported)
          .toList();

  private HeapGuard() {}

  /**
   * Throws if a heap pool is nearly full after its last collection (looked at every {@value
   * #INTERVAL_NANOS} ns at most).
   *
   * @param reading what the query is reading, for the message (described only when it fails)
   */
  static void check(ExportSpec reading) {
    long now = System.nanoTime();
    if (now - nextCheckNanos < 0) {
      return;
    }
    nextCheckNanos = now + INTERVAL_NANOS;
    for (MemoryPoolMXBean pool : POOLS) {
      MemoryUsage afterGc = pool.getCollectionUsage();
      if (afterGc != null
          && afterGc.getMax() > 0
          && afterGc.getUsed() * 100 > afterGc.getMax() * LIMIT_PERCENT) {
        throw new ExportException(
            SqlState.OUT_OF_MEMORY, message(reading.describe(), pool.getName(), afterGc));
      }
    }
  }

  private static String message(String what, String pool, MemoryUsage afterGc) {
    return String.format(
        Locale.ROOT,
        "the query stopped while reading %s because the Java heap is nearly full: %s holds %d of"
            + " %d MB even after garbage collection (-Xmx %d MB). A plain SELECT streams in"
            + " constant memory; what grows is what the query keeps (ORDER BY, GROUP BY with many"
            + " groups, COUNT(DISTINCT), joins) or the rows the program holds. Give the JVM a"
            + " larger heap (-Xmx; in DBeaver, -Xmx in dbeaver.ini), narrow the window or the"
            + " WHERE clause, or aggregate fewer distinct values",
        what,
        pool,
        afterGc.getUsed() >> 20,
        afterGc.getMax() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }
}
