package io.khorosjdbc.driver.api;

import static io.khorosjdbc.driver.api.RequestBudget.Priority.BACKGROUND;
import static io.khorosjdbc.driver.api.RequestBudget.Priority.INTERACTIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khorosjdbc.driver.testing.MutableClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A budget on a shared file is one budget for every process on the machine that names the file
 * (DBeaver, a shell, a local Spark job), because the server counts all of the tenant's requests.
 * Two instances on one file stand for two processes where that is enough; one specification starts
 * a real second JVM.
 */
class RequestBudgetSharedFileTest {

  private static final Instant START = Instant.parse("2024-05-01T12:00:00Z");

  @TempDir Path dir;

  @Test
  void twoBudgetsOnOneFileTogetherNeverExceedThePermits() throws Exception {
    Path file = dir.resolve("budget");
    RequestBudget first = RequestBudget.of(10, Duration.ofMillis(300), Optional.of(file));
    RequestBudget second = RequestBudget.of(10, Duration.ofMillis(300), Optional.of(file));
    List<Long> sent = Collections.synchronizedList(new ArrayList<>());

    Thread other =
        new Thread(
            () -> {
              try {
                sent.addAll(SendTimes.fromThreads(second, 4, 3));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    other.start();
    sent.addAll(SendTimes.fromThreads(first, 4, 3));
    other.join(10_000);

    assertEquals(24, sent.size());
    SendTimes.assertAtMostInAnyWindow(sent, 10, Duration.ofMillis(300));
  }

  @Test
  void separateProcessesTogetherNeverExceedThePermits() throws Exception {
    Path file = dir.resolve("budget");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                RequestBudgetChild.class.getName(),
                file.toString(),
                "10",
                "300",
                "20")
            .redirectError(dir.resolve("child.err").toFile())
            .start();
    try {
      BlockingQueue<String> lines = linesOf(child);
      assertEquals(
          "ready", lines.poll(30, TimeUnit.SECONDS), () -> "the child started: " + childErrors());
      RequestBudget budget = RequestBudget.of(10, Duration.ofMillis(300), Optional.of(file));
      try (Writer toChild =
          new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
        toChild.write("go\n");
      }
      // Ours start once the child has sent its first: on a loaded machine a child slow to
      // answer "go" could otherwise send only after ours were all sent, and prove nothing.
      String first = lines.poll(10, TimeUnit.SECONDS);
      assertNotNull(first, () -> "the child sent: " + childErrors());
      List<Long> ours = wallClockSends(budget, 20);

      List<Long> theirs = new ArrayList<>();
      for (String line = first; !"done".equals(line); line = lines.poll(10, TimeUnit.SECONDS)) {
        assertNotNull(line, () -> "the child finished: " + childErrors());
        theirs.add(Long.parseLong(line.substring("sent ".length())));
      }
      assertTrue(child.waitFor(10, TimeUnit.SECONDS));
      assertEquals(0, child.exitValue());

      assertEquals(20, theirs.size());
      assertTrue(
          Collections.min(theirs) < Collections.max(ours)
              && Collections.min(ours) < Collections.max(theirs),
          "the two processes sent at the same time: ours " + ours + ", theirs " + theirs);
      List<Long> union = new ArrayList<>();
      for (long millis : ours) {
        union.add(TimeUnit.MILLISECONDS.toNanos(millis));
      }
      for (long millis : theirs) {
        union.add(TimeUnit.MILLISECONDS.toNanos(millis));
      }
      SendTimes.assertAtMostInAnyWindow(union, 10, Duration.ofMillis(300));
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aPauseAndTheHalvedPermitsReachEveryBudgetOnTheFile() {
    Path file = dir.resolve("budget");
    MutableClock clock = new MutableClock(START);
    RequestBudget throttled =
        RequestBudget.of(20, Duration.ofMillis(600), Optional.of(file), clock);
    RequestBudget other = RequestBudget.of(20, Duration.ofMillis(600), Optional.of(file), clock);

    throttled.throttled(5000);

    assertEquals(5000, other.waitMillis());
    assertEquals(10, other.effectivePermits());
    assertEquals(0, other.throttledCount(), "the count is this budget's own");
  }

  @Test
  void aGarbageFileIsTreatedAsEmptyWithOneWarning() throws Exception {
    Path file = dir.resolve("budget");
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    Files.write(file, garbage);

    try (WarnCapture log = new WarnCapture()) {
      RequestBudget budget = RequestBudget.of(3, Duration.ofSeconds(10), Optional.of(file));
      long started = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        budget.acquire(INTERACTIVE, () -> false);
      }

      assertTrue(
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 500,
          "no waiting: the file counted as empty");
      assertTrue(budget.waitMillis() > 9_000, "the three sends are recorded");
      assertEquals(1, log.warnings("is damaged"), log.text());
    }
    assertTrue(Files.readString(file).startsWith(BudgetLog.HEADER + "\n"), "the file is rewritten");
  }

  @Test
  void aFileThatCannotBeUsedLeavesTheBudgetToThisProcessWithOneWarning() throws Exception {
    Path notAFile = Files.createDirectory(dir.resolve("budget"));

    try (WarnCapture log = new WarnCapture()) {
      RequestBudget budget = RequestBudget.of(2, Duration.ofSeconds(10), Optional.of(notAFile));
      budget.acquire(INTERACTIVE, () -> false);
      budget.acquire(BACKGROUND, () -> false);

      assertTrue(budget.waitMillis() > 9_000, "the budget still holds in this process");
      assertEquals(1, log.warnings("cannot be used"), log.text());
    }
  }

  @Test
  void createsItsDirectoriesAndAFileOnlyItsOwnerCanRead() throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = dir.resolve("a").resolve("b").resolve("budget");
    RequestBudget budget = RequestBudget.of(20, Duration.ofMinutes(1), Optional.of(file));

    budget.acquire(INTERACTIVE, () -> false);

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))));
    List<String> lines = Files.readAllLines(file);
    assertEquals(BudgetLog.HEADER, lines.get(0));
    assertEquals(List.of("keep 61200 20", "throttled 0 0 0"), lines.subList(1, 3));
    assertTrue(lines.get(3).matches("sent \\d+"), lines.toString());
    assertEquals(4, lines.size());
  }

  @Test
  void aSendFromAClockSetBackHoldsASlotForAtMostOneWindow() throws Exception {
    Path file = dir.resolve("budget");
    MutableClock later = new MutableClock(START.plus(Duration.ofHours(1)));
    RequestBudget before = RequestBudget.of(2, Duration.ofSeconds(1), Optional.of(file), later);
    RequestBudget after =
        RequestBudget.of(2, Duration.ofSeconds(1), Optional.of(file), new MutableClock(START));

    before.acquire(INTERACTIVE, () -> false);
    before.acquire(INTERACTIVE, () -> false);

    assertEquals(1250, after.waitMillis(), "the sends count as sent now, not an hour ahead");
  }

  @Test
  void aShortWindowDoesNotForgetSendsThatALongerWindowOnTheFileStillCounts() throws Exception {
    Path file = dir.resolve("budget");
    MutableClock clock = new MutableClock(START);
    RequestBudget hourly = RequestBudget.of(2, Duration.ofSeconds(10), Optional.of(file), clock);
    RequestBudget fast = RequestBudget.of(2, Duration.ofMillis(100), Optional.of(file), clock);

    hourly.acquire(INTERACTIVE, () -> false);
    clock.advance(1000);
    fast.acquire(INTERACTIVE, () -> false);

    assertEquals(0, fast.waitMillis());
    assertEquals(10_250 - 1000, hourly.waitMillis(), "both sends are within the longer window");
  }

  private static List<Long> wallClockSends(RequestBudget budget, int sends)
      throws InterruptedException {
    List<Long> times = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < sends / 2; i++) {
                    budget.acquire(INTERACTIVE, () -> false);
                    times.add(System.currentTimeMillis());
                  }
                } catch (InterruptedIOException e) {
                  throw new IllegalStateException(e);
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join(10_000);
    }
    assertEquals(sends, times.size());
    return new ArrayList<>(times);
  }

  private static BlockingQueue<String> linesOf(Process child) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the child is gone; the test reports the missing lines
              }
            },
            "child-output");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private String childErrors() {
    try {
      return Files.readString(dir.resolve("child.err"));
    } catch (IOException e) {
      return e.toString();
    }
  }
}
