package io.khorosjdbc.bench;

import io.khorosjdbc.bench.Harness.Schema;
import io.khorosjdbc.bench.Harness.Window;
import io.khorosjdbc.emulator.KhorosEmulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Row 3: peak heap of a large export. A child JVM with {@code -Xmx128m} ({@link HeapProbe}) reads
 * every value of the export through the driver, with the driver's default properties, from the
 * emulator running in this JVM.
 */
final class HeapBench {
  static final int HEAP_MB = 128;

  private HeapBench() {}

  static void run(
      ResultTable table,
      Schema schema,
      KhorosEmulator emu,
      Window window,
      long expectedRows,
      long fullRows)
      throws Exception {
    String metric =
        "peak heap, "
            + ResultTable.count(expectedRows)
            + "-row export, -Xmx"
            + HEAP_MB
            + "m"
            + (expectedRows < fullRows
                ? " (--quick: reduced; the full run reads " + ResultTable.count(fullRows) + ")"
                : "");
    String target = "completes within " + HEAP_MB + " MB";
    Harness.progress("heap: child JVM with -Xmx" + HEAP_MB + "m over " + window.days() + " days");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_MB + "m",
                "-cp",
                System.getProperty("java.class.path"),
                HeapProbe.class.getName(),
                emu.baseUrl(),
                emu.companyKey(),
                emu.user(),
                emu.password(),
                schema.file().toString(),
                String.join(",", schema.columns()),
                window.start().toString(),
                window.end().toString()));
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String result = null;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("RESULT ")) {
          result = line.substring("RESULT ".length());
        }
      }
    }
    if (!child.waitFor(30, TimeUnit.MINUTES)) {
      child.destroyForcibly();
      table.error(metric, "the child JVM did not finish in 30 min", target);
      return;
    }
    Map<String, String> values = parse(result);
    long peak = Long.parseLong(values.getOrDefault("peakUsed", "0"));
    if (child.exitValue() != 0 || !values.containsKey("rows")) {
      table.add(
          metric,
          "failed: "
              + values.getOrDefault("error", "exit " + child.exitValue())
              + "; peak "
              + ResultTable.mib(peak),
          HEAP_MB + " MB cap",
          "-",
          target,
          false);
      return;
    }
    long rows = Long.parseLong(values.get("rows"));
    long afterGc = Long.parseLong(values.get("peakAfterGc"));
    long millis = Long.parseLong(values.get("millis"));
    table.add(
        metric,
        ResultTable.mib(peak)
            + " peak used, "
            + ResultTable.mib(afterGc)
            + " after GC; "
            + ResultTable.count(rows)
            + " rows OK",
        HEAP_MB + " MB cap",
        String.format(java.util.Locale.ROOT, "%.2f", peak / (HEAP_MB * 1024.0 * 1024.0)),
        target,
        rows > 0);
    table.note(
        "Peak heap: child JVM (-Xmx"
            + HEAP_MB
            + "m, default GC, default driver"
            + " properties but cache=false) read "
            + rows
            + " rows × "
            + schema.columns().size()
            + " columns in "
            + ResultTable.seconds(millis)
            + "; 'peak used' = highest heap use, garbage included (heap"
            + " pools just before each GC, and samples every 5 ms), 'after GC' = highest heap use"
            + " right after a collection (the live set).");
  }

  static Map<String, String> parse(String result) {
    Map<String, String> values = new HashMap<>();
    if (result == null) {
      values.put("error", "no result line from the child JVM");
      return values;
    }
    int error = result.indexOf("error=");
    if (error >= 0) {
      int peak = result.lastIndexOf(" peakUsed=");
      values.put("error", result.substring(error + 6, peak > error ? peak : result.length()));
      if (peak > error) {
        values.put("peakUsed", result.substring(peak + 10).trim());
      }
      return values;
    }
    for (String part : result.trim().split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        values.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return values;
  }
}
