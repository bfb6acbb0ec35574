package io.khorosjdbc.driver.export;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every export job this JVM ran for one tenant, newest last, bounded so a long-lived process does
 * not grow without limit. Read by the {@code exports} system table.
 */
public final class ExportLedger {
  private static final int CAPACITY_PER_TENANT = 10_000;
  private static final ConcurrentMap<String, ExportLedger> BY_TENANT = new ConcurrentHashMap<>();

  private final int capacity;
  private final Deque<JobRecord> jobs = new ArrayDeque<>();

  public ExportLedger(int capacity) {
    this.capacity = capacity;
  }

  /**
   * The ledger shared by all connections of a tenant in this JVM. Per tenant, so that a tool
   * connected to two companies (DBeaver, a BI server) shows each connection only its own company's
   * jobs.
   */
  public static ExportLedger forTenant(String tenantKey) {
    return BY_TENANT.computeIfAbsent(tenantKey, key -> new ExportLedger(CAPACITY_PER_TENANT));
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
