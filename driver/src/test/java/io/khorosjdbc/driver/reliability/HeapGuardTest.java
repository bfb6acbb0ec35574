package io.khorosjdbc.driver.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.QueryProcess;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A query whose memory grows with its rows fails with a clear error (SQLState 53200) before the JVM
 * runs out of memory, while a plain SELECT of the same rows streams in the same small heap, and a
 * distinct count of a million numeric ids fits in it.
 */
@Tag("slow")
class HeapGuardTest {
  /**
   * Too small for a million ids kept as strings (about 100 MB), large enough for them as numbers at
   * their peak: while the id set doubles, its old and new arrays (8 + 16 MB) and the driver's own
   * 15 MB take 40 MB, 73% of Serial's 54 MB old generation here and under the guard's 90%. At
   * -Xmx64m a full collection that fell in that moment left 94% and tripped the guard.
   */
  private static final List<String> SMALL_HEAP = List.of("-Xmx80m", "-XX:+UseSerialGC");

  private static final String WINDOW =
      " FROM conversation_actions WHERE WINDOW_START >= TIMESTAMP '2019-03-01 00:00:00'"
          + " AND WINDOW_END <= TIMESTAMP '2019-03-11 00:00:00'";

  @Test
  void aDistinctCountThatOutgrowsTheHeapFailsWithAClearErrorNotAnOutOfMemoryError()
      throws Exception {
    try (EmulatorFixture emu = emulator()) {
      Process child = start(emu, "SELECT COUNT(DISTINCT ACTION_DETAIL || ACTION_ID)" + WINDOW);

      String err = new String(child.getErrorStream().readAllBytes());
      assertEquals(1, child.waitFor(), err);
      assertTrue(err.contains("SQLSTATE 53200"), err);
      assertTrue(err.contains("the Java heap is nearly full"), err);
      assertTrue(err.contains("COUNT(DISTINCT)"), err);
      assertFalse(err.contains("OutOfMemoryError"), err);
    }
  }

  /** Numeric ids (here as strings) are counted as numbers: 16-32 bytes each, not about 100. */
  @Test
  void aDistinctCountOfAMillionIdsThatAreNumbersFitsInTheSameHeap() throws Exception {
    try (EmulatorFixture emu = emulator()) {
      Process child = start(emu, "SELECT COUNT(DISTINCT ACTION_ID), COUNT(*)" + WINDOW);

      List<String> rows = QueryProcess.rows(child);
      String[] counts = rows.get(0).split("\\|");
      assertTrue(Long.parseLong(counts[1]) > 900_000, rows.toString());
      assertEquals(counts[1], counts[0], "every action has an id of its own");
    }
  }

  @Test
  void aPlainSelectOfTheSameRowsStreamsInTheSameHeap() throws Exception {
    try (EmulatorFixture emu = emulator()) {
      Process child =
          start(emu, "SELECT COUNT(*) FROM (SELECT ACTION_DETAIL || ACTION_ID" + WINDOW + ")");

      List<String> rows = QueryProcess.rows(child);
      assertTrue(Long.parseLong(rows.get(0)) > 900_000, rows.toString());
    }
  }

  private static EmulatorFixture emulator() {
    return new EmulatorFixture(
        KhorosEmulator.builder()
            .seed(42)
            .rowsPerDay(100_000)
            .jobLatencyMillis(10)
            .rateLimit(RateLimit.OFF));
  }

  private static Process start(EmulatorFixture emu, String sql) throws Exception {
    return QueryProcess.start(
        SMALL_HEAP,
        emu.url("splitWindow=none"),
        emu.emulator().user(),
        emu.emulator().password(),
        sql);
  }
}
