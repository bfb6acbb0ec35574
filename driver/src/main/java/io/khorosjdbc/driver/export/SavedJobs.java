package io.khorosjdbc.driver.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export jobs the server is running or has finished for this machine, kept in the cache
 * directory. Every export job costs the tenant server time and quota, and a query that is run again
 * after a cancel, a query timeout or a restart of the tool (a new JVM) asks for exactly the job
 * that already exists; with this ledger it attaches to that job instead of paying for a new one.
 *
 * <p>Several processes on one machine (a BI server, DBeaver, a script) use the same file at once,
 * so every change is a locked read-change-write of the whole file (see {@link SharedFile}). On
 * every write, entries that can no longer be used are dropped: completed jobs whose download link
 * is no longer trusted, and running jobs older than a day. The file is bounded; the oldest jobs go
 * first.
 *
 * <p>The ledger is an optimisation, never a reason for a query to fail: a damaged or unreadable
 * file reads as empty (with one WARN) and is replaced by the next write, and when the file cannot
 * be written at all (read-only or missing cache directory) the ledger logs one WARN and keeps the
 * jobs in memory for the rest of this instance's life.
 *
 * <p>The status and download URLs carry a per-job access token: the file is created owner-only
 * where the file system has POSIX permissions, and only keys and workflow IDs are ever logged. The
 * file, oldest job first:
 *
 * <pre>{@code
 * {"format": 1, "jobs": [{"key": "...", "workflowId": "...", "runId": "...", "statusUrl": "...",
 *     "downloadUrl": null, "createdAt": 1750000000000, "completedAt": 0}]}
 * }</pre>
 */
public final class SavedJobs {
  private static final Logger LOG = LoggerFactory.getLogger(SavedJobs.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final int FORMAT = 1;
  private static final Comparator<SavedJob> OLDEST_FIRST =
      Comparator.comparingLong(SavedJob::createdAt).thenComparing(SavedJob::key);

  /** How many jobs the file keeps at most; far more than any real use, bounds the file's size. */
  static final int CAPACITY = 10_000;

  /** How long a job that never completed is kept: the server gives up on a job long before. */
  static final Duration RUNNING_KEPT = Duration.ofDays(1);

  /**
   * One export job the server knows.
   *
   * @param key a secret-free digest of the exact request (the caller computes it)
   * @param workflowId the job's workflow ID
   * @param runId the job's run ID
   * @param statusUrl where to poll the job's status (carries an access token)
   * @param downloadUrl where to download the result (carries an access token), or {@code null}
   *     while the job runs
   * @param createdAt when the job was created, epoch milliseconds
   * @param completedAt when the job completed (its download link was issued), epoch milliseconds,
   *     or 0 while it runs
   */
  public record SavedJob(
      String key,
      String workflowId,
      String runId,
      String statusUrl,
      String downloadUrl,
      long createdAt,
      long completedAt) {

    public SavedJob {
      requireNonNull(key, "key");
      requireNonNull(workflowId, "workflowId");
      requireNonNull(runId, "runId");
      requireNonNull(statusUrl, "statusUrl");
      downloadUrl = downloadUrl == null || downloadUrl.isBlank() ? null : downloadUrl;
      if (createdAt < 0 || completedAt < 0) {
        throw new IllegalArgumentException("negative time in saved job " + key);
      }
      if (completedAt > 0 && downloadUrl == null) {
        throw new IllegalArgumentException("completed saved job " + key + " has no download URL");
      }
    }

    /** Whether the job completed: its download link is known. */
    public boolean completed() {
      return completedAt > 0;
    }

    /** Without the URLs: they carry an access token. */
    @Override
    public String toString() {
      return "SavedJob[key="
          + key
          + ", workflowId="
          + workflowId
          + ", runId="
          + runId
          + ", createdAt="
          + createdAt
          + ", completedAt="
          + completedAt
          + "]";
    }
  }

  private final SharedFile file;
  private final long linkLifeMillis;
  private final Clock clock;
  private final int capacity;

  /**
   * Set once the file could not be written: from then on the ledger lives here only. Replaced,
   * never changed in place, so that readers need no lock.
   */
  private volatile Map<String, SavedJob> inMemory;

  private volatile boolean damageReported;

  /**
   * @param file the ledger file, in the cache directory; created when first written
   * @param linkLife how long a completed job's download link is trusted (the link itself lives 24
   *     hours; the caller passes that minus a margin)
   * @param clock the source of "now" for the ages of jobs
   */
  public SavedJobs(Path file, Duration linkLife, Clock clock) {
    this(file, linkLife, clock, CAPACITY);
  }

  SavedJobs(Path file, Duration linkLife, Clock clock, int capacity) {
    this.file = new SharedFile(requireNonNull(file, "file"));
    requireNonNull(linkLife, "linkLife");
    if (linkLife.isNegative() || linkLife.isZero()) {
      throw new IllegalArgumentException("linkLife must be positive: " + linkLife);
    }
    this.linkLifeMillis = linkLife.toMillis();
    this.clock = requireNonNull(clock, "clock");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * The job for this key if it can still be used: running and created less than {@code maxRunning}
   * ago, or completed less than the link life ago.
   */
  public Optional<SavedJob> find(String key, Duration maxRunning) {
    requireNonNull(key, "key");
    requireNonNull(maxRunning, "maxRunning");
    SavedJob job = current().get(key);
    if (job == null) {
      return Optional.empty();
    }
    long now = clock.millis();
    boolean usable =
        job.completed()
            ? now - job.completedAt() < linkLifeMillis
            : now - job.createdAt() < maxRunning.toMillis();
    return usable ? Optional.of(job) : Optional.empty();
  }

  /** Saves the job, replacing any job with the same key. */
  public void save(SavedJob job) {
    requireNonNull(job, "job");
    change(jobs -> jobs.put(job.key(), job));
    LOG.debug(
        "saved export job {} (workflowId {}, {})",
        job.key(),
        job.workflowId(),
        job.completed() ? "completed" : "running");
  }

  /** Forgets the job with this key, if any. */
  public void remove(String key) {
    requireNonNull(key, "key");
    change(jobs -> jobs.remove(key));
  }

  /** Every saved job, oldest first, including ones no longer usable but not yet dropped. */
  public List<SavedJob> all() {
    List<SavedJob> jobs = new ArrayList<>(current().values());
    jobs.sort(OLDEST_FIRST);
    return List.copyOf(jobs);
  }

  private Map<String, SavedJob> current() {
    Map<String, SavedJob> memory = inMemory;
    return memory != null ? new LinkedHashMap<>(memory) : parse(file::read);
  }

  /** Applies a change; one at a time per instance (other instances queue on the file's lock). */
  private synchronized void change(Consumer<Map<String, SavedJob>> change) {
    if (inMemory == null) {
      try {
        file.update(
            current -> {
              Map<String, SavedJob> jobs = parse(current);
              change.accept(jobs);
              return serialize(kept(jobs.values()));
            });
        return;
      } catch (IOException e) {
        LOG.warn(
            "cannot write the saved export jobs file {} ({}); keeping saved jobs in memory"
                + " only",
            file.path(),
            SharedFile.describe(e));
        damageReported = true; // what can still be read is kept, without a second WARN
        inMemory = parse(file::read);
      }
    }
    Map<String, SavedJob> jobs = new LinkedHashMap<>(inMemory);
    change.accept(jobs);
    Map<String, SavedJob> kept = new LinkedHashMap<>();
    kept(jobs.values()).forEach(job -> kept.put(job.key(), job));
    inMemory = kept;
  }

  /** The jobs still worth keeping, oldest first, at most {@code capacity} of them. */
  private List<SavedJob> kept(Collection<SavedJob> jobs) {
    long now = clock.millis();
    List<SavedJob> kept = new ArrayList<>();
    for (SavedJob job : jobs) {
      boolean keep =
          job.completed()
              ? now - job.completedAt() < linkLifeMillis
              : now - job.createdAt() < RUNNING_KEPT.toMillis();
      if (keep) {
        kept.add(job);
      }
    }
    kept.sort(OLDEST_FIRST);
    return kept.size() <= capacity ? kept : kept.subList(kept.size() - capacity, kept.size());
  }

  private static byte[] serialize(List<SavedJob> jobs) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ArrayNode array = root.putArray("jobs");
    jobs.forEach(job -> array.add(JSON.valueToTree(job)));
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  /** The saved jobs by key, oldest first; empty (after one WARN) if the file is damaged. */
  private Map<String, SavedJob> parse(SharedFile.Source source) {
    Map<String, SavedJob> jobs = new LinkedHashMap<>();
    try {
      Optional<byte[]> content = source.content();
      if (content.isEmpty()) {
        return jobs;
      }
      JsonNode root = JSON.readTree(content.get());
      JsonNode array = root == null ? null : root.get("jobs");
      if (array == null || !array.isArray()) {
        throw new IOException("not a saved export jobs file");
      }
      int skipped = 0;
      for (JsonNode entry : array) {
        try {
          SavedJob job = JSON.treeToValue(entry, SavedJob.class);
          jobs.put(job.key(), job);
        } catch (IOException | IllegalArgumentException e) {
          skipped++;
        }
      }
      if (skipped > 0) {
        reportDamage(skipped + " damaged entries skipped");
      } else {
        damageReported = false;
      }
    } catch (IOException e) {
      reportDamage(SharedFile.describe(e));
      jobs.clear();
    }
    return jobs;
  }

  private void reportDamage(String what) {
    if (!damageReported) {
      damageReported = true;
      LOG.warn(
          "ignoring the unreadable part of the saved export jobs file {} ({}); it is"
              + " rewritten on the next save",
          file.path(),
          what);
    }
  }
}
