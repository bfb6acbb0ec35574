package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Half-open versus end-inclusive windows, and what conversationReportType selects. */
class WindowSemanticsTest {
  private static List<Map<String, String>> rows(KhorosEmulator emu, String export, String query) {
    return ApiClient.jsonRows(new ApiClient(emu).groundTruth(export, query + "&timezone=UTC"));
  }

  @Test
  void anEventAtExactlyEndTimeBelongsToTheNextWindowUnlessEndInclusive() {
    try (KhorosEmulator halfOpen =
            KhorosEmulator.builder().dateFormat(DateFormatStyle.EPOCH).build().start();
        KhorosEmulator inclusive =
            KhorosEmulator.builder()
                .dateFormat(DateFormatStyle.EPOCH)
                .endInclusive(true)
                .build()
                .start()) {
      List<Map<String, String>> day = rows(halfOpen, "response", Windows.days(Windows.MONDAY, 1));
      long t = Long.parseLong(day.get(day.size() / 2).get("RESPONSE_TIME"));
      String upToT = "startTime=" + Windows.MONDAY + "&endTime=" + t;
      String fromT = "startTime=" + t + "&endTime=" + (Windows.MONDAY + Windows.DAY);
      long atT = day.stream().filter(r -> Long.parseLong(r.get("RESPONSE_TIME")) == t).count();

      List<Map<String, String>> before = rows(halfOpen, "response", upToT);
      List<Map<String, String>> after = rows(halfOpen, "response", fromT);
      assertTrue(before.stream().allMatch(r -> Long.parseLong(r.get("RESPONSE_TIME")) < t));
      assertEquals(
          day.size(),
          before.size() + after.size(),
          "adjacent half-open windows neither drop nor double-count");

      List<Map<String, String>> beforeInclusive = rows(inclusive, "response", upToT);
      assertEquals(before.size() + atT, beforeInclusive.size());
      assertEquals(
          String.valueOf(t), beforeInclusive.get(beforeInclusive.size() - 1).get("RESPONSE_TIME"));
    }
  }

  @Test
  void conversationReportTypeSelectsOpenAtEndClosedInOrCreatedInTheWindow() {
    try (KhorosEmulator emu =
        KhorosEmulator.builder().dateFormat(DateFormatStyle.EPOCH).build().start()) {
      long start = Windows.MONDAY;
      long end = start + Windows.DAY;
      String window =
          Windows.days(start, 1)
              + "&reportMetrics=CONVERSATION_ID&reportMetrics=STATUS"
              + "&reportMetrics=CREATED_TIME&reportMetrics=CLOSED_TIME";

      List<Map<String, String>> open = rows(emu, "conversation", window);
      assertFalse(open.isEmpty());
      assertEquals(
          open,
          rows(emu, "conversation", window + "&conversationReportType=OPEN_AT_END"),
          "OPEN_AT_END is the default");
      for (Map<String, String> r : open) {
        assertTrue(Long.parseLong(r.get("CREATED_TIME")) < end);
        assertNull(r.get("CLOSED_TIME"));
        assertTrue(List.of("OPEN", "PENDING").contains(r.get("STATUS")));
      }
      assertTrue(
          open.stream().anyMatch(r -> Long.parseLong(r.get("CREATED_TIME")) < start),
          "older conversations still open count");

      List<Map<String, String>> closed =
          rows(emu, "conversation", window + "&conversationReportType=CLOSED");
      assertFalse(closed.isEmpty());
      for (Map<String, String> r : closed) {
        assertNotNull(r.get("CLOSED_TIME"));
        long c = Long.parseLong(r.get("CLOSED_TIME"));
        assertTrue(c >= start && c < end);
        assertEquals("CLOSED", r.get("STATUS"));
      }

      List<Map<String, String>> created =
          rows(emu, "conversation", window + "&conversationReportType=CREATED");
      assertFalse(created.isEmpty());
      assertTrue(
          created.stream()
              .allMatch(
                  r ->
                      Long.parseLong(r.get("CREATED_TIME")) >= start
                          && Long.parseLong(r.get("CREATED_TIME")) < end));
      assertTrue(
          created.stream().anyMatch(r -> r.get("CLOSED_TIME") == null)
              && created.stream().anyMatch(r -> r.get("CLOSED_TIME") != null),
          "status and close time are as of endTime");
    }
  }
}
