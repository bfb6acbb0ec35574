package io.khorosjdbc.driver.export.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.api.ReportFormat;
import io.khorosjdbc.driver.catalog.ReportCatalog;
import io.khorosjdbc.driver.export.ExportSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCacheTest {
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final long NOW = 100 * DAY;
  private static final String FORMATTING = "en_US|UTC|endTimeInclusive=false";

  @TempDir Path dir;

  private ExportCache cache(long now, long maxBytes) {
    return new ExportCache(
        dir,
        Duration.ofMinutes(5),
        Duration.ofHours(12),
        maxBytes,
        Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC));
  }

  private static ExportSpec spec(long start, long end, List<String> metrics) {
    return new ExportSpec(
        ReportCatalog.builtIn().report("response").orElseThrow(),
        start,
        end,
        metrics,
        Map.of("priorities", List.of("1")),
        ReportFormat.CSV);
  }

  private static void put(ExportCache cache, ExportSpec spec, String body) throws IOException {
    try (ExportCache.Writer writer = cache.writer("tenant", FORMATTING, spec)) {
      writer.output().write(body.getBytes(StandardCharsets.UTF_8));
      writer.commit();
    }
  }

  @Test
  void aCommittedBodyIsFoundForTheSameExport() throws IOException {
    ExportSpec spec = spec(NOW - 3 * DAY, NOW - 2 * DAY, List.of("A", "B"));
    put(cache(NOW, 1 << 20), spec, "A,B\r\n1,2\r\n");

    ExportCache.Entry entry = cache(NOW, 1 << 20).find("tenant", FORMATTING, spec).orElseThrow();
    assertEquals("A,B\r\n1,2\r\n", Files.readString(entry.body()));
    assertEquals(List.of("A", "B"), entry.metrics());
  }

  @Test
  void aUsersJsonFileInTheCacheDirectoryIsNeitherListedNorEvictedNorCleared() throws IOException {
    Path mine = Files.writeString(dir.resolve("capture.json"), "{\"mine\": true}");
    put(cache(NOW, 1 << 20), spec(0, DAY, List.of("A")), "A\r\n1\r\n");

    assertEquals(1, cache(NOW, 1 << 20).entries().size());
    assertEquals(1, cache(NOW, 1 << 20).clear());
    assertTrue(Files.exists(mine), "the user's file is still there");
  }

  @Test
  void anEntryWithMoreColumnsServesAQueryThatNeedsFewer() throws IOException {
    put(cache(NOW, 1 << 20), spec(0, DAY, List.of("A", "B", "C")), "A,B,C\r\n");

    assertTrue(
        cache(NOW, 1 << 20)
            .find("tenant", FORMATTING, spec(0, DAY, List.of("C", "A")))
            .isPresent());
    assertFalse(
        cache(NOW, 1 << 20).find("tenant", FORMATTING, spec(0, DAY, List.of("D"))).isPresent());
  }

  @Test
  void anotherWindowTenantFormattingOrUnfinishedWriteIsAMiss() throws IOException {
    ExportCache cache = cache(NOW, 1 << 20);
    put(cache, spec(0, DAY, List.of("A")), "A\r\n");
    try (ExportCache.Writer unfinished =
        cache.writer("tenant", FORMATTING, spec(DAY, 2 * DAY, List.of("A")))) {
      unfinished.output().write(1);
    }

    assertFalse(cache.find("tenant", FORMATTING, spec(0, 2 * DAY, List.of("A"))).isPresent());
    assertFalse(cache.find("other", FORMATTING, spec(0, DAY, List.of("A"))).isPresent());
    assertFalse(cache.find("tenant", "de_DE|UTC|false", spec(0, DAY, List.of("A"))).isPresent());
    assertFalse(cache.find("tenant", FORMATTING, spec(DAY, 2 * DAY, List.of("A"))).isPresent());
  }

  @Test
  void closedWindowsLiveLongerThanRecentOnes() throws IOException {
    ExportSpec closed = spec(NOW - 3 * DAY, NOW - 2 * DAY, List.of("A"));
    ExportSpec recent = spec(NOW - DAY / 2, NOW, List.of("A"));
    put(cache(NOW, 1 << 20), closed, "A\r\n");
    put(cache(NOW, 1 << 20), recent, "A\r\n");

    ExportCache anHourLater = cache(NOW + Duration.ofHours(1).toMillis(), 1 << 20);
    assertTrue(anHourLater.find("tenant", FORMATTING, closed).isPresent());
    assertFalse(anHourLater.find("tenant", FORMATTING, recent).isPresent());
    assertFalse(cache(NOW + DAY, 1 << 20).find("tenant", FORMATTING, closed).isPresent());
  }

  @Test
  void theLeastRecentlyUsedEntriesGoWhenTheCacheIsFull() throws IOException {
    ExportCache small = cache(NOW, 25);
    put(small, spec(0, DAY, List.of("A")), "0123456789");
    put(cache(NOW + 1000, 25), spec(DAY, 2 * DAY, List.of("A")), "0123456789");
    cache(NOW + 2000, 25).find("tenant", FORMATTING, spec(0, DAY, List.of("A")));
    put(cache(NOW + 3000, 25), spec(2 * DAY, 3 * DAY, List.of("A")), "0123456789");

    ExportCache later = cache(NOW + 4000, 25);
    assertTrue(later.find("tenant", FORMATTING, spec(0, DAY, List.of("A"))).isPresent());
    assertFalse(later.find("tenant", FORMATTING, spec(DAY, 2 * DAY, List.of("A"))).isPresent());
    assertTrue(later.find("tenant", FORMATTING, spec(2 * DAY, 3 * DAY, List.of("A"))).isPresent());
  }

  @Test
  void clearRemovesEverything() throws IOException {
    ExportCache cache = cache(NOW, 1 << 20);
    put(cache, spec(0, DAY, List.of("A")), "A\r\n");
    put(cache, spec(DAY, 2 * DAY, List.of("A")), "A\r\n");

    assertEquals(2, cache.entries().size());
    assertEquals(2, cache.clear());
    assertEquals(0, cache.entries().size());
  }
}
