package io.khorosjdbc.driver.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khorosjdbc.driver.export.SavedJobs.SavedJob;
import io.khorosjdbc.driver.testing.MutableClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SavedJobsTest {
  private static final Duration LINK_LIFE = Duration.ofHours(23);
  private static final Duration MAX_RUNNING = Duration.ofHours(2);
  private static final long START = 1_750_000_000_000L;

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(START);

  private Path file() {
    return dir.resolve("saved-jobs.json");
  }

  /** A new view of the file, as a new JVM would have. */
  private SavedJobs ledger() {
    return new SavedJobs(file(), LINK_LIFE, clock);
  }

  static SavedJob running(String key, long createdAt) {
    return new SavedJob(
        key,
        "wf-" + key,
        "run+/=" + key,
        "https://api.example/status/" + key + "?analyticsAccessToken=secret-" + key,
        null,
        createdAt,
        0);
  }

  static SavedJob completed(String key, long createdAt, long completedAt) {
    return new SavedJob(
        key,
        "wf-" + key,
        "run+/=" + key,
        "https://api.example/status/" + key + "?analyticsAccessToken=secret-" + key,
        "https://files.example/" + key + ".csv?X-Amz-Signature=secret-" + key,
        createdAt,
        completedAt);
  }

  private static Set<String> keys(SavedJobs ledger) {
    return ledger.all().stream().map(SavedJob::key).collect(Collectors.toSet());
  }

  @Test
  void aRunningJobSavedByOneProcessIsFoundByTheNextOne() {
    SavedJob job = running("k1", START);
    ledger().save(job);
    clock.advance(Duration.ofMinutes(10));

    assertEquals(Optional.of(job), ledger().find("k1", MAX_RUNNING));
    assertEquals(Optional.empty(), ledger().find("k2", MAX_RUNNING));
  }

  @Test
  void aRunningJobIsNotFoundOnceOlderThanTheLongestAJobMayRun() {
    ledger().save(running("k1", START));

    clock.advance(MAX_RUNNING.minusMillis(1));
    assertTrue(ledger().find("k1", MAX_RUNNING).isPresent());
    clock.advance(Duration.ofMillis(1));
    assertEquals(Optional.empty(), ledger().find("k1", MAX_RUNNING));
  }

  @Test
  void aCompletedJobIsFoundUntilItsLinkLifeIsOverAndNotAfter() {
    long completedAt = START + Duration.ofHours(1).toMillis();
    SavedJob job = completed("k1", START, completedAt);
    ledger().save(job);

    clock.advance(Duration.ofHours(1).plus(LINK_LIFE).minusMillis(1));
    // However long it ran: the link's age is what counts now.
    assertEquals(Optional.of(job), ledger().find("k1", Duration.ZERO));
    clock.advance(Duration.ofMillis(1));
    assertEquals(Optional.empty(), ledger().find("k1", MAX_RUNNING));
  }

  @Test
  void savingAJobAgainReplacesTheOneWithTheSameKey() {
    SavedJobs ledger = ledger();
    ledger.save(running("k1", START));
    SavedJob done = completed("k1", START, START + 5_000);
    ledger.save(done);

    assertEquals(List.of(done), ledger().all());
    assertEquals(Optional.of(done), ledger().find("k1", MAX_RUNNING));
  }

  @Test
  void aRemovedJobIsNotFoundAndRemovingAnUnknownKeyIsHarmless() {
    SavedJobs ledger = ledger();
    ledger.save(running("k1", START));
    ledger.save(running("k2", START));
    ledger.remove("k1");
    ledger.remove("never-saved");

    assertEquals(Optional.empty(), ledger().find("k1", MAX_RUNNING));
    assertEquals(Set.of("k2"), keys(ledger()));
  }

  @Test
  void everyWriteDropsJobsThatCanNoLongerBeUsed() {
    SavedJobs ledger = ledger();
    ledger.save(completed("link-expires", START - 1_000, START));
    ledger.save(running("runs-long", START));

    clock.advance(LINK_LIFE);
    ledger.save(running("fresh", clock.millis()));
    assertEquals(Set.of("runs-long", "fresh"), keys(ledger()));

    // A job that ran for a day without completing is dead on the server too.
    clock.advance(SavedJobs.RUNNING_KEPT.minus(LINK_LIFE));
    ledger.remove("never-saved");
    assertEquals(Set.of("fresh"), keys(ledger()));
  }

  @Test
  void theFileKeepsAtMostItsCapacityAndTheOldestJobsGoFirst() {
    SavedJobs ledger = new SavedJobs(file(), LINK_LIFE, clock, 3);
    for (int i = 0; i < 5; i++) {
      ledger.save(running("k" + i, START - 5 + i));
    }

    assertEquals(
        List.of("k2", "k3", "k4"),
        ledger.all().stream().map(SavedJob::key).collect(Collectors.toList()));
  }

  @Test
  void aGarbageFileReadsAsEmptyAndTheNextSaveRepairsIt() throws IOException {
    Files.writeString(file(), "{\"jobs\": [ {\"key\": \"k1\", garbage");
    SavedJobs ledger = ledger();
    assertEquals(Optional.empty(), ledger.find("k1", MAX_RUNNING));
    assertEquals(List.of(), ledger.all());

    ledger.save(running("k2", START));
    assertEquals(Set.of("k2"), keys(ledger()));
  }

  @Test
  void aFileOfTheWrongShapeOrEmptyReadsAsEmpty() throws IOException {
    for (String content : List.of("", "[]", "{\"jobs\": 3}", "null")) {
      Files.writeString(file(), content);
      assertEquals(List.of(), ledger().all(), content);
    }
  }

  @Test
  void aDamagedEntryIsSkippedAndTheOthersAreKept() throws IOException {
    Files.writeString(
        file(),
        "{\"format\": 1, \"jobs\": ["
            + "{\"key\": \"no-status-url\", \"workflowId\": \"w\", \"runId\": \"r\","
            + " \"createdAt\": "
            + START
            + "},"
            + "{\"key\": \"k1\", \"workflowId\": \"w1\", \"runId\": \"r1\","
            + " \"statusUrl\": \"https://s/1\", \"downloadUrl\": null, \"createdAt\": "
            + START
            + ", \"completedAt\": 0, \"addedByANewerDriver\": true}]}");

    assertEquals(
        List.of(new SavedJob("k1", "w1", "r1", "https://s/1", null, START, 0)), ledger().all());
  }

  @Test
  void theFileHoldsTheDocumentedFormat() throws IOException {
    ledger().save(completed("k1", START, START + 1));

    String json = Files.readString(file());
    for (String field :
        List.of(
            "\"format\" : 1",
            "\"jobs\" : [",
            "\"key\" : \"k1\"",
            "\"workflowId\" : \"wf-k1\"",
            "\"runId\" : \"run+/=k1\"",
            "\"statusUrl\" : \"https://",
            "\"downloadUrl\" : \"https://",
            "\"createdAt\" : " + START,
            "\"completedAt\" : " + (START + 1))) {
      assertTrue(json.contains(field), field + " in " + json);
    }
    assertFalse(json.contains("completed\" :"), json);
  }

  @Test
  void aDirectoryThatCannotBeWrittenLeavesTheJobsInMemory() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
    SavedJobs ledger = new SavedJobs(notADirectory.resolve("saved-jobs.json"), LINK_LIFE, clock);

    SavedJob job = running("k1", START);
    ledger.save(job);
    ledger.save(running("k2", START));
    ledger.remove("k2");
    assertEquals(Optional.of(job), ledger.find("k1", MAX_RUNNING));
    assertEquals(List.of(job), ledger.all());
    assertEquals(
        List.of(), new SavedJobs(notADirectory.resolve("saved-jobs.json"), LINK_LIFE, clock).all());
  }

  @Test
  void aJobSavedByACancelledQuerysThreadIsWrittenAndTheThreadStaysInterrupted() {
    SavedJob job = running("k1", START);
    Thread.currentThread().interrupt();
    try {
      ledger().save(job);
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
    assertEquals(Optional.of(job), ledger().find("k1", MAX_RUNNING));
  }

  @Test
  void theFileIsReadableAndWritableByItsOwnerOnly() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Files.writeString(file(), "{\"jobs\": []}");
    Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-rw-r--"));

    ledger().save(running("k1", START));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
  }

  @Test
  void aJobsDescriptionShowsNoUrl() {
    String text = completed("k1", START, START + 1).toString();
    assertTrue(text.contains("k1") && text.contains("wf-k1"), text);
    assertFalse(text.contains("secret") || text.contains("https"), text);
  }

  @Test
  @Timeout(60)
  void threadsAndInstancesSavingAtOnceLoseNoJob() throws Exception {
    SavedJobs first = ledger();
    SavedJobs second = ledger();
    SavedJob anchor = running("anchor", START);
    first.save(anchor);
    int threads = 4;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    try {
      CountDownLatch start = new CountDownLatch(1);
      AtomicBoolean writing = new AtomicBoolean(true);
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        SavedJobs ledger = t % 2 == 0 ? first : second;
        String prefix = "t" + t;
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    ledger.save(running(prefix + "-" + i, START));
                  }
                  return null;
                }));
      }
      // A reader never sees half a file: the anchor is always there.
      Future<Integer> reader =
          pool.submit(
              () -> {
                start.await();
                int reads = 0;
                while (writing.get()) {
                  assertEquals(Optional.of(anchor), ledger().find("anchor", MAX_RUNNING));
                  reads++;
                  Thread.sleep(1);
                }
                return reads;
              });
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get();
      }
      writing.set(false);
      assertTrue(reader.get() > 0);
    } finally {
      pool.shutdownNow();
    }

    Set<String> expected = new HashSet<>(Set.of("anchor"));
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        expected.add("t" + t + "-" + i);
      }
    }
    assertEquals(expected, keys(ledger()));
  }

  @Test
  @Timeout(120)
  void anotherProcessSavingAtTheSameTimeLosesNoJob() throws Exception {
    int count = 60;
    Process other =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SavedJobsOtherProcess.class.getName(),
                file().toString(),
                "child",
                Integer.toString(count),
                Long.toString(START))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("ready", out.readLine());
      OutputStream in = other.getOutputStream();
      in.write("go\n".getBytes(StandardCharsets.UTF_8));
      in.flush();

      SavedJobs ledger = ledger();
      for (int i = 0; i < count; i++) {
        ledger.save(running("parent-" + i, START));
      }
      assertEquals("done", out.readLine());
      assertTrue(other.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, other.exitValue());
    } finally {
      other.destroyForcibly();
    }

    Set<String> expected = new HashSet<>();
    for (int i = 0; i < count; i++) {
      expected.add("parent-" + i);
      expected.add("child-" + i);
    }
    assertEquals(expected, keys(ledger()));
  }
}
