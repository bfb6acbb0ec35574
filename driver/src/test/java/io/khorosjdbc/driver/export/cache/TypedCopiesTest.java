package io.khorosjdbc.driver.export.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.format.ColumnBatch.Kind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypedCopiesTest {
  private final TypedCopies copies = new TypedCopies();

  private static ExportCache.Entry entry(String body, long createdAt) {
    return new ExportCache.Entry(
        Path.of("/cache/tenant/slot").resolve(body),
        new ExportCache.Meta(
            body, "response", 0, 1, "{}", "csv", List.of("A", "B"), 10, createdAt));
  }

  private static CopyLayout layout(String conversion, String... columns) {
    return new CopyLayout(
        conversion, List.of(columns), List.of(columns).stream().map(c -> Kind.STRING).toList());
  }

  private static TypedCopy copy(CopyLayout layout, long bytes) {
    return new TypedCopy(layout, List.of(), 0, bytes);
  }

  @Test
  void aCopyServesQueriesOfItsEntryThatNeedItsColumnsOrFewerConvertedAlike() {
    TypedCopy kept = copy(layout("UTC", "A VARCHAR", "B BIGINT"), 100);
    copies.keep(entry("e1", 5), kept, 1_000);

    assertSame(kept, copies.find(entry("e1", 5), layout("UTC", "B BIGINT")).orElseThrow());
    assertFalse(copies.find(entry("e1", 5), layout("UTC", "C VARCHAR")).isPresent());
    assertFalse(copies.find(entry("e1", 5), layout("UTC", "B VARCHAR")).isPresent(), "type");
    assertFalse(copies.find(entry("e1", 5), layout("CET", "B BIGINT")).isPresent(), "zone");
    assertFalse(copies.find(entry("e1", 6), layout("UTC", "B BIGINT")).isPresent(), "rewritten");
    assertFalse(copies.find(entry("e2", 5), layout("UTC", "B BIGINT")).isPresent(), "other");
  }

  @Test
  void aWiderCopyReplacesTheNarrowerOnesOfItsEntry() {
    copies.keep(entry("e1", 5), copy(layout("UTC", "A VARCHAR"), 100), 1_000);
    TypedCopy wider = copy(layout("UTC", "A VARCHAR", "B BIGINT"), 150);
    copies.keep(entry("e1", 5), wider, 1_000);

    assertSame(wider, copies.find(entry("e1", 5), layout("UTC", "A VARCHAR")).orElseThrow());
    assertEquals(150, copies.bytes());
  }

  @Test
  void theLeastRecentlyUsedCopiesGoWhenTheBudgetIsExceeded() {
    copies.keep(entry("e1", 5), copy(layout("UTC", "A VARCHAR"), 400), 1_000);
    copies.keep(entry("e2", 5), copy(layout("UTC", "A VARCHAR"), 400), 1_000);
    copies.find(entry("e1", 5), layout("UTC", "A VARCHAR")); // e1 is now the most recent

    copies.keep(entry("e3", 5), copy(layout("UTC", "A VARCHAR"), 400), 1_000);

    assertTrue(copies.find(entry("e1", 5), layout("UTC", "A VARCHAR")).isPresent());
    assertFalse(copies.find(entry("e2", 5), layout("UTC", "A VARCHAR")).isPresent());
    assertTrue(copies.find(entry("e3", 5), layout("UTC", "A VARCHAR")).isPresent());
    assertEquals(800, copies.bytes());
  }

  @Test
  void emptyingACacheDirectoryForgetsItsCopiesOnly() {
    copies.keep(entry("e1", 5), copy(layout("UTC", "A VARCHAR"), 100), 1_000);
    ExportCache.Entry elsewhere =
        new ExportCache.Entry(
            Path.of("/other/tenant/slot/e9"),
            new ExportCache.Meta("e9", "response", 0, 1, "{}", "csv", List.of("A"), 10, 5));
    copies.keep(elsewhere, copy(layout("UTC", "A VARCHAR"), 100), 1_000);

    copies.forget(Path.of("/cache"));

    assertFalse(copies.find(entry("e1", 5), layout("UTC", "A VARCHAR")).isPresent());
    assertTrue(copies.find(elsewhere, layout("UTC", "A VARCHAR")).isPresent());
    assertEquals(100, copies.bytes());
  }
}
