package io.khorosjdbc.bench;

import io.khorosjdbc.emulator.http.JournalEntry;
import java.util.Comparator;
import java.util.List;

/** What the budget rows read off the emulator's journal. */
final class Requests {
  private Requests() {}

  /**
   * API requests, the ones the tenant's budget counts, in arrival order: everything but the
   * pre-signed file fetches, which go to storage. Refused ones (429) included.
   */
  static List<JournalEntry> api(List<JournalEntry> journal) {
    return journal.stream()
        .filter(e -> !e.route().equals("file"))
        .sorted(Comparator.comparingLong(JournalEntry::time).thenComparingLong(JournalEntry::seq))
        .toList();
  }

  /** The entries that arrived in {@code [from, to]}, in arrival order. */
  static List<JournalEntry> between(List<JournalEntry> journal, long from, long to) {
    return journal.stream()
        .filter(e -> e.time() >= from && e.time() <= to)
        .sorted(Comparator.comparingLong(JournalEntry::time).thenComparingLong(JournalEntry::seq))
        .toList();
  }

  static int throttled(List<JournalEntry> entries) {
    return (int) entries.stream().filter(e -> e.status() == 429).count();
  }

  static int count(List<JournalEntry> entries, String route) {
    return (int) entries.stream().filter(e -> e.route().equals(route)).count();
  }

  /**
   * Whether the budget held {@code request} back: a budget of {@code permits} per {@code
   * spanMillis} lets a request go as soon as the {@code permits}-th request before it leaves the
   * span, so a request that waited arrives about {@code spanMillis} after that predecessor (up to
   * {@code slackMillis} later, for the time between taking the slot and arriving), while one that
   * did not wait arrives later than that or not at all. {@code api} holds every API request of the
   * tenant in arrival order.
   */
  static boolean heldBack(
      List<JournalEntry> api,
      JournalEntry request,
      int permits,
      long spanMillis,
      long slackMillis) {
    int index = api.indexOf(request);
    if (index < permits) {
      return false;
    }
    long gap = request.time() - api.get(index - permits).time();
    return gap >= spanMillis - slackMillis && gap <= spanMillis + slackMillis;
  }

  /**
   * The most entries that arrived within any window of {@code windowMillis}, counted as the
   * emulator counts: an entry at {@code t} is in the window starting at {@code s} when {@code s <=
   * t < s + windowMillis}. Entries must be in arrival order.
   */
  static int mostInAnyWindow(List<JournalEntry> entries, long windowMillis) {
    int most = 0;
    int first = 0;
    for (int last = 0; last < entries.size(); last++) {
      while (entries.get(last).time() - entries.get(first).time() >= windowMillis) {
        first++;
      }
      most = Math.max(most, last - first + 1);
    }
    return most;
  }
}
