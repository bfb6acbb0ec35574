package io.khorosjdbc.driver.export;

import static java.util.Objects.requireNonNull;

import io.khorosjdbc.driver.api.ApiSettings;
import io.khorosjdbc.driver.api.RequestBudget;
import io.khorosjdbc.driver.api.RetryPolicy;
import java.nio.file.Path;

/**
 * What makes two connections share one {@link TenantScheduler}: the same tenant, credentials and
 * HTTP settings, budget and job limit. Connections that differ in any of these get schedulers of
 * their own, which still share the request budget through {@code stateDirectory}.
 *
 * @param tenantKey host, port and company key, safe as a file name (never a secret)
 * @param api where and as whom to call the API
 * @param retry how failed requests are repeated
 * @param budget the tenant's request budget
 * @param maxJobs the most export jobs running at once for the tenant (0: no limit)
 * @param stateDirectory where the tenant's shared state lives (request log, saved jobs, learned
 *     durations), shared by every process of the user
 */
public record SchedulerSettings(
    String tenantKey,
    ApiSettings api,
    RetryPolicy retry,
    RequestBudget.Spec budget,
    int maxJobs,
    Path stateDirectory) {

  public SchedulerSettings {
    requireNonNull(tenantKey, "tenantKey");
    requireNonNull(api, "api");
    requireNonNull(retry, "retry");
    requireNonNull(budget, "budget");
    requireNonNull(stateDirectory, "stateDirectory");
  }

  @Override
  public String toString() {
    return "SchedulerSettings[" + api + ", budget=" + budget + ", maxJobs=" + maxJobs + "]";
  }
}
