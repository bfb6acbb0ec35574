package io.khorosjdbc.driver.budget;

import io.khorosjdbc.emulator.http.JournalEntry;
import java.util.List;

/** What a test reads off the emulator's journal about the request budget. */
final class Journals {
  private Journals() {}

  /** API requests (not the pre-signed file fetches, which go to storage). */
  static List<JournalEntry> apiRequests(List<JournalEntry> journal) {
    return journal.stream().filter(e -> !e.route().equals("file")).toList();
  }

  /** The most entries that fall inside any window of {@code windowMillis}. */
  static int mostInAnyWindow(List<JournalEntry> entries, long windowMillis) {
    int most = 0;
    for (int i = 0; i < entries.size(); i++) {
      long end = entries.get(i).time() + windowMillis;
      int count = 0;
      for (JournalEntry entry : entries.subList(i, entries.size())) {
        if (entry.time() < end) {
          count++;
        }
      }
      most = Math.max(most, count);
    }
    return most;
  }

  static long throttled(List<JournalEntry> journal) {
    return journal.stream().filter(e -> e.status() == 429).count();
  }

  static long creates(List<JournalEntry> journal) {
    return journal.stream().filter(e -> e.route().equals("create")).count();
  }
}
