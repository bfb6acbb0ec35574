package io.khorosjdbc.bench;

import io.khorosjdbc.bench.Harness.Schema;
import io.khorosjdbc.bench.Harness.Window;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code java -jar bench/target/khoros-bench.jar [--quick] [--only=poll,scan,heap,parallel,cache,bytes]}:
 * starts the emulator in this JVM, measures the driver and a baseline for each metric in the same
 * run, and prints one table (see docs/performance.md). Machines are noisy: read the ratios, not
 * the absolute numbers. Progress goes to stderr, the table to stdout.
 */
public final class Bench {
  static final List<String> SECTIONS = List.of("poll", "scan", "heap", "parallel", "cache",
      "bytes");

  /** What a run measures; --quick is sized to finish in under 2 minutes on 2 cores. */
  record Settings(boolean quick, List<Long> pollDurations, int scanRowsPerDay, Window scanWindow,
      int scanReps, Window heapWindow, int parallelRowsPerDay, long parallelMsPer1kRows,
      List<String> splits, Window cacheWindow, Window bytesWindow) {

    static Settings forQuick() {
      return new Settings(true, List.of(1_000L, 3_000L, 8_000L), 100_000,
          Window.days("2019-03-04T00:00", 10), 1, Window.days("2019-03-04T00:00", 10),
          200, 600, List.of("7d"), Window.days("2019-01-01T00:00", 30),
          Window.of("2019-03-04T06:00", "2019-03-04T12:00"));
    }

    static Settings forFull() {
      return new Settings(false, List.of(1_000L, 3_000L, 8_000L, 30_000L, 120_000L), 100_000,
          Window.days("2019-03-04T00:00", 10), 3, Window.days("2019-03-04T00:00", 50),
          200, 1_000, List.of("7d", "1d"), Window.days("2019-01-01T00:00", 30),
          Window.of("2019-03-04T06:00", "2019-03-04T12:00"));
    }
  }

  private Bench() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Set<String> only = new LinkedHashSet<>(SECTIONS);
    for (String arg : args) {
      if (arg.equals("--quick")) {
        quick = true;
      } else if (arg.startsWith("--only=")) {
        only = new LinkedHashSet<>(Arrays.asList(arg.substring(7).split(",")));
        only.removeIf(s -> !SECTIONS.contains(s));
      } else {
        System.err.println("usage: java -jar khoros-bench.jar [--quick] [--only="
            + String.join(",", SECTIONS) + "]");
        System.exit(arg.equals("--help") ? 0 : 2);
      }
    }
    Settings settings = quick ? Settings.forQuick() : Settings.forFull();
    long t0 = System.nanoTime();
    ResultTable table = new ResultTable();
    Path tmp = Files.createTempDirectory("khoros-bench");
    try {
      run(settings, only, table, tmp);
    } finally {
      deleteTree(tmp);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.println();
    System.out.printf(Locale.ROOT, "khoros-jdbc bench (%s): %d cores, Java %s, max heap %d MB;"
            + " ratios are measured in this run, absolute numbers vary between machines%n%n",
        quick ? "--quick" : "full", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    System.out.print(table.format());
    System.out.printf(Locale.ROOT, "%ntotal %.0f s%n", seconds);
  }

  static void run(Settings s, Set<String> only, ResultTable table, Path tmp) throws Exception {
    Set<String> props = Harness.driverProperties();
    Harness.progress("pinning the columns of " + Harness.TABLE);
    Schema schema = Harness.pinSchema(tmp);

    if (only.contains("poll")) {
      section(table, "poll overshoot", "≤ 5% of job + 250 ms",
          () -> PollingBench.run(table, schema, s.pollDurations()));
    }
    if (only.contains("scan") || only.contains("heap") || only.contains("bytes")) {
      try (KhorosEmulator emu = KhorosEmulator.builder().rowsPerDay(s.scanRowsPerDay())
          .jobLatencyMillis(0).rateLimit(RateLimit.OFF).build().start()) {
        if (only.contains("scan")) {
          section(table, "full scan", "≥ 1M rows/s, ≤ 3× DuckDB", () -> ScanBench.run(table,
              schema, emu, s.scanWindow(), s.scanReps(), tmp, props, !s.quick()));
        }
        if (only.contains("heap")) {
          // conversation_actions holds about 1.03 × rowsPerDay rows a day (docs/emulator.md).
          long expected = Math.round(1.03 * s.scanRowsPerDay() * s.heapWindow().days());
          section(table, "peak heap", "completes within 128 MB", () -> HeapBench.run(table,
              schema, emu, s.heapWindow(), expected, s.quick()));
        }
        if (only.contains("bytes")) {
          section(table, "bytes, 3 columns vs all", "≤ 1.2 × 3/N",
              () -> BytesBench.run(table, schema, emu, s.bytesWindow(), tmp));
        }
      }
    }
    if (only.contains("parallel") || only.contains("cache")) {
      try (KhorosEmulator emu = KhorosEmulator.builder().rowsPerDay(s.parallelRowsPerDay())
          .jobMsPer1kRows(s.parallelMsPer1kRows()).rateLimit(RateLimit.OFF).build().start()) {
        if (only.contains("parallel")) {
          section(table, "90-day window, 4-way vs serial", "4-way ≥ 3× faster",
              () -> ParallelBench.run(table, schema, emu, s.splits(), !s.quick(), props));
        }
        if (only.contains("cache")) {
          section(table, "repeat query, cache=true", "0 API calls, ≥ 20× faster",
              () -> CacheBench.run(table, schema, emu, s.cacheWindow(), tmp, props));
        }
      }
    }
  }

  interface Section {
    void run() throws Exception;
  }

  /** Runs one bench; a failure becomes an ERROR row instead of ending the run. */
  private static void section(ResultTable table, String metric, String target, Section section) {
    long t0 = System.nanoTime();
    try {
      section.run();
      Harness.progress(String.format(Locale.ROOT, "%s: %.1f s", metric,
          (System.nanoTime() - t0) / 1e9));
    } catch (Exception | OutOfMemoryError e) {
      e.printStackTrace();
      table.error(metric, PollingBench.rootMessage(e), target);
    }
  }

  static void deleteTree(Path root) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      Harness.progress("could not delete " + root + ": " + e.getMessage());
    }
  }
}
