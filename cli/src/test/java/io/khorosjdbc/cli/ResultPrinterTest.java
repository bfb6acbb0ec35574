package io.khorosjdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {
  @Test
  void csvQuotesOnlyWhatNeedsIt() {
    assertEquals("plain", ResultPrinter.csvField("plain"));
    assertEquals("\"a,b\"", ResultPrinter.csvField("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", ResultPrinter.csvField("say \"hi\""));
    assertEquals("\"two\nlines\"", ResultPrinter.csvField("two\nlines"));
    assertEquals("\"\"", ResultPrinter.csvField(""));
  }

  @Test
  void jsonEscapes() {
    assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", ResultPrinter.jsonString("a\"b\\c\n\u0001"));
  }

  @Test
  void progressLine() {
    assertEquals(
        "export running | 1.5 s | 0 rows", ProgressReporter.line(Map.of("running", 1), 1, 0, 1500));
    assertEquals(
        "3 exports 1 done, 2 downloading | 12.0 s | 12,345 rows",
        ProgressReporter.line(new TreeMap<>(Map.of("downloading", 2, "done", 1)), 3, 12345, 12000));
  }
}
