package io.khorosjdbc.driver.api;

import static io.khorosjdbc.driver.api.RequestBudget.Priority.BACKGROUND;
import static io.khorosjdbc.driver.api.RequestBudget.Priority.INTERACTIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.api.RequestBudget.Priority;
import io.khorosjdbc.driver.api.RequestBudget.Spec;
import io.khorosjdbc.driver.testing.MutableClock;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The request budget as the driver relies on it, in one JVM. Windows are scaled down (hundreds of
 * ms for the API's minute) so that each specification runs in about a second; time arithmetic that
 * would take longer is checked on a clock the test moves.
 */
class RequestBudgetTest {

  private static final BooleanSupplier NEVER = () -> false;
  private static final Instant START = Instant.parse("2024-05-01T12:00:00Z");

  @Test
  void neverMoreThanThePermitsInAnySlidingWindowAcrossEightThreads() throws Exception {
    RequestBudget budget = RequestBudget.of(20, Duration.ofMillis(600), Optional.empty());

    List<Long> sent = SendTimes.fromThreads(budget, 8, 4);

    SendTimes.assertAtMostInAnyWindow(sent, 20, Duration.ofMillis(600));
    long twentyFirst = TimeUnit.NANOSECONDS.toMillis(sent.get(20) - sent.get(0));
    // The budget keeps wall-clock milliseconds, the test nanoTime: allow a few ms between them.
    assertTrue(
        twentyFirst >= 600 + RequestBudget.MIN_MARGIN_MILLIS - 5,
        "the window is held with a safety margin: " + twentyFirst + " ms");
    assertTrue(
        twentyFirst < 600 + RequestBudget.MIN_MARGIN_MILLIS + 300,
        "but no longer than it must: " + twentyFirst + " ms");
  }

  @Test
  void theSafetyMarginIsAQuarterSecondOrTwoPercentOfTheWindow() {
    MutableClock clock = new MutableClock(START);
    RequestBudget shortWindow =
        RequestBudget.of(1, Duration.ofMillis(600), Optional.empty(), clock);
    RequestBudget longWindow = RequestBudget.of(1, Duration.ofMinutes(1), Optional.empty(), clock);
    acquireNow(shortWindow);
    acquireNow(longWindow);

    assertEquals(850, shortWindow.waitMillis());
    assertEquals(61_200, longWindow.waitMillis());
  }

  @Test
  void aCancelledWaiterReturnsAtOnceAfterWakeWaiters() throws Exception {
    RequestBudget budget = RequestBudget.of(1, Duration.ofSeconds(10), Optional.empty());
    budget.acquire(INTERACTIVE, NEVER);
    AtomicBoolean cancelled = new AtomicBoolean();
    CompletableFuture<Long> head = waitAndTime(budget, INTERACTIVE, cancelled::get);
    awaitQueued(budget, 1);
    CompletableFuture<Long> behind = waitAndTime(budget, BACKGROUND, cancelled::get);
    awaitQueued(budget, 2);
    Thread.sleep(50);

    cancelled.set(true);
    long woken = System.nanoTime();
    budget.wakeWaiters();

    for (CompletableFuture<Long> waiter : List.of(head, behind)) {
      long returnedAfter = TimeUnit.NANOSECONDS.toMillis(waiter.get(2, TimeUnit.SECONDS) - woken);
      assertTrue(returnedAfter < 100, "returned " + returnedAfter + " ms after wakeWaiters");
    }
    assertEquals(0, budget.queued());
  }

  @Test
  void anInterruptedWaiterReturnsAtOnceAsCanceled() throws Exception {
    RequestBudget budget = RequestBudget.of(1, Duration.ofSeconds(10), Optional.empty());
    budget.acquire(INTERACTIVE, NEVER);
    List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
    Thread waiter =
        new Thread(
            () -> {
              try {
                budget.acquire(BACKGROUND, NEVER);
              } catch (InterruptedIOException e) {
                thrown.add(e);
              }
            });
    waiter.start();
    awaitQueued(budget, 1);

    long interrupted = System.nanoTime();
    waiter.interrupt();
    waiter.join(2000);

    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interrupted) < 100);
    assertEquals(1, thrown.size());
    assertEquals("Canceled", thrown.get(0).getMessage());
  }

  @Test
  void aCancelledCallerGetsNoSlot() throws Exception {
    RequestBudget budget = RequestBudget.of(1, Duration.ofSeconds(10), Optional.empty());

    InterruptedIOException e =
        assertThrows(InterruptedIOException.class, () -> budget.acquire(INTERACTIVE, () -> true));

    assertEquals("Canceled", e.getMessage());
    assertEquals(0, budget.waitMillis(), "the slot is still free");
  }

  @Test
  void interactiveWaitersGetSlotsBeforeBackgroundWaitersThatWaitedLonger() throws Exception {
    RequestBudget budget = RequestBudget.of(1, Duration.ofMillis(200), Optional.empty());
    budget.acquire(INTERACTIVE, NEVER);
    List<String> served = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Long>> waiters = new ArrayList<>();
    int queued = 0;
    for (String name : List.of("background-1", "background-2", "interactive-1", "interactive-2")) {
      Priority priority = name.startsWith("interactive") ? INTERACTIVE : BACKGROUND;
      waiters.add(waitAndTime(budget, priority, NEVER, () -> served.add(name)));
      awaitQueued(budget, ++queued);
    }

    for (CompletableFuture<Long> waiter : waiters) {
      waiter.get(5, TimeUnit.SECONDS);
    }

    assertEquals(List.of("interactive-1", "interactive-2", "background-1", "background-2"), served);
  }

  @Test
  void aBare429PausesTheTenantAndHalvesThePermitsForTwoWindows() {
    MutableClock clock = new MutableClock(START);
    RequestBudget budget = RequestBudget.of(20, Duration.ofMillis(600), Optional.empty(), clock);

    budget.throttled(-1);

    long pause = budget.waitMillis();
    assertTrue(
        pause >= 15 && pause <= 30,
        "the first back-off is window/permits = 30 ms, jittered in its upper half: " + pause);
    assertEquals(10, budget.effectivePermits());
    assertEquals(1, budget.throttledCount());
    clock.advance(2 * 600 - 1);
    assertEquals(10, budget.effectivePermits());
    clock.advance(1);
    assertEquals(20, budget.effectivePermits());
  }

  @Test
  void whileHalvedOnlyHalfThePermitsGoInAWindow() {
    MutableClock clock = new MutableClock(START);
    RequestBudget budget = RequestBudget.of(4, Duration.ofMillis(300), Optional.empty(), clock);
    budget.throttled(0);

    acquireNow(budget);
    acquireNow(budget);
    assertEquals(
        550, budget.waitMillis(), "a third request waits for the first two to leave the window");
    clock.advance(550);
    acquireNow(budget);
    acquireNow(budget);

    assertEquals(50, budget.waitMillis(), "two windows after the 429 all four permits are back");
    clock.advance(50);
    acquireNow(budget);
    acquireNow(budget);
    assertEquals(500, budget.waitMillis(), "four in the window: the next waits for the oldest");
  }

  @Test
  void aBare429IsHonouredInRealTime() throws Exception {
    RequestBudget budget = RequestBudget.of(5, Duration.ofMillis(300), Optional.empty());

    budget.throttled(-1);
    long started = System.nanoTime();
    budget.acquire(INTERACTIVE, NEVER);

    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(waited >= 29, "paused at least half of window/permits = 60 ms: " + waited);
    assertEquals(2, budget.effectivePermits());
  }

  @Test
  void consecutive429sDoubleTheBackOffUpToOneWindow() {
    MutableClock clock = new MutableClock(START);
    RequestBudget budget = RequestBudget.of(5, Duration.ofMillis(300), Optional.empty(), clock);
    long[] steps = {60, 120, 240, 300, 300};

    for (long step : steps) {
      budget.throttled(-1);
      long pause = budget.waitMillis();
      assertTrue(pause >= step / 2 && pause <= step, "step " + step + ": " + pause);
      clock.advance(pause);
    }
    clock.advance(2 * 300);
    budget.throttled(-1);
    assertTrue(budget.waitMillis() <= 60, "after two quiet windows the streak starts over");
  }

  @Test
  void a429ForARequestSentBeforeThePauseAddsNoBackOff() {
    MutableClock clock = new MutableClock(START);
    RequestBudget budget = RequestBudget.of(5, Duration.ofMillis(300), Optional.empty(), clock);

    budget.throttled(-1);
    long pause = budget.waitMillis();
    clock.advance(1);
    budget.throttled(-1);
    budget.throttled(-1);

    assertEquals(pause - 1, budget.waitMillis(), "one burst answered with 429s is one back-off");
    assertEquals(3, budget.throttledCount());
  }

  @Test
  void aRetryAfterPausesExactlyThatLong() throws Exception {
    MutableClock clock = new MutableClock(START);
    RequestBudget onClock = RequestBudget.of(20, Duration.ofMillis(600), Optional.empty(), clock);
    onClock.throttled(250);
    assertEquals(250, onClock.waitMillis());
    assertEquals(10, onClock.effectivePermits());

    RequestBudget budget = RequestBudget.of(20, Duration.ofMillis(600), Optional.empty());
    budget.throttled(200);
    long started = System.nanoTime();
    budget.acquire(BACKGROUND, NEVER);
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(waited >= 199 && waited < 350, "waited " + waited + " ms");
  }

  @Test
  void aPauseHoldsEveryPriority() throws Exception {
    RequestBudget budget = RequestBudget.of(20, Duration.ofMillis(600), Optional.empty());
    budget.throttled(150);
    long started = System.nanoTime();

    CompletableFuture<Long> interactive = waitAndTime(budget, INTERACTIVE, NEVER);
    CompletableFuture<Long> background = waitAndTime(budget, BACKGROUND, NEVER);

    for (CompletableFuture<Long> waiter : List.of(interactive, background)) {
      long after = TimeUnit.NANOSECONDS.toMillis(waiter.get(2, TimeUnit.SECONDS) - started);
      assertTrue(after >= 149, "sent " + after + " ms into a 150 ms pause");
    }
  }

  @Test
  void unlimitedNeverWaits() throws Exception {
    RequestBudget budget = RequestBudget.unlimited();
    long started = System.nanoTime();

    for (int i = 0; i < 10_000; i++) {
      budget.acquire(BACKGROUND, NEVER);
    }
    budget.throttled(-1);
    budget.acquire(INTERACTIVE, NEVER);

    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 500);
    assertTrue(budget.isUnlimited());
    assertEquals(Integer.MAX_VALUE, budget.effectivePermits());
    assertEquals("off", budget.toString());
    assertThrows(InterruptedIOException.class, () -> budget.acquire(INTERACTIVE, () -> true));
  }

  @Test
  void describesItselfAsThePropertyWritesIt() {
    RequestBudget budget = RequestBudget.of(20, Duration.ofMinutes(1), Optional.empty());

    assertEquals("20/60s", budget.toString());
    assertEquals(
        "20/600ms", RequestBudget.of(20, Duration.ofMillis(600), Optional.empty()).toString());
    assertEquals(20, budget.permits());
    assertEquals(Duration.ofMinutes(1), budget.window());
    assertEquals(20, budget.effectivePermits());
    assertFalse(budget.isUnlimited());
    assertEquals(RequestBudget.parse(budget.toString()), new Spec(20, Duration.ofMinutes(1)));
  }

  @Test
  void parsesThePropertyForms() {
    assertEquals(new Spec(20, Duration.ofMinutes(1)), RequestBudget.parse("20/1m"));
    assertEquals(new Spec(20, Duration.ofSeconds(60)), RequestBudget.parse("20/60s"));
    assertEquals(new Spec(20, Duration.ofMillis(600)), RequestBudget.parse("20/600ms"));
    assertEquals(new Spec(100, Duration.ofHours(1)), RequestBudget.parse("100/1h"));
    assertEquals(new Spec(20, Duration.ofMinutes(1)), RequestBudget.parse(" 20 / 1M "));
    assertTrue(RequestBudget.parse("off").isOff());
    assertTrue(RequestBudget.parse("OFF").isOff());
    assertFalse(RequestBudget.parse("20/1m").isOff());
  }

  @Test
  void rejectsAnythingElseNamingThePropertyAndShowingAnExample() {
    for (String bad :
        List.of(
            "20",
            "x/1m",
            "0/1m",
            "20/0s",
            "20/1",
            "-1/1m",
            "20/1d",
            "20/25h",
            "10001/1m",
            "",
            "on")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> RequestBudget.parse(bad), bad);
      assertTrue(e.getMessage().contains("requestBudget='" + bad + "'"), e.getMessage());
      assertTrue(e.getMessage().contains("20/1m"), e.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> RequestBudget.of(0, Duration.ofMinutes(1), Optional.empty()));
    assertThrows(
        IllegalArgumentException.class,
        () -> RequestBudget.of(20, Duration.ZERO, Optional.empty()));
  }

  private static void acquireNow(RequestBudget budget) {
    assertEquals(0, budget.waitMillis(), "a slot is free");
    try {
      budget.acquire(INTERACTIVE, NEVER);
    } catch (InterruptedIOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Starts a thread that acquires; completes with System.nanoTime() when acquire returns or throws
   * "Canceled".
   */
  static CompletableFuture<Long> waitAndTime(
      RequestBudget budget, Priority priority, BooleanSupplier cancelled) {
    return waitAndTime(budget, priority, cancelled, () -> {});
  }

  private static CompletableFuture<Long> waitAndTime(
      RequestBudget budget, Priority priority, BooleanSupplier cancelled, Runnable served) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                budget.acquire(priority, cancelled);
                served.run();
                done.complete(System.nanoTime());
              } catch (InterruptedIOException e) {
                long at = System.nanoTime();
                if ("Canceled".equals(e.getMessage())) {
                  done.complete(at);
                } else {
                  done.completeExceptionally(e);
                }
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            },
            "waiter-" + priority);
    thread.setDaemon(true);
    thread.start();
    return done;
  }

  static void awaitQueued(RequestBudget budget, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (budget.queued() < count) {
      assertTrue(System.nanoTime() < deadline, "waiters queued: " + budget.queued());
      Thread.sleep(1);
    }
  }
}
