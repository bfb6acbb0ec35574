package io.khorosjdbc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The table-printing code only; the benches themselves never run in the test suite. */
class ResultTableTest {
  @Test
  void printsAnAlignedMarkdownTableWithNotes() {
    ResultTable table = new ResultTable();
    table.add("poll overshoot, 1.00 s job", "0.62 s", "14.0 s", "0.044", "≤ 0.30 s", false);
    table.notAvailable("cache", "not available", "0 calls");
    table.error("heap", "boom | bang", "128 MB");
    table.info("scan via emulator", "72k", "71k", "1.01×");
    table.note("first note");
    String[] lines = table.format().split("\n");
    assertEquals(
        "| metric                     | ours                | baseline | ratio | target   | result |",
        lines[0]);
    assertTrue(lines[1].matches("\\|( -+ \\|)+"), lines[1]);
    assertTrue(lines[2].endsWith("| FAIL   |"), lines[2]);
    assertTrue(lines[3].contains("| n/a    |"), lines[3]);
    assertTrue(lines[4].contains("boom \\| bang"), "pipes in cells are escaped: " + lines[4]);
    assertTrue(lines[5].endsWith("| -        | info   |"), lines[5]);
    for (int i = 1; i <= 5; i++) {
      assertEquals(lines[0].length(), lines[i].length(), "aligned: " + lines[i]);
    }
    assertEquals("", lines[6]);
    assertEquals("1. first note", lines[7]);
  }

  @Test
  void formatsNumbers() {
    assertEquals("0.62 s", ResultTable.seconds(620));
    assertEquals("14.0 s", ResultTable.seconds(14_000));
    assertEquals("1.03M", ResultTable.count(1_030_000));
    assertEquals("456k", ResultTable.count(456_000));
    assertEquals("120k rows/s", ResultTable.rate(1_200_000, 10_000));
    assertEquals("3.42×", ResultTable.ratio(3.42));
    assertEquals("128 MB", ResultTable.mib(128L << 20));
  }
}
