package io.khorosjdbc.driver.correctness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.correctness.oracle.GroundTruth;
import io.khorosjdbc.driver.correctness.oracle.Reports;
import io.khorosjdbc.driver.correctness.oracle.Reports.Report;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the oracle takes for granted about the API, checked against the emulator (see
 * docs/correctness.md, "Assumptions"). If Khoros behaves otherwise, the oracle is wrong, not
 * necessarily the driver.
 */
class EmulatorAssumptionsTest {
  private static Suite suite;

  @BeforeAll
  static void start() throws Exception {
    suite = new Suite();
  }

  @AfterAll
  static void stop() throws Exception {
    suite.close();
  }

  private static GroundTruth.Export export(
      String table, long start, long end, Map<String, String> params) {
    return suite.truth.export(Reports.ALL.get(table), start, end, params);
  }

  /** Event exports are half-open: two adjacent windows hold exactly the rows of their union. */
  @Test
  void adjacentEventWindowsPartitionTheirUnion() {
    for (Report r : Reports.ALL.values()) {
      if (r.kind() != Reports.Kind.EVENT) {
        continue;
      }
      long a = suite.base + 9 * World.HOUR;
      long b = suite.base + 10 * World.HOUR + 17_000;
      long c = suite.base + 12 * World.HOUR;
      int union = export(r.table(), a, c, Map.of()).rows().size();
      int parts =
          export(r.table(), a, b, Map.of()).rows().size()
              + export(r.table(), b, c, Map.of()).rows().size();
      assertEquals(union, parts, r.table());
    }
  }

  /** An explicit default parameter value selects the same rows as no parameter at all. */
  @Test
  void anExplicitDefaultEqualsTheAbsentParameter() {
    long a = suite.base + 9 * World.HOUR;
    long b = a + 3 * World.HOUR;
    assertEquals(
        rows(export("response_approval", a, b, Map.of())),
        rows(export("response_approval", a, b, Map.of("includeDisabled", "false"))));
    assertEquals(
        rows(export("conversation", a, b, Map.of())),
        rows(export("conversation", a, b, Map.of("conversationReportType", "OPEN_AT_END"))));
  }

  /**
   * CSV and JSON exports hold the same rows, an empty CSV field being JSON null; but a CSV file of
   * a single column writes an absent value as an empty line (not {@code ""}), which a reader that
   * skips blank lines loses.
   */
  @Test
  void aOneColumnCsvWritesAnAbsentValueAsAnEmptyLine() {
    long start = suite.windowWithAnAbsentHandleTime();
    String csv = suite.truth.raw(suite.handleTimeExport(start, "csv")).body();
    String json = suite.truth.raw(suite.handleTimeExport(start, "json")).body();
    assertTrue(json.contains("null"), json);
    assertTrue(csv.contains("\r\n\r\n"), csv);
    List<String> lines = Arrays.asList(csv.split("\r\n", -1));
    assertEquals(json.split("\\{").length - 1, lines.size() - 2, csv); // header, final CRLF
  }

  /**
   * Conversation rows report their state as of endTime: the same conversations (selected by
   * creation time) exported with a later endTime can show a first response or a close that an
   * earlier endTime does not. So an export cut short is not the window's export.
   */
  @Test
  void conversationStateIsAsOfTheExportsEnd() {
    boolean differs = false;
    for (int h = 8; h < 60 && !differs; h += 4) {
      long start = suite.base + h * World.HOUR;
      GroundTruth.Export early =
          export(
              "conversation",
              start,
              start + World.HOUR,
              Map.of("conversationReportType", "CREATED"));
      GroundTruth.Export late =
          export(
              "conversation",
              start,
              start + 4 * World.HOUR,
              Map.of("conversationReportType", "CREATED"));
      List<String> inFirstHour =
          late.rows().stream()
              .filter(r -> early.rows().stream().anyMatch(e -> e[0].equals(r[0])))
              .map(Arrays::toString)
              .toList();
      assertEquals(early.rows().size(), inFirstHour.size(), "the same conversations");
      differs = !rows(early).equals(inFirstHour);
    }
    assertTrue(differs, "some conversation's state changes between the two ends");
  }

  private static List<String> rows(GroundTruth.Export e) {
    return e.rows().stream().map(Arrays::toString).toList();
  }
}
