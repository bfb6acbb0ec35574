package io.khorosjdbc.driver.api;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.khorosjdbc.driver.api.RequestBudget.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Sends through a budget as a pool of connections does, and checks the sliding-window promise. */
final class SendTimes {

  private SendTimes() {}

  /**
   * {@code threads} threads each acquire {@code each} times at once; returns every send time
   * (System.nanoTime).
   */
  static List<Long> fromThreads(RequestBudget budget, int threads, int each)
      throws InterruptedException {
    List<Long> sent = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Priority priority = t % 2 == 0 ? Priority.INTERACTIVE : Priority.BACKGROUND;
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    budget.acquire(priority, () -> false);
                    sent.add(System.nanoTime());
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              },
              "sender-" + t);
      thread.start();
      started.add(thread);
    }
    start.countDown();
    for (Thread thread : started) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }
    if (!failures.isEmpty()) {
      throw new AssertionError("a sender failed", failures.get(0));
    }
    assertTrue(sent.size() == threads * each, "every sender finished: " + sent.size());
    return sortedCopy(sent);
  }

  static List<Long> sortedCopy(List<Long> times) {
    List<Long> sorted = new ArrayList<>(times);
    Collections.sort(sorted);
    return sorted;
  }

  /**
   * No window of length {@code window} (half-open, anywhere) holds more than {@code permits} of the
   * {@code sends} (nanosecond times).
   */
  static void assertAtMostInAnyWindow(List<Long> sends, int permits, Duration window) {
    List<Long> sorted = sortedCopy(sends);
    for (int i = 0; i + permits < sorted.size(); i++) {
      long apart = sorted.get(i + permits) - sorted.get(i);
      if (apart < window.toNanos()) {
        fail(
            "sends "
                + i
                + " and "
                + (i + permits)
                + " are only "
                + apart / 1_000_000.0
                + " ms apart, so "
                + (permits + 1)
                + " requests fall inside one window of "
                + window.toMillis()
                + " ms; sends (ms): "
                + relativeMillis(sorted));
      }
    }
  }

  static List<Long> relativeMillis(List<Long> sortedNanos) {
    List<Long> millis = new ArrayList<>();
    for (long time : sortedNanos) {
      millis.add((time - sortedNanos.get(0)) / 1_000_000);
    }
    return millis;
  }
}
