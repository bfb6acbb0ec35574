package io.khorosjdbc.emulator.job;

import io.khorosjdbc.emulator.report.ReportRequest;
import io.khorosjdbc.emulator.world.Rng;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs of the emulated tenant and the short-lived pre-signed file links issued for them. Job
 * ids look like the documented ones: a version-3 UUID workflowId, a base64 runId starting "23" that
 * contains '+', '/' and '=', and a 24-character base64 access token; they follow from the seed and
 * the number of jobs created so far.
 */
public final class JobRegistry {
  /** A pre-signed file link. */
  public record FileLink(Job job, long expiresAt) {}

  private final long seed;
  private final LatencyJitter jitter;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final Map<String, FileLink> files = new ConcurrentHashMap<>();
  private final SecureRandom tokens = new SecureRandom();
  private long created;
  private final long instance = new SecureRandom().nextLong();

  public JobRegistry(long seed) {
    this(seed, 0);
  }

  /** Jobs whose latencies are spread by {@code jitterPercent} (see {@link LatencyJitter}). */
  public JobRegistry(long seed, int jitterPercent) {
    this.seed = seed;
    this.jitter = new LatencyJitter(seed, jitterPercent);
  }

  /** A job created at {@code now} that runs for {@code latencyMillis}, spread by the jitter. */
  public synchronized Job create(ReportRequest request, long now, long latencyMillis) {
    long n = created++;
    long readyAt = now + jitter.apply(latencyMillis, n);
    Rng r = Rng.of(seed, Rng.code("jobs"), n);
    // Unique across emulator runs as on the real service: clients keep job ids on disk, and a
    // restarted emulator on the same port must not answer for another run's job.
    String workflowId =
        UUID.nameUUIDFromBytes(
                ("workflow:" + seed + ":" + instance + ":" + n).getBytes(StandardCharsets.UTF_8))
            .toString();
    String runId;
    do {
      runId = "23" + base64(r, 32);
    } while (!(runId.contains("+") && runId.contains("/")));
    Job job = new Job(workflowId, runId, base64(r, 16), request, readyAt);
    jobs.put(key(workflowId, runId), job);
    return job;
  }

  private static String base64(Rng r, int bytes) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return Base64.getEncoder().encodeToString(b);
  }

  private static String key(String workflowId, String runId) {
    return workflowId + "\n" + runId;
  }

  public Optional<Job> find(String workflowId, String runId) {
    return Optional.ofNullable(jobs.get(key(workflowId, runId)));
  }

  /** Jobs still running, for the concurrency cap. */
  public long running(long now) {
    return jobs.values().stream().filter(j -> j.state(now) == Job.State.RUNNING).count();
  }

  /** Issues a pre-signed file token for a completed job. */
  public String issueFileLink(Job job, long expiresAt) {
    byte[] b = new byte[24];
    tokens.nextBytes(b);
    String token = HexFormat.of().formatHex(b);
    files.put(token, new FileLink(job, expiresAt));
    return token;
  }

  public Optional<FileLink> file(String token) {
    return Optional.ofNullable(files.get(token));
  }

  public void clear() {
    jobs.clear();
    files.clear();
  }
}
