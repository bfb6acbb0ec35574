package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.AnalyticsClient;
import io.khorosjdbc.driver.api.ApiException;
import io.khorosjdbc.driver.api.CallGroup;
import io.khorosjdbc.driver.api.ExportHandle;
import io.khorosjdbc.driver.api.ExportRequest;
import io.khorosjdbc.driver.api.JobStatus;
import io.khorosjdbc.driver.api.RequestBudget;
import io.khorosjdbc.driver.error.SqlState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that runs a tenant's export jobs in this JVM, shared by every connection with the
 * same {@link SchedulerSettings}: one HTTP client, one request budget, one set of threads, and one
 * registry of {@link ExportJob}s, so an export that several queries need runs once.
 *
 * <p>Jobs wait in a priority queue for one of the tenant's job slots; a worker creates each one,
 * then timers schedule its polls by a {@link PollPlan} (no thread sleeps while a job runs). A job's
 * id and URLs are saved in the cache directory ({@link SavedJobs}), so a query run again after a
 * cancel, a timeout or a restart attaches to the job that exists instead of creating another. How
 * long jobs take is learned per report ({@link JobDurations}) to plan polls.
 *
 * <p>One watcher turns statements' cancel flags and deadlines into {@link QueryControl#stop}; a
 * stopped query leaves its jobs, and a job nobody waits for stops polling until a query attaches
 * again. The scheduler closes when the last connection leaves.
 */
public final class TenantScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(TenantScheduler.class);
  private static final Map<SchedulerSettings, TenantScheduler> OPEN = new HashMap<>();
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final long WATCH_INTERVAL_MILLIS = 20;

  /**
   * A download link lives 24 h (analytics-api.md); an hour's margin covers clock skew and a slow
   * read.
   */
  private static final Duration LINK_LIFE = Duration.ofHours(23);

  private final SchedulerSettings settings;
  private final AnalyticsClient client;
  private final RequestBudget budget;
  private final JobDurations durations;
  private final SavedJobs savedJobs;
  private final ExportLedger ledger;
  private final ScheduledExecutorService timers;
  private final ExecutorService workers;
  private final Map<String, ExportJob> jobs = new HashMap<>();
  private final PriorityQueue<ExportJob> queue =
      new PriorityQueue<>(Comparator.comparing(ExportJob::priority));
  private final Set<QueryControl> watched = ConcurrentHashMap.newKeySet();
  private int slotsInUse;
  private int connections;
  private boolean closed;

  private TenantScheduler(SchedulerSettings settings) throws ApiException {
    this.settings = settings;
    Clock clock = Clock.systemUTC();
    this.budget =
        settings.budget().isOff()
            ? RequestBudget.unlimited()
            : RequestBudget.of(
                settings.budget().permits(),
                settings.budget().window(),
                Optional.of(settings.stateDirectory().resolve("requests.log")));
    this.client = new AnalyticsClient(settings.api(), settings.retry(), budget);
    this.durations =
        new JobDurations(Optional.of(settings.stateDirectory().resolve("durations.ledger")), clock);
    this.savedJobs =
        new SavedJobs(settings.stateDirectory().resolve("jobs.ledger"), LINK_LIFE, clock);
    this.ledger = ExportLedger.forTenant(settings.tenantKey());
    int id = SEQUENCE.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            daemon("khoros-scheduler-" + id + "-timer", threads));
    this.workers =
        Executors.newCachedThreadPool(daemon("khoros-scheduler-" + id + "-worker", threads));
    timers.scheduleWithFixedDelay(
        this::watchStatements, WATCH_INTERVAL_MILLIS, WATCH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The scheduler for these settings, opened by the first connection that needs it. */
  public static TenantScheduler join(SchedulerSettings settings) throws ApiException {
    synchronized (OPEN) {
      TenantScheduler scheduler = OPEN.get(settings);
      if (scheduler == null) {
        scheduler = new TenantScheduler(settings);
        OPEN.put(settings, scheduler);
      }
      scheduler.connections++;
      return scheduler;
    }
  }

  /** A connection is done with the scheduler; the last one to leave closes it. */
  public void leave() {
    synchronized (OPEN) {
      if (--connections > 0) {
        return;
      }
      OPEN.remove(settings, this);
    }
    close();
  }

  public AnalyticsClient client() {
    return client;
  }

  public RequestBudget budget() {
    return budget;
  }

  public ExportLedger ledger() {
    return ledger;
  }

  public JobDurations durations() {
    return durations;
  }

  /** Jobs holding one of the tenant's job slots now (diagnostics and tests). */
  public synchronized int runningJobs() {
    return slotsInUse;
  }

  /** Follows a query's cancel flag and deadline until it ends. */
  void watch(QueryControl control) {
    watched.add(control);
  }

  /**
   * Attaches {@code export} to the job for its request: the one running or ready in this JVM, or
   * one saved in the cache directory by an earlier query or process, or a new one.
   */
  synchronized void attach(RunningExport export, ExportRequest request, ExportSettings connection) {
    if (closed) {
      throw new ExportException(SqlState.CONNECTION_CLOSED, "connection closed");
    }
    String key = RequestKey.of(settings.tenantKey(), request);
    ExportJob job = jobs.get(key);
    JobRecord.Origin origin = JobRecord.Origin.SHARED;
    if (job == null
        || job.state == ExportJob.State.FAILED
        || job.state == ExportJob.State.EXPIRED) {
      job = new ExportJob(key, export.spec(), request, connection);
      origin = resume(job) ? JobRecord.Origin.SAVED : JobRecord.Origin.NEW;
      jobs.put(key, job);
    }
    job.waiters.add(export);
    export.attached(job, origin);
    switch (job.state) {
      case QUEUED -> {
        queue.remove(job);
        queue.add(job); // re-ranked: the waiter may raise its priority
        startQueued();
      }
      case RUNNING -> {
        if (!job.holdsSlot) {
          job.holdsSlot = true; // it runs on the server already: no queueing for a slot
          slotsInUse++;
        }
        if (job.nextPoll == null && job.calls == null) {
          schedulePoll(job);
        }
      }
      default -> {
        // CREATING: the create's answer schedules the polls; READY: nothing to wait for
      }
    }
  }

  /** Takes over a job an earlier query or process saved; false when there is none. */
  private boolean resume(ExportJob job) {
    Optional<SavedJobs.SavedJob> saved = savedJobs.find(job.key, job.settings.exportTimeout());
    if (saved.isEmpty()) {
      return false;
    }
    SavedJobs.SavedJob s = saved.get();
    job.handle = new ExportHandle(s.workflowId(), s.runId(), s.statusUrl(), s.downloadUrl());
    job.createdAt = s.createdAt();
    if (s.completedAt() > 0 && s.downloadUrl() != null) {
      job.state = ExportJob.State.READY;
      job.readyAt = s.completedAt();
      job.ready().complete(s.downloadUrl());
    } else {
      job.state = ExportJob.State.RUNNING;
    }
    LOG.info("attaching to saved export job {} ({})", job.ids(), job.spec.describe());
    return true;
  }

  /** {@code export} no longer waits for its job; a job nobody waits for stops spending requests. */
  synchronized void detach(RunningExport export, ExportJob job) {
    if (!job.waiters.remove(export) || !job.waiters.isEmpty()) {
      return;
    }
    if (job.state == ExportJob.State.QUEUED) {
      queue.remove(job);
      jobs.remove(job.key, job); // never created: nothing to come back to
    } else if (job.state == ExportJob.State.RUNNING) {
      pause(job);
    }
  }

  private void pause(ExportJob job) {
    if (job.nextPoll != null) {
      job.nextPoll.cancel(false);
      job.nextPoll = null;
    }
    if (job.calls != null) {
      job.calls.cancel();
    }
    releaseSlot(job);
  }

  /**
   * The job can no longer give its file (its link expired, or the server forgot it): the queries
   * waiting for it, and the next that need the export, create it again.
   */
  synchronized void gone(ExportJob job, String why) {
    if (job.state == ExportJob.State.EXPIRED || job.state == ExportJob.State.FAILED) {
      return;
    }
    LOG.info("{}; the export {} is created again", why, job.spec.describe());
    job.state = ExportJob.State.EXPIRED;
    jobs.remove(job.key, job);
    savedJobs.remove(job.key);
    if (job.nextPoll != null) {
      job.nextPoll.cancel(false);
      job.nextPoll = null;
    }
    releaseSlot(job);
    job.ready().completeExceptionally(new JobGoneException(why));
  }

  private void startQueued() {
    while (!queue.isEmpty() && (settings.maxJobs() <= 0 || slotsInUse < settings.maxJobs())) {
      ExportJob job = queue.poll();
      job.state = ExportJob.State.CREATING;
      job.holdsSlot = true;
      slotsInUse++;
      job.calls = new CallGroup(job.priority());
      CallGroup calls = job.calls;
      workers.execute(() -> create(job, calls));
    }
  }

  private void releaseSlot(ExportJob job) {
    if (job.holdsSlot) {
      job.holdsSlot = false;
      slotsInUse--;
      startQueued();
    }
  }

  /**
   * Runs on a worker: sends the create. It is not cancelled when queries leave, so its id is kept.
   */
  private void create(ExportJob job, CallGroup calls) {
    ExportHandle handle;
    try {
      handle = client.createExport(job.request, calls);
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        job.calls = null;
        fail(
            job,
            new ExportException("export " + job.spec.describe() + " failed: " + e.getMessage(), e),
            false);
      }
      return;
    }
    // The job's age counts from the server's answer, not from before the budget let it go.
    long created = System.currentTimeMillis();
    synchronized (this) {
      job.calls = null;
      job.handle = handle;
      job.createdAt = created;
      job.state = ExportJob.State.RUNNING;
      savedJobs.save(saved(job, null, 0));
      LOG.debug("export created: {} ({})", job.spec.describe(), job.ids());
      if (closed) {
        return;
      }
      if (job.waiters.isEmpty()) {
        pause(job);
      } else {
        schedulePoll(job);
      }
    }
  }

  private void schedulePoll(ExportJob job) {
    long elapsed = System.currentTimeMillis() - job.createdAt;
    long delay = pollPlan(job).nextDelayMillis(elapsed);
    job.nextPoll =
        timers.schedule(() -> workers.execute(() -> poll(job)), delay, TimeUnit.MILLISECONDS);
  }

  private PollPlan pollPlan(ExportJob job) {
    // Jobs polled at once share the budget: each one's pace is its share.
    long budgetGap =
        budget.isUnlimited()
            ? 0
            : (long)
                (0.6 * budget.window().toMillis() / budget.permits() * Math.max(1, slotsInUse));
    long minGap = Math.max(1, Math.max(budgetGap, job.settings.pollInitialDelay().toMillis()));
    long maxGap = Math.max(minGap, job.settings.pollMaxDelay().toMillis());
    return new PollPlan(
        minGap, maxGap, durations.estimate(job.spec.report().table(), job.windowDays()));
  }

  /** Runs on a worker when a poll is due. */
  private void poll(ExportJob job) {
    CallGroup calls;
    synchronized (this) {
      job.nextPoll = null;
      if (closed || job.waiters.isEmpty() || job.state != ExportJob.State.RUNNING) {
        return;
      }
      calls = new CallGroup(job.priority());
      job.calls = calls;
    }
    JobStatus status;
    try {
      status = client.status(job.handle, calls);
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        job.calls = null;
        if (e instanceof ApiException api && api.httpStatus() == 404) {
          gone(job, "the server no longer knows export job " + job.ids());
        } else if (!calls.isCancelled()) {
          fail(
              job,
              new ExportException(
                  "export "
                      + job.spec.describe()
                      + " failed ("
                      + job.ids()
                      + "): "
                      + e.getMessage(),
                  e),
              false);
        }
      }
      return;
    }
    synchronized (this) {
      job.calls = null;
      job.polls++;
      long now = System.currentTimeMillis();
      if (status.isCompleted()) {
        completed(job, status, now);
      } else if (status.isFailed()) {
        fail(
            job,
            new ExportException(
                "export "
                    + job.spec.describe()
                    + " FAILED on the server ("
                    + job.ids()
                    + ", detail="
                    + status.detail()
                    + reason(status)
                    + "); retry the query, "
                    + "and if it fails again narrow the window or contact Khoros support with the job "
                    + "ids"),
            true);
      } else if (status.isUnknown()) {
        fail(
            job,
            new ExportException(
                "export "
                    + job.spec.describe()
                    + " ("
                    + job.ids()
                    + ") is in a state the driver does not know; the server sent "
                    + status.inServersWords()
                    + "; the documented states are RUNNING, CLOSED with "
                    + "detail COMPLETED or FAILED, and CLOSED with a download URL; the API may have "
                    + "changed, please report this message"),
            true);
      } else if (now - job.createdAt > job.settings.exportTimeout().toMillis()) {
        fail(
            job,
            new ExportException(
                "export "
                    + job.spec.describe()
                    + " still RUNNING after "
                    + job.settings.exportTimeout()
                    + " ("
                    + job.ids()
                    + "); raise the exportTimeout "
                    + "property or narrow the window"),
            false);
      } else {
        job.lastSeenRunningAt = now;
        if (!closed && !job.waiters.isEmpty()) {
          schedulePoll(job);
        }
      }
    }
  }

  private void completed(ExportJob job, JobStatus status, long now) {
    String url = status.downloadUrl() != null ? status.downloadUrl() : job.handle.downloadUrl();
    if (url == null) {
      fail(
          job,
          new ExportException(
              "export "
                  + job.spec.describe()
                  + " is COMPLETED but the "
                  + "server gave no download URL ("
                  + job.ids()
                  + "); the API may have changed, please "
                  + "report it"),
          true);
      return;
    }
    // The job ended between the last poll that saw it running and this one. Seen done on its
    // first poll, only its upper bound is known: taking that (rather than half of it, which
    // would pull later first polls ever earlier) lets the next first poll move down to it.
    long ended = job.lastSeenRunningAt == 0 ? now : (job.lastSeenRunningAt + now) / 2;
    durations.record(job.spec.report().table(), job.windowDays(), ended - job.createdAt);
    job.state = ExportJob.State.READY;
    job.readyAt = now;
    savedJobs.save(saved(job, url, now));
    releaseSlot(job);
    job.ready().complete(url);
  }

  /**
   * @param forget whether the server said the job will never complete, so the saved job goes too
   */
  private void fail(ExportJob job, ExportException failure, boolean forget) {
    job.state = ExportJob.State.FAILED;
    jobs.remove(job.key, job);
    if (forget) {
      savedJobs.remove(job.key);
    }
    releaseSlot(job);
    job.ready().completeExceptionally(failure);
  }

  private static SavedJobs.SavedJob saved(ExportJob job, String downloadUrl, long completedAt) {
    return new SavedJobs.SavedJob(
        job.key,
        job.handle.workflowId(),
        job.handle.runId(),
        job.handle.statusUrl(),
        downloadUrl != null ? downloadUrl : job.handle.downloadUrl(),
        job.createdAt,
        completedAt);
  }

  private static String reason(JobStatus status) {
    return status.reason() == null ? "" : ", reason=" + status.reason();
  }

  /** The watcher's round: stop every query whose cancel flag is set or whose time ran out. */
  private void watchStatements() {
    boolean stoppedAny = false;
    for (QueryControl control : watched) {
      if (control.stopIfDue()) {
        watched.remove(control);
        stoppedAny = true;
      }
    }
    if (stoppedAny) {
      budget.wakeWaiters();
    }
  }

  /** Stops everything: calls in flight are cancelled and the threads end. */
  private void close() {
    List<ExportJob> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(jobs.values());
      queue.clear();
    }
    for (ExportJob job : all) {
      synchronized (this) {
        if (job.nextPoll != null) {
          job.nextPoll.cancel(false);
        }
        if (job.calls != null) {
          job.calls.cancel();
        }
        job.holdsSlot = false; // a closed scheduler runs nothing, whatever is still in flight
        job.ready()
            .completeExceptionally(
                new ExportException(SqlState.CONNECTION_CLOSED, "connection closed"));
      }
    }
    synchronized (this) {
      slotsInUse = 0;
    }
    watched.forEach(control -> control.stop("connection closed"));
    budget.wakeWaiters();
    timers.shutdownNow();
    workers.shutdownNow();
    client.close();
    try {
      if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
        LOG.warn("export threads did not stop within 2 s of closing the last connection");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String name, AtomicInteger count) {
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
