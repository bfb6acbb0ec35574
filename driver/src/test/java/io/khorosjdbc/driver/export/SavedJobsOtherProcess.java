package io.khorosjdbc.driver.export;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Another process using the saved-jobs file, as a second tool on the same machine would. Saves
 * {@code count} running jobs with keys {@code prefix-0 ...}, all at {@code nowMillis}, starting
 * when a line arrives on standard input, so that the test can start its own saves at the same
 * moment.
 *
 * <p>Arguments: file, prefix, count, nowMillis.
 */
public final class SavedJobsOtherProcess {
  private SavedJobsOtherProcess() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    long now = Long.parseLong(args[3]);
    SavedJobs jobs =
        new SavedJobs(
            file, Duration.ofHours(23), Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC));
    System.out.println("ready");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    for (int i = 0; i < count; i++) {
      jobs.save(SavedJobsTest.running(prefix + "-" + i, now));
    }
    System.out.println("done");
  }
}
