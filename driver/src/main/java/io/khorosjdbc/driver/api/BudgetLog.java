package io.khorosjdbc.driver.api;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link RequestBudget} knows about the tenant's recent traffic: when requests were sent,
 * and how the server last pushed back. One class for the in-memory and the shared-file budget, so
 * both decide alike; {@link BudgetFile} stores it as text. Times are wall-clock milliseconds, the
 * one clock that every process on the machine reads alike. Not thread-safe: its owner holds the
 * locks.
 *
 * <p>The text form, one item a line:
 *
 * <pre>
 * khoros-jdbc request budget 1
 * keep &lt;window ms&gt; &lt;count&gt;
 * throttled &lt;last 429 at ms&gt; &lt;consecutive 429s&gt; &lt;paused until ms&gt;
 * sent &lt;ms&gt;
 * sent &lt;ms&gt;
 * </pre>
 *
 * {@code keep} is the longest window and the largest count of any budget that has used the log:
 * entries are pruned only once no user of the file can still count them, so that a process with a
 * short window does not forget sends that one with a long window still counts. Lines with an
 * unknown keyword are ignored (room for later versions); anything else that does not parse makes
 * the whole text damaged.
 */
final class BudgetLog {

  static final String HEADER = "khoros-jdbc request budget 1";

  /** Send times, oldest first. */
  private final List<Long> sends = new ArrayList<>();

  private long pausedUntil;
  private long throttledAt;
  private int streak;
  private long keepMillis;
  private int keepCount;
  private boolean dirty;

  /**
   * Brings the log up to {@code now}: times in the future (the wall clock was set back since they
   * were written) count as now, so they hold a slot for at most one more window; the keep limits
   * grow to cover this budget's; entries no user still counts are dropped. Leaves the log clean
   * unless {@code keep} grew: pruning alone need not be written.
   */
  void settle(long now, long spanMillis, int permits) {
    for (int i = sends.size() - 1; i >= 0 && sends.get(i) > now; i--) {
      sends.set(i, now);
    }
    if (throttledAt > now) {
      pausedUntil -= throttledAt - now;
      throttledAt = now;
    }
    if (spanMillis > keepMillis || permits > keepCount) {
      keepMillis = Math.max(keepMillis, spanMillis);
      keepCount = Math.max(keepCount, permits);
      dirty = true;
    }
    int drop = Math.max(0, sends.size() - keepCount);
    while (drop < sends.size() && sends.get(drop) <= now - keepMillis) {
      drop++;
    }
    sends.subList(0, drop).clear();
  }

  /**
   * The earliest time at which fewer than {@code limit} of the logged sends fall inside a window of
   * {@code spanMillis} ending then: a send at {@code t} counts until {@code t + spanMillis}
   * (exclusive). {@link Long#MIN_VALUE} when there are fewer already.
   */
  long freeAt(int limit, long spanMillis) {
    int n = sends.size();
    return n < limit ? Long.MIN_VALUE : sends.get(n - limit) + spanMillis;
  }

  /**
   * Records a request sent at {@code now} (never earlier than the last one: see {@link #settle}).
   */
  void send(long now) {
    sends.add(now);
    dirty = true;
  }

  /**
   * Records a 429 at {@code now}: the new streak, and a pause that never ends earlier than before.
   */
  void throttle(long now, int consecutive, long pauseUntil) {
    throttledAt = now;
    streak = consecutive;
    pausedUntil = Math.max(pausedUntil, pauseUntil);
    dirty = true;
  }

  long pausedUntil() {
    return pausedUntil;
  }

  /** When the last 429 was reported; 0 if never. */
  long throttledAt() {
    return throttledAt;
  }

  int streak() {
    return streak;
  }

  int size() {
    return sends.size();
  }

  /** Whether the log changed in a way that must be written back. */
  boolean dirty() {
    return dirty;
  }

  /** Forces a write, e.g. to replace a damaged file. */
  void markDirty() {
    dirty = true;
  }

  /** Becomes a copy of {@code other}, clean: the last state seen in the shared file. */
  void copyFrom(BudgetLog other) {
    sends.clear();
    sends.addAll(other.sends);
    pausedUntil = other.pausedUntil;
    throttledAt = other.throttledAt;
    streak = other.streak;
    keepMillis = other.keepMillis;
    keepCount = other.keepCount;
    dirty = false;
  }

  String format() {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    text.append("keep ").append(keepMillis).append(' ').append(keepCount).append('\n');
    text.append("throttled ")
        .append(throttledAt)
        .append(' ')
        .append(streak)
        .append(' ')
        .append(pausedUntil)
        .append('\n');
    for (long sent : sends) {
      text.append("sent ").append(sent).append('\n');
    }
    return text.toString();
  }

  /**
   * Reads the text form; empty text is an empty log.
   *
   * @throws IllegalArgumentException when the text is damaged, saying where
   */
  static BudgetLog parse(String text) {
    BudgetLog log = new BudgetLog();
    if (text.isEmpty()) {
      return log;
    }
    String[] lines = text.split("\n", -1);
    if (!lines[0].equals(HEADER)) {
      throw new IllegalArgumentException("no '" + HEADER + "' header");
    }
    for (int i = 1; i < lines.length; i++) {
      String[] words = lines[i].split(" ");
      try {
        switch (words[0]) {
          case "" -> require(words.length == 1);
          case "keep" -> {
            require(words.length == 3);
            log.keepMillis = nonNegative(Long.parseLong(words[1]));
            log.keepCount = (int) nonNegative(Integer.parseInt(words[2]));
          }
          case "throttled" -> {
            require(words.length == 4);
            log.throttledAt = nonNegative(Long.parseLong(words[1]));
            log.streak = (int) nonNegative(Integer.parseInt(words[2]));
            log.pausedUntil = nonNegative(Long.parseLong(words[3]));
          }
          case "sent" -> {
            require(words.length == 2);
            long sent = nonNegative(Long.parseLong(words[1]));
            require(log.sends.isEmpty() || sent >= log.sends.get(log.sends.size() - 1));
            log.sends.add(sent);
          }
          default -> {
            // a later version's item
          }
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + " cannot be read");
      }
    }
    return log;
  }

  private static void require(boolean condition) {
    if (!condition) {
      throw new IllegalArgumentException();
    }
  }

  private static long nonNegative(long value) {
    require(value >= 0);
    return value;
  }
}
