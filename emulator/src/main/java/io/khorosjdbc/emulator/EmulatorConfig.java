package io.khorosjdbc.emulator;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The complete, immutable configuration of one emulator, as built by {@link KhorosEmulator.Builder}
 * or parsed from the command line. Credentials are never printed by {@link #toString()}.
 *
 * @param port TCP port; 0 picks a free one
 * @param bindAddress address to listen on
 * @param jobLatencyMillis how long a job stays RUNNING (fixed latency)
 * @param jobMsPer1kRows if >= 0, latency is this many ms per 1,000 expected rows instead
 * @param jobLatencyJitterPercent each job's latency is multiplied by a factor in [1 - p/100, 1 +
 *     p/100] (0 to 100)
 * @param catalog replacement catalog file, or null for the bundled one
 * @param linkTtlMillis how long a job's downloadUrl works after completion
 * @param fileTtlMillis how long a pre-signed /files/ link works
 * @param maxRunningJobs cap on concurrently RUNNING jobs (0 = no cap); over it, create answers 429
 * @param rateLimit requests per sliding window and company on the API routes; over it, 429
 * @param rateLimitRetryAfter whether a rate-limit 429 carries Retry-After (the API documents none)
 * @param bucketCap most timeInterval buckets a team_performance_interval request may need
 * @param slowBytesPerSecond throughput of the {@code slow} fault
 * @param jsonKeys how the keys of JSON export rows spell the column names
 * @param statusDetailKey the status field that says how a closed job ended: detail or details
 * @param completedDetail that field's value for a completed job: COMPLETED, "" or null
 * @param numberFormat how numbers are printed: plainly, or in the request's {@code locale}
 * @param replay a capture ({@code khoros-sql --check --save}) whose tables the world imitates, or
 *     null
 * @param replayTimeScale multiplies the captured job times of replayed tables
 */
public record EmulatorConfig(
    int port,
    String bindAddress,
    long seed,
    int rowsPerDay,
    long jobLatencyMillis,
    long jobMsPer1kRows,
    int jobLatencyJitterPercent,
    Path catalog,
    String faults,
    String user,
    String password,
    String companyKey,
    StatusShape statusShape,
    boolean endInclusive,
    long linkTtlMillis,
    long fileTtlMillis,
    CsvHeaderStyle csvHeader,
    DateFormatStyle dateFormat,
    boolean jsonNullAsEmpty,
    boolean authorHistoryCheck,
    boolean strictParams,
    int maxRunningJobs,
    RateLimit rateLimit,
    boolean rateLimitRetryAfter,
    int bucketCap,
    int slowBytesPerSecond,
    JsonKeyStyle jsonKeys,
    StatusDetailKey statusDetailKey,
    CompletedDetail completedDetail,
    NumberFormatStyle numberFormat,
    Path replay,
    double replayTimeScale) {

  public EmulatorConfig {
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(jsonKeys, "jsonKeys");
    Objects.requireNonNull(statusDetailKey, "statusDetailKey");
    Objects.requireNonNull(completedDetail, "completedDetail");
    Objects.requireNonNull(numberFormat, "numberFormat");
    if (jobLatencyJitterPercent < 0 || jobLatencyJitterPercent > 100) {
      throw new IllegalArgumentException(
          "jobLatencyJitterPercent must be 0 to 100: " + jobLatencyJitterPercent);
    }
    if (rowsPerDay < 0) {
      throw new IllegalArgumentException("rowsPerDay must be >= 0: " + rowsPerDay);
    }
    if (bucketCap < 1) {
      throw new IllegalArgumentException("bucketCap must be >= 1: " + bucketCap);
    }
    if (slowBytesPerSecond < 1) {
      throw new IllegalArgumentException("slowBytesPerSecond must be >= 1: " + slowBytesPerSecond);
    }
    if (!(replayTimeScale >= 0) || Double.isInfinite(replayTimeScale)) {
      throw new IllegalArgumentException(
          "replayTimeScale must be a finite number >= 0: " + replayTimeScale);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** The job latency for a job expected to produce {@code rows} rows, before the jitter. */
  public long latencyFor(long rows) {
    return jobMsPer1kRows >= 0 ? jobMsPer1kRows * rows / 1000 : jobLatencyMillis;
  }

  @Override
  public String toString() {
    return "EmulatorConfig[port="
        + port
        + ", seed="
        + seed
        + ", rowsPerDay="
        + rowsPerDay
        + ", jobLatencyMillis="
        + jobLatencyMillis
        + ", jobMsPer1kRows="
        + jobMsPer1kRows
        + ", jobLatencyJitterPercent="
        + jobLatencyJitterPercent
        + ", catalog="
        + catalog
        + ", faults="
        + faults
        + ", user="
        + user
        + ", password=****, companyKey="
        + companyKey
        + ", statusShape="
        + statusShape
        + ", endInclusive="
        + endInclusive
        + ", linkTtlMillis="
        + linkTtlMillis
        + ", fileTtlMillis="
        + fileTtlMillis
        + ", csvHeader="
        + csvHeader
        + ", dateFormat="
        + dateFormat
        + ", numberFormat="
        + numberFormat
        + ", jsonNullAsEmpty="
        + jsonNullAsEmpty
        + ", authorHistoryCheck="
        + authorHistoryCheck
        + ", strictParams="
        + strictParams
        + ", maxRunningJobs="
        + maxRunningJobs
        + ", rateLimit="
        + rateLimit
        + ", rateLimitRetryAfter="
        + rateLimitRetryAfter
        + ", bucketCap="
        + bucketCap
        + ", slowBytesPerSecond="
        + slowBytesPerSecond
        + ", jsonKeys="
        + jsonKeys
        + ", statusDetailKey="
        + statusDetailKey
        + ", completedDetail="
        + completedDetail
        + ", numberFormat="
        + numberFormat
        + ", replay="
        + replay
        + ", replayTimeScale="
        + replayTimeScale
        + "]";
  }
}
