package io.khorosjdbc.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The child JVM of the peak-heap bench (started with a small -Xmx): runs one full scan through the
 * driver against the parent's emulator and prints one line {@code RESULT rows=.. peakUsed=..
 * peakAfterGc=.. millis=..}, or {@code RESULT error=..}. Peak heap use is the larger of the heap
 * just before each GC (GC notifications) and samples every 5 ms (MemoryMXBean); the heap just after
 * each GC is the live set.
 *
 * <p>Arguments: baseUrl companyKey user password schemaFile column,column,.. startIso endIso
 */
public final class HeapProbe {
  private HeapProbe() {}

  private static long heapUsed(Map<String, MemoryUsage> pools, Set<String> heapPools) {
    return pools.entrySet().stream()
        .filter(e -> heapPools.contains(e.getKey()))
        .mapToLong(e -> e.getValue().getUsed())
        .sum();
  }

  public static void main(String[] args) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    Set<String> heapPools = new HashSet<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    AtomicLong peakUsed = new AtomicLong();
    AtomicLong peakAfterGc = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (n, h) -> {
                if (n.getType()
                    .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                  GcInfo info =
                      GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
                          .getGcInfo();
                  // Heap use only grows between collections: its peaks are the totals just before
                  // them.
                  peakUsed.accumulateAndGet(
                      heapUsed(info.getMemoryUsageBeforeGc(), heapPools), Math::max);
                  peakAfterGc.accumulateAndGet(
                      heapUsed(info.getMemoryUsageAfterGc(), heapPools), Math::max);
                }
              },
              null,
              null);
    }
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    try {
      Harness.Schema schema = new Harness.Schema(Path.of(args[4]), List.of(args[5].split(",")));
      Harness.Window window = Harness.Window.of(args[6], args[7]);
      long t0 = System.nanoTime();
      Harness.Drained d;
      try (Connection c = Harness.connect(args[0], args[1], args[2], args[3], schema, Map.of())) {
        d = Harness.drain(c, Harness.selectAll(schema, window));
      }
      long millis = (System.nanoTime() - t0) / 1_000_000;
      peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      System.out.println(
          "RESULT rows="
              + d.rows()
              + " peakUsed="
              + peakUsed.get()
              + " peakAfterGc="
              + peakAfterGc.get()
              + " max="
              + memory.getHeapMemoryUsage().getMax()
              + " millis="
              + millis);
      System.exit(0);
    } catch (Throwable e) {
      String message = String.valueOf(e).replace('\n', ' ');
      System.out.println("RESULT error=" + message + " peakUsed=" + peakUsed.get());
      System.exit(1);
    }
  }
}
