package io.khorosjdbc.driver.api;

import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tenant's request budget: at most {@code permits} API requests in any sliding {@code window}.
 * The Analytics Reports API allows 20 requests per minute per tenant and documents no rate headers,
 * no {@code Retry-After} and no 429 body, so a bare 429 is its only signal: a client must pace
 * itself, and back off when a 429 comes anyway because another client of the tenant spent the
 * budget.
 *
 * <p><b>Sliding window log.</b> The budget keeps the time of every request sent within the last
 * window (never fixed buckets, which allow twice the permits across a bucket boundary), and lets a
 * request go only while fewer than {@link #effectivePermits()} fall inside the window. A request is
 * counted from when {@link #acquire} returns, but the server counts it when it arrives, a little
 * later and by a varying amount (a new TLS connection, a JVM still loading classes); so the window
 * is held for {@code window + max(250 ms, 2% of window)}, and requests that leave at least that far
 * apart cannot meet inside the server's window. (50 ms proved too little: a freshly started
 * process's first request arrived 80 ms after it took its slot.)
 *
 * <p><b>Waiting.</b> Waiters queue in this budget: {@link Priority#INTERACTIVE} before {@link
 * Priority#BACKGROUND}, first come first served within a priority. Only the head of the queue asks
 * for a slot; it waits on a condition until its slot frees, the others until the head leaves.
 * {@link #wakeWaiters()} wakes everyone to check whether its query was cancelled.
 *
 * <p><b>Sharing.</b> Every client of the tenant spends the same budget, so within a JVM one
 * instance serves every connection of a tenant; across processes on the machine, a shared file
 * holds the log ({@link BudgetFile}, {@link BudgetLog}). Other processes' requests wake no one
 * here, so the head reads the file again when its computed time comes, and waits on if another
 * process took the slot.
 *
 * <p><b>429.</b> {@link #throttled} pauses every request of the tenant (here, and in other
 * processes through the file) and lowers the permits to half (at least 1) for two windows after the
 * last 429, because clients we cannot see share the tenant.
 */
public final class RequestBudget {

  /** Who waits: a user's query, or work that can wait (prefetch, cache refresh, bulk jobs). */
  public enum Priority {
    INTERACTIVE,
    BACKGROUND
  }

  /** Each window holds every send time in memory and in the file; more permits would mean "off". */
  static final int MAX_PERMITS = 10_000;

  static final Duration MAX_WINDOW = Duration.ofHours(24);
  static final long MIN_MARGIN_MILLIS = 250;

  private static final RequestBudget UNLIMITED = new RequestBudget();

  private final boolean unlimited;
  private final int permits;
  private final Duration window;
  private final long windowMillis;

  /** The window as held: window plus the safety margin. */
  private final long spanMillis;

  private final Clock clock;
  private final BudgetFile file;
  private final RetryPolicy backoff;
  private final AtomicLong throttledCount = new AtomicLong();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  /** Waiters by priority (index: ordinal), in arrival order. */
  private final ArrayDeque<Object>[] queues = newQueues();

  /**
   * The log when nothing is shared; with a file, the last state read from it (used when the file
   * cannot be).
   */
  private final BudgetLog local = new BudgetLog();

  private RequestBudget() {
    this.unlimited = true;
    this.permits = Integer.MAX_VALUE;
    this.window = Duration.ZERO;
    this.windowMillis = 0;
    this.spanMillis = 0;
    this.clock = Clock.systemUTC();
    this.file = null;
    this.backoff = RetryPolicy.NONE;
  }

  private RequestBudget(int permits, Duration window, Optional<Path> sharedFile, Clock clock) {
    Spec spec = new Spec(permits, window);
    if (spec.isOff()) {
      throw new IllegalArgumentException(
          "a request budget needs at least 1 permit; use unlimited()");
    }
    this.unlimited = false;
    this.permits = permits;
    this.window = window;
    this.windowMillis = window.toMillis();
    this.spanMillis = windowMillis + Math.max(MIN_MARGIN_MILLIS, windowMillis / 50);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.file = sharedFile.map(BudgetFile::new).orElse(null);
    Duration firstStep = Duration.ofMillis(Math.max(1, windowMillis / permits));
    this.backoff = new RetryPolicy(Integer.MAX_VALUE, firstStep, window);
  }

  /** No limit: acquire never waits. */
  public static RequestBudget unlimited() {
    return UNLIMITED;
  }

  /**
   * At most {@code permits} requests in any sliding {@code window}; when {@code sharedFile} is
   * present, every process on the machine that uses the same file shares the same budget.
   *
   * @throws IllegalArgumentException unless 1 &lt;= permits &lt;= 10,000 and 1 ms &lt;= window
   *     &lt;= 24 h
   */
  public static RequestBudget of(int permits, Duration window, Optional<Path> sharedFile) {
    return of(permits, window, sharedFile, Clock.systemUTC());
  }

  /** As {@link #of(int, Duration, Optional)}, on another wall clock (for tests). */
  static RequestBudget of(int permits, Duration window, Optional<Path> sharedFile, Clock clock) {
    return new RequestBudget(
        permits, window, Objects.requireNonNull(sharedFile, "sharedFile"), clock);
  }

  /**
   * Blocks until one request may be sent and records it as sent (counted from now). {@link
   * Priority#INTERACTIVE} waiters are served before {@link Priority#BACKGROUND} ones in this
   * budget; first come first served within a priority. A cancelled caller gets no slot.
   *
   * @throws InterruptedIOException "Canceled" when {@code cancelled} is or becomes true (checked on
   *     every wake-up: see {@link #wakeWaiters()}), or the thread is interrupted
   */
  public void acquire(Priority priority, BooleanSupplier cancelled) throws InterruptedIOException {
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(cancelled, "cancelled");
    if (unlimited) {
      if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
        throw canceled();
      }
      return;
    }
    Object me = new Object();
    ArrayDeque<Object> queue = queues[priority.ordinal()];
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw canceled();
    }
    try {
      queue.addLast(me);
      while (true) {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
          throw canceled();
        }
        if (head() != me) {
          changed.await();
          continue;
        }
        long wait = update(this::take);
        if (Thread.currentThread().isInterrupted()) {
          throw canceled();
        }
        if (wait == 0) {
          return;
        }
        changed.awaitNanos(TimeUnit.MILLISECONDS.toNanos(wait));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw canceled();
    } finally {
      queue.remove(me);
      changed.signalAll();
      lock.unlock();
    }
  }

  /**
   * Wakes every waiter so it re-checks its {@code cancelled} predicate now: whoever cancels a query
   * calls this, so that a wait ends at once without polling.
   */
  public void wakeWaiters() {
    if (unlimited) {
      return;
    }
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The server answered 429. Pauses the whole tenant (every priority, and other processes through
   * the shared file) for {@code retryAfterMillis} when it is 0 or more; otherwise for an
   * exponential back-off: from {@code window / permits}, doubling per consecutive 429 up to one
   * window, each a random point in the upper half of its step so that clients do not resume in lock
   * step. A 429 is consecutive when it comes within two windows of the previous one; one that comes
   * while the tenant is already paused answers a request sent before the pause, so it adds no
   * back-off. For two windows after the last 429 the permits are halved (at least 1). On an
   * unlimited budget, only counts.
   */
  public void throttled(long retryAfterMillis) {
    throttledCount.incrementAndGet();
    if (unlimited) {
      return;
    }
    lock.lock();
    try {
      update(
          (log, now) -> {
            boolean sameEpisode = now < log.pausedUntil();
            boolean recent = now < recoveryAt(log);
            int streak =
                sameEpisode
                    ? Math.max(1, log.streak())
                    : recent ? Math.min(64, log.streak() + 1) : 1;
            long pause =
                retryAfterMillis >= 0
                    ? retryAfterMillis
                    : sameEpisode ? 0 : backoff.backoffMillis(streak - 1);
            log.throttle(now, streak, now + pause);
            return null;
          });
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The permits in force now: {@link #permits()}, or fewer shortly after a 429. */
  public int effectivePermits() {
    if (unlimited) {
      return permits;
    }
    lock.lock();
    try {
      return update((log, now) -> permitsAt(log, now));
    } finally {
      lock.unlock();
    }
  }

  /** How many 429s were reported to this budget (not those reported in other processes). */
  public long throttledCount() {
    return throttledCount.get();
  }

  /** The configured permits; {@link Integer#MAX_VALUE} when unlimited. */
  public int permits() {
    return permits;
  }

  /** The configured window; zero when unlimited. */
  public Duration window() {
    return window;
  }

  public boolean isUnlimited() {
    return unlimited;
  }

  /** As the connection property writes it: {@code 20/60s}, {@code 20/600ms}, or {@code off}. */
  @Override
  public String toString() {
    return unlimited ? "off" : new Spec(permits, window).toString();
  }

  /**
   * How long an acquire would wait now with no one ahead of it, in ms (for tests and diagnostics).
   */
  long waitMillis() {
    if (unlimited) {
      return 0;
    }
    lock.lock();
    try {
      return update(this::waitMillis);
    } finally {
      lock.unlock();
    }
  }

  /** How many callers wait in {@link #acquire} (for tests and diagnostics). */
  int queued() {
    lock.lock();
    try {
      return queues[0].size() + queues[1].size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs one step on the current log (the shared file's, or this budget's own), brought up to now.
   * The caller holds {@link #lock}.
   */
  private <T> T update(BiFunction<BudgetLog, Long, T> step) {
    long now = clock.millis();
    if (file == null) {
      local.settle(now, spanMillis, permits);
      return step.apply(local, now);
    }
    return file.update(
        local,
        log -> {
          log.settle(now, spanMillis, permits);
          return step.apply(log, now);
        });
  }

  /** Takes a slot if one is free now (returns 0), else returns how many ms until one may be. */
  private long take(BudgetLog log, long now) {
    long wait = waitMillis(log, now);
    if (wait == 0) {
      log.send(now);
    }
    return wait;
  }

  private long waitMillis(BudgetLog log, long now) {
    long free = log.freeAt(permits, spanMillis);
    long recovery = recoveryAt(log);
    if (now < recovery) {
      free = Math.min(log.freeAt(reducedPermits(), spanMillis), Math.max(free, recovery));
    }
    return Math.max(0, Math.max(free, log.pausedUntil()) - now);
  }

  private int permitsAt(BudgetLog log, long now) {
    return now < recoveryAt(log) ? reducedPermits() : permits;
  }

  private int reducedPermits() {
    return Math.max(1, permits / 2);
  }

  /** When the permits are whole again: two windows after the last 429. */
  private long recoveryAt(BudgetLog log) {
    return log.throttledAt() + 2 * windowMillis;
  }

  private Object head() {
    Object first = queues[Priority.INTERACTIVE.ordinal()].peekFirst();
    return first != null ? first : queues[Priority.BACKGROUND.ordinal()].peekFirst();
  }

  private static InterruptedIOException canceled() {
    return new InterruptedIOException("Canceled");
  }

  @SuppressWarnings("unchecked")
  private static ArrayDeque<Object>[] newQueues() {
    ArrayDeque<Object>[] queues = new ArrayDeque[Priority.values().length];
    for (int i = 0; i < queues.length; i++) {
      queues[i] = new ArrayDeque<>();
    }
    return queues;
  }

  private static final Pattern FORM =
      Pattern.compile("(\\d{1,9})\\s*/\\s*(\\d{1,12})\\s*(ms|s|m|h)");

  /**
   * Parses the connection property {@code requestBudget}: {@code 20/1m}, {@code 20/60s}, {@code
   * 20/600ms}, {@code 100/1h}, or {@code off} (unlimited).
   *
   * @throws IllegalArgumentException naming the property and the bad value, with a valid example
   */
  public static Spec parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (value.equals("off")) {
      return Spec.OFF;
    }
    Matcher form = FORM.matcher(value);
    if (form.matches()) {
      int permits = Integer.parseInt(form.group(1));
      long amount = Long.parseLong(form.group(2));
      Duration window =
          switch (form.group(3)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
          };
      if (Spec.valid(permits, window)) {
        return new Spec(permits, window);
      }
    }
    throw new IllegalArgumentException(
        "property requestBudget='"
            + text
            + "' is not a request budget; "
            + "write e.g. 20/1m (at most 20 requests in any minute; 1 to "
            + MAX_PERMITS
            + " requests, a window in ms, s, m or h up to 24h) or off");
  }

  /**
   * A parsed {@code requestBudget}: {@code permits} requests in any {@code window}, or {@link #OFF}
   * (0, zero).
   */
  public record Spec(int permits, Duration window) {

    public static final Spec OFF = new Spec(0, Duration.ZERO);

    public Spec {
      Objects.requireNonNull(window, "window");
      if (!(permits == 0 && window.isZero()) && !valid(permits, window)) {
        throw new IllegalArgumentException(
            "a request budget needs 1 to "
                + MAX_PERMITS
                + " permits and a window of 1 ms to 24 h, not "
                + permits
                + " in "
                + window);
      }
    }

    static boolean valid(int permits, Duration window) {
      return permits >= 1
          && permits <= MAX_PERMITS
          && window.toMillis() >= 1
          && window.compareTo(MAX_WINDOW) <= 0;
    }

    public boolean isOff() {
      return permits == 0;
    }

    /** As the property writes it: {@code 20/60s}, {@code 20/600ms} or {@code off}. */
    @Override
    public String toString() {
      if (isOff()) {
        return "off";
      }
      long millis = window.toMillis();
      return permits + "/" + (millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms");
    }
  }
}
