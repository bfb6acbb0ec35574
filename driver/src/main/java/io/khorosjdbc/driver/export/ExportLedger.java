package io.khorosjdbc.driver.export;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Every export job this JVM ran, newest last, bounded so a long-lived process does not grow
 * without limit. Read by the {@code exports} system table.
 */
public final class ExportLedger {
  /** The JVM-wide ledger: the exports table shows jobs of all connections. */
  public static final ExportLedger GLOBAL = new ExportLedger(10_000);

  private final int capacity;
  private final Deque<JobRecord> jobs = new ArrayDeque<>();

  public ExportLedger(int capacity) {
    this.capacity = capacity;
  }

  synchronized JobRecord open(ExportSpec spec) {
    JobRecord job = new JobRecord(spec);
    jobs.addLast(job);
    while (jobs.size() > capacity) {
      jobs.removeFirst();
    }
    return job;
  }

  public synchronized List<JobRecord> jobs() {
    return List.copyOf(jobs);
  }
}
