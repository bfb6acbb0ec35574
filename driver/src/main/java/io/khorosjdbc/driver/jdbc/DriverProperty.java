package io.khorosjdbc.driver.jdbc;

import java.util.Locale;

/**
 * Every connection property the driver reads, with its default, description, whether it is required
 * and the choices it takes. This enum is the one source for {@code Driver.getPropertyInfo}, {@link
 * ConnectionConfig} and the docs (a test checks that each property is documented and changes its
 * setting).
 */
public enum DriverProperty {
  URL(
      "url",
      null,
      "Base URL of the Analytics API, e.g. https://analytics-api.app.lithium.com or "
          + "the emulator's http://127.0.0.1:8089. Overrides region."),
  REGION(
      "region", "us", "Public host to use when url is not set: us or emea.", false, "us", "emea"),
  COMPANY_KEY(
      "companyKey",
      null,
      "The tenant's Analytics API company key (required; or env " + "KHOROS_COMPANY_KEY).",
      true),
  USER("user", null, "Analytics API user name (or env KHOROS_USER)."),
  PASSWORD("password", null, "Analytics API password (or env KHOROS_PASSWORD). Never logged."),
  PROPERTIES_FILE(
      "propertiesFile",
      null,
      "A .properties file with any of these properties "
          + "(for example the password), read before the URL's own properties."),
  FORMAT(
      "format",
      "csv",
      "Export format to download: csv or json. Columns that the API returns "
          + "only in JSON switch that export to json automatically.",
      false,
      "csv",
      "json"),
  TYPE_MODE(
      "typeMode",
      "typed",
      "typed: convert values to TIMESTAMP, BIGINT, DOUBLE, BOOLEAN; "
          + "strings: expose every column as VARCHAR.",
      false,
      "typed",
      "strings"),
  DATE_FORMAT(
      "dateFormat",
      null,
      "A java.time pattern (dd/MM/yyyy HH:mm:ss) every timestamp "
          + "column is read with instead of detecting its format per file among ISO-8601, "
          + "yyyy-MM-dd HH:mm:ss, epoch millis, MM/dd/yyyy hh:mm:ss a, dd/MM/yyyy HH:mm:ss, "
          + "dd.MM.yyyy HH:mm:ss and MM/dd/yyyy HH:mm:ss. Needed when slash dates fit both day first "
          + "and month first."),
  API_LOCALE(
      "apiLocale",
      "en_US",
      "The locale the driver asks the API to format values in; "
          + "BIGINT and DOUBLE values are read with its grouping and decimal separators (de_DE: "
          + "1.234,5)."),
  API_TIME_ZONE(
      "apiTimeZone",
      "UTC",
      "The time zone the driver asks the API to format "
          + "timestamps in; values are read back in the same zone."),
  DEFAULT_WINDOW(
      "defaultWindow",
      "7d",
      "Window used when a query has no time predicate: a "
          + "duration ending now (7d, 24h, PT30M), or none to make such queries an error."),
  END_TIME_INCLUSIVE(
      "endTimeInclusive",
      "false",
      "false: the API reads endTime as exclusive, "
          + "so a window [a, b) is sent as endTime=b. true: the API includes endTime, so the driver "
          + "sends b - 1 ms.",
      false,
      "true",
      "false"),
  EXPORT_TIMEOUT(
      "exportTimeout", "1h", "How long one export may stay RUNNING before the query " + "fails."),
  DISCOVERY_TIMEOUT(
      "discoveryTimeout",
      "2m",
      "How long the background discovery of a table's "
          + "columns (a tiny export, run only when a query found the tenant's columns differ from "
          + "the catalog's) may take."),
  POLL_INITIAL(
      "pollInitialDelay",
      "1s",
      "The shortest wait before a status poll. Polls are "
          + "planned from how long the tenant's jobs took before (dense near the expected end) and "
          + "never come faster than the request budget allows (1.8 s at 20 a minute)."),
  POLL_MAX(
      "pollMaxDelay",
      "60s",
      "Longest wait between status polls of a job whose duration "
          + "is not known yet (they grow by 10% of its running time)."),
  SPLIT_WINDOW(
      "splitWindow",
      "auto",
      "How event exports are cut into pieces that run in "
          + "parallel: auto cuts only when the tenant's past jobs show it pays under the request "
          + "budget (each piece costs its own create, polls and download); a duration (7d, 1d) "
          + "cuts into pieces of that length aligned to UTC multiples (7d: Monday to Monday); none "
          + "cuts only where the API requires it. Snapshot and aggregate exports are never cut."),
  MAX_CONCURRENT_EXPORTS(
      "maxConcurrentExports", "4", "The most pieces splitWindow=auto cuts " + "one window into."),
  CONNECT_TIMEOUT("connectTimeout", "10s", "HTTP connect timeout."),
  READ_TIMEOUT("readTimeout", "60s", "HTTP read timeout (between bytes)."),
  SCHEMA_CACHE("schemaCache", "true", "Cache discovered columns on disk.", false, "true", "false"),
  SCHEMA_CACHE_DIR(
      "schemaCacheDir", null, "Directory of the column cache (default " + "~/.cache/khoros-jdbc)."),
  SCHEMA_CACHE_TTL("schemaCacheTtl", "24h", "How long discovered columns are trusted."),
  SCHEMA_FILE(
      "schemaFile",
      null,
      "JSON file listing columns per table; listed tables are not " + "discovered."),
  CACHE(
      "cache",
      "true",
      "Keep downloaded exports on disk and answer repeated windows from "
          + "them without API calls.",
      false,
      "true",
      "false"),
  CACHE_DIR(
      "cacheDir",
      null,
      "Directory of the export cache and of each tenant's shared "
          + "state: the request log that paces every process of the user, the saved export jobs "
          + "that a query run again attaches to, and the learned job durations (default "
          + "~/.cache/khoros-jdbc/exports)."),
  CACHE_TTL(
      "cacheTtl",
      "5m",
      "How long an export of a recent window (ending less than a day "
          + "ago, whose data may still change) is reused."),
  CACHE_CLOSED_TTL(
      "cacheClosedTtl",
      "12h",
      "How long an export of a window that ended more "
          + "than a day ago is reused (keep it below the API's 24-hour link life)."),
  CACHE_MAX_SIZE(
      "cacheMaxSize",
      "1g",
      "Largest size of the export cache (k, m, g); least " + "recently used exports go first."),
  CACHE_MEMORY(
      "cacheMemory",
      "auto",
      "Heap for typed copies of cached exports (k, m, g; 0 keeps none): a query that reads a "
          + "cached export again takes the values an earlier query converted instead of parsing "
          + "the file. Shared by the connections of one JVM; least recently used copies go first; "
          + "an export larger than this is parsed each time. auto: an eighth of the maximum heap."),
  CACHE_CLEAR(
      "cacheClear", "false", "Empty the export cache when connecting.", false, "true", "false"),
  ALLOW_INSECURE_HTTP(
      "allowInsecureHttp",
      "false",
      "Allow Basic auth over plain http to a host " + "that is not loopback.",
      false,
      "true",
      "false"),
  MAX_RETRIES(
      "maxRetries",
      "4",
      "How often a failed request is repeated: status, download, "
          + "teams and time zones after a reset, timeout, 429 or 5xx; creating an export only when "
          + "the server cannot have started it (connection refused, 429, 503 with Retry-After); a "
          + "download that broke off is fetched again from the download URL. 0 turns retries off."),
  RETRY_BASE_DELAY(
      "retryBaseDelay",
      "250ms",
      "Wait before the first retry; it doubles per "
          + "retry (with random jitter) up to retryMaxDelay."),
  RETRY_MAX_DELAY(
      "retryMaxDelay",
      "10s",
      "Longest wait between retries, also the cap on a " + "server's Retry-After."),
  REQUEST_BUDGET(
      "requestBudget",
      "20/1m",
      "The tenant's API request budget: at most N requests "
          + "per period (20/1m, as Khoros documents for the Analytics Reports API), counted over a "
          + "sliding window and shared by every connection of the tenant (host and companyKey) in "
          + "the JVM and, through cacheDir, by every process of the user on this machine; off for "
          + "no limit. A 429 pauses the tenant and lowers the budget for a while."),
  MAX_REQUESTS_PER_SECOND(
      "maxRequestsPerSecond",
      null,
      "Deprecated: use requestBudget. N "
          + "means requestBudget=60N/1m when requestBudget is not set; 0 means off."),
  MAX_JOBS_PER_TENANT(
      "maxJobsPerTenant",
      "4",
      "Most export jobs running at once, shared by all "
          + "connections of the same tenant in the JVM; 0 for no limit."),
  MAX_TIME_BUCKETS(
      "maxTimeBuckets",
      "41",
      "Most timeInterval buckets a team_performance_interval "
          + "export may need; more fails the query before any request. Khoros does not document the "
          + "cap (its examples imply 31 to 41); 0 leaves the check to the server.");

  private final String key;
  private final String defaultValue;
  private final String description;
  private final boolean required;
  private final String[] choices;

  DriverProperty(String key, String defaultValue, String description) {
    this(key, defaultValue, description, false);
  }

  DriverProperty(
      String key, String defaultValue, String description, boolean required, String... choices) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
    this.required = required;
    this.choices = choices.length == 0 ? null : choices;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** Whether a connection needs it (from the URL, a properties file or the environment). */
  public boolean required() {
    return required;
  }

  /** Choices offered in tools' property editors, or null when free text. */
  public String[] choices() {
    return choices == null ? null : choices.clone();
  }

  public boolean isSecret() {
    return this == PASSWORD;
  }

  @Override
  public String toString() {
    return key.toLowerCase(Locale.ROOT);
  }
}
