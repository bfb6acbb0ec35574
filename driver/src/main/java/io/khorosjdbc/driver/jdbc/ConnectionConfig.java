package io.khorosjdbc.driver.jdbc;

import io.khorosjdbc.driver.api.ApiSettings;
import io.khorosjdbc.driver.api.ReportFormat;
import io.khorosjdbc.driver.api.RequestBudget;
import io.khorosjdbc.driver.api.RetryPolicy;
import io.khorosjdbc.driver.catalog.SchemaSettings;
import io.khorosjdbc.driver.error.SqlState;
import io.khorosjdbc.driver.export.ExportSettings;
import io.khorosjdbc.driver.export.SchedulerSettings;
import io.khorosjdbc.driver.sql.SqlSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;
import okhttp3.HttpUrl;

/**
 * The validated, immutable settings of one connection, read from the URL's properties, an optional
 * properties file and environment variables. Built once at connect time: a bad value fails the
 * connect with a message naming the property. {@link #toString()} masks the password.
 */
public record ConnectionConfig(
    HttpUrl baseUrl,
    String companyKey,
    String user,
    String password,
    ReportFormat format,
    boolean stringsOnly,
    Optional<String> dateFormat,
    String apiLocale,
    ZoneId apiTimeZone,
    Optional<Duration> defaultWindow,
    SqlSettings.SplitWindow splitWindow,
    boolean endTimeInclusive,
    Duration exportTimeout,
    Duration discoveryTimeout,
    Duration pollInitialDelay,
    Duration pollMaxDelay,
    int maxConcurrentExports,
    Duration connectTimeout,
    Duration readTimeout,
    boolean schemaCache,
    Path schemaCacheDir,
    Duration schemaCacheTtl,
    Optional<Path> schemaFile,
    boolean allowInsecureHttp,
    RetryPolicy retryPolicy,
    RequestBudget.Spec requestBudget,
    int maxJobsPerTenant,
    int maxTimeBuckets,
    ExportCacheConfig exportCache,
    Map<DriverProperty, String> effective) {

  /**
   * The export cache's settings.
   *
   * @param enabled whether exports are kept and reused
   * @param directory where they are kept
   * @param recentTtl how long an export of a window that ended less than a day ago is reused
   * @param closedTtl how long an export of an older window is reused
   * @param maxBytes the cache's largest size
   * @param clearOnConnect whether connecting empties it
   * @param memoryBytes the most heap typed copies of its exports take (0: none)
   */
  public record ExportCacheConfig(
      boolean enabled,
      Path directory,
      Duration recentTtl,
      Duration closedTtl,
      long maxBytes,
      boolean clearOnConnect,
      long memoryBytes) {}

  static final Map<String, String> REGION_HOSTS =
      Map.of(
          "us", "https://analytics-api.app.lithium.com",
          "emea", "https://analytics-api-emea.app.lithium.com");

  /**
   * Reads the properties; {@code env} stands for the process environment (tests pass their own).
   */
  public static ConnectionConfig from(Properties info, Map<String, String> env)
      throws SQLException {
    try {
      Properties props = withFileAndEnv(info, env);
      Reader reader = new Reader(props);
      Map<DriverProperty, String> effective = new EnumMap<>(DriverProperty.class);
      for (DriverProperty property : DriverProperty.values()) {
        if (property.required()) {
          reader.required(property);
        }
        reader.get(property).ifPresent(value -> effective.put(property, value));
      }
      String companyKey = reader.value(DriverProperty.COMPANY_KEY);
      return new ConnectionConfig(
          baseUrl(reader),
          companyKey,
          reader.get(DriverProperty.USER).orElse(""),
          reader.get(DriverProperty.PASSWORD).orElse(""),
          ReportFormat.valueOf(reader.choice(DriverProperty.FORMAT).toUpperCase(Locale.ROOT)),
          reader.choice(DriverProperty.TYPE_MODE).equals("strings"),
          reader.get(DriverProperty.DATE_FORMAT),
          reader.value(DriverProperty.API_LOCALE),
          zone(reader.value(DriverProperty.API_TIME_ZONE)),
          optionalDuration(
              DriverProperty.DEFAULT_WINDOW, reader.value(DriverProperty.DEFAULT_WINDOW)),
          splitWindow(reader.value(DriverProperty.SPLIT_WINDOW)),
          reader.bool(DriverProperty.END_TIME_INCLUSIVE),
          reader.duration(DriverProperty.EXPORT_TIMEOUT),
          reader.duration(DriverProperty.DISCOVERY_TIMEOUT),
          reader.duration(DriverProperty.POLL_INITIAL),
          reader.duration(DriverProperty.POLL_MAX),
          reader.positiveInt(DriverProperty.MAX_CONCURRENT_EXPORTS),
          reader.duration(DriverProperty.CONNECT_TIMEOUT),
          reader.duration(DriverProperty.READ_TIMEOUT),
          reader.bool(DriverProperty.SCHEMA_CACHE),
          reader
              .get(DriverProperty.SCHEMA_CACHE_DIR)
              .map(Path::of)
              .orElse(Path.of(System.getProperty("user.home"), ".cache", "khoros-jdbc")),
          reader.duration(DriverProperty.SCHEMA_CACHE_TTL),
          reader.get(DriverProperty.SCHEMA_FILE).map(Path::of),
          reader.bool(DriverProperty.ALLOW_INSECURE_HTTP),
          new RetryPolicy(
              reader.nonNegativeInt(DriverProperty.MAX_RETRIES),
              reader.duration(DriverProperty.RETRY_BASE_DELAY),
              reader.duration(DriverProperty.RETRY_MAX_DELAY)),
          requestBudget(reader),
          reader.nonNegativeInt(DriverProperty.MAX_JOBS_PER_TENANT),
          reader.nonNegativeInt(DriverProperty.MAX_TIME_BUCKETS),
          new ExportCacheConfig(
              reader.bool(DriverProperty.CACHE),
              reader
                  .get(DriverProperty.CACHE_DIR)
                  .map(Path::of)
                  .orElse(
                      Path.of(System.getProperty("user.home"), ".cache", "khoros-jdbc", "exports")),
              reader.duration(DriverProperty.CACHE_TTL),
              reader.duration(DriverProperty.CACHE_CLOSED_TTL),
              reader.bytes(DriverProperty.CACHE_MAX_SIZE),
              reader.bool(DriverProperty.CACHE_CLEAR),
              reader.heapShare(DriverProperty.CACHE_MEMORY)),
          Map.copyOf(effective));
    } catch (IllegalArgumentException e) {
      throw new SQLException("khoros-jdbc: " + e.getMessage(), SqlState.INVALID_VALUE.code(), e);
    }
  }

  /**
   * {@code requestBudget}, or the deprecated {@code maxRequestsPerSecond} (N per second) when only
   * that is given.
   */
  private static RequestBudget.Spec requestBudget(Reader reader) {
    Optional<String> budget = reader.get(DriverProperty.REQUEST_BUDGET);
    boolean explicit = reader.props().getProperty(DriverProperty.REQUEST_BUDGET.key()) != null;
    Optional<String> legacy = reader.get(DriverProperty.MAX_REQUESTS_PER_SECOND);
    if (!explicit && legacy.isPresent()) {
      double perSecond = reader.nonNegativeNumber(DriverProperty.MAX_REQUESTS_PER_SECOND);
      return perSecond == 0
          ? RequestBudget.parse("off")
          : RequestBudget.parse(Math.max(1, Math.round(perSecond * 60)) + "/1m");
    }
    return RequestBudget.parse(budget.orElseThrow());
  }

  /** What the SQL side needs of these settings. */
  public SqlSettings sqlSettings() {
    return new SqlSettings(
        format,
        stringsOnly,
        dateFormat,
        apiLocale,
        apiTimeZone,
        defaultWindow,
        splitWindow,
        maxConcurrentExports,
        maxTimeBuckets);
  }

  private static SqlSettings.SplitWindow splitWindow(String text) {
    return text.equalsIgnoreCase("auto")
        ? new SqlSettings.SplitWindow(true, Optional.empty())
        : new SqlSettings.SplitWindow(false, optionalDuration(DriverProperty.SPLIT_WINDOW, text));
  }

  /** The scheduler's settings: connections with equal ones share one scheduler. */
  public SchedulerSettings schedulerSettings() {
    return new SchedulerSettings(
        tenantKey(),
        apiSettings(),
        retryPolicy,
        requestBudget,
        maxJobsPerTenant,
        exportCache.directory().resolve(tenantKey() + ".state"));
  }

  /** How this connection's queries ask for exports. */
  public ExportSettings exportSettings() {
    return new ExportSettings(
        apiLocale,
        apiTimeZone,
        endTimeInclusive,
        pollInitialDelay,
        pollMaxDelay,
        exportTimeout,
        retryPolicy);
  }

  /** How this connection decides its tables' columns; the column cache is kept per tenant. */
  public SchemaSettings schemaSettings() {
    return new SchemaSettings(
        schemaFile,
        schemaCache ? Optional.of(schemaCacheDir.resolve(tenantKey())) : Optional.empty(),
        schemaCacheTtl,
        discoveryTimeout);
  }

  /** The API client's settings. */
  public ApiSettings apiSettings() {
    return new ApiSettings(
        baseUrl, user, password, companyKey, connectTimeout, readTimeout, allowInsecureHttp);
  }

  /** A stable, secret-free key for per-tenant caches. */
  public String tenantKey() {
    return baseUrl.host()
        + "_"
        + baseUrl.port()
        + "_"
        + companyKey.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /** Every property as it is in force (given or default), secrets masked: safe to log. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("ConnectionConfig[");
    for (DriverProperty property : DriverProperty.values()) {
      String value = effective.get(property);
      if (text.length() > "ConnectionConfig[".length()) {
        text.append(", ");
      }
      text.append(property.key())
          .append('=')
          .append(value == null ? "" : property.isSecret() ? "****" : value);
    }
    return text.append(']').toString();
  }

  /**
   * URL properties win over the properties file, which wins over the environment. Names match in
   * any case: Spark, for one, hands a driver its properties in lower case.
   */
  private static Properties withFileAndEnv(Properties given, Map<String, String> env) {
    Properties info = canonicalNames(given);
    Properties merged = new Properties();
    putEnv(merged, env, "KHOROS_COMPANY_KEY", DriverProperty.COMPANY_KEY);
    putEnv(merged, env, "KHOROS_USER", DriverProperty.USER);
    putEnv(merged, env, "KHOROS_PASSWORD", DriverProperty.PASSWORD);
    String file = info.getProperty(DriverProperty.PROPERTIES_FILE.key());
    if (file != null && !file.isBlank()) {
      try (var in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
        Properties fromFile = new Properties();
        fromFile.load(in);
        merged.putAll(canonicalNames(fromFile));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "propertiesFile '" + file + "' cannot be read: " + e.getMessage(), e);
      }
    }
    info.stringPropertyNames()
        .forEach(
            name -> {
              String value = info.getProperty(name);
              // DBeaver sends empty user/password fields; they must not hide the file's or env's
              // values.
              if (value != null && !value.isEmpty()) {
                merged.setProperty(name, value);
              }
            });
    return merged;
  }

  /** The same properties, each driver property under its documented spelling. */
  private static Properties canonicalNames(Properties properties) {
    Properties canonical = new Properties();
    for (String name : properties.stringPropertyNames()) {
      String key =
          Arrays.stream(DriverProperty.values())
              .map(DriverProperty::key)
              .filter(name::equalsIgnoreCase)
              .findFirst()
              .orElse(name);
      canonical.setProperty(key, properties.getProperty(name));
    }
    return canonical;
  }

  private static void putEnv(
      Properties target, Map<String, String> env, String variable, DriverProperty property) {
    String value = env.get(variable);
    if (value != null && !value.isEmpty()) {
      target.setProperty(property.key(), value);
    }
  }

  private static HttpUrl baseUrl(Reader reader) {
    Optional<String> url = reader.get(DriverProperty.URL);
    String text =
        url.orElseGet(
            () -> {
              String region = reader.choice(DriverProperty.REGION);
              return REGION_HOSTS.get(region);
            });
    HttpUrl parsed = HttpUrl.parse(text);
    if (parsed == null) {
      throw new IllegalArgumentException(
          "url='"
              + text
              + "' is not an http(s) URL; write e.g. "
              + "url=https://analytics-api.app.lithium.com");
    }
    return parsed;
  }

  private static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "apiTimeZone='" + text + "' is not a time zone id such " + "as UTC or America/Chicago",
          e);
    }
  }

  /** A positive duration, or {@code none}. */
  private static Optional<Duration> optionalDuration(DriverProperty property, String text) {
    if (text.equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    Duration duration = Durations.parse(property.key(), text);
    if (duration.isZero()) {
      throw new IllegalArgumentException(property.key() + " must be positive or none, not " + text);
    }
    return Optional.of(duration);
  }

  /** Typed access to the merged properties, with defaults from {@link DriverProperty}. */
  private record Reader(Properties props) {
    Optional<String> get(DriverProperty property) {
      String value = props.getProperty(property.key());
      if (value == null || value.isBlank()) {
        value = property.defaultValue();
      }
      return Optional.ofNullable(value).map(String::trim);
    }

    String value(DriverProperty property) {
      return get(property).orElseThrow();
    }

    String required(DriverProperty property) {
      return get(property)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "property " + property.key() + " is required: " + property.description()));
    }

    String choice(DriverProperty property) {
      String value = value(property).toLowerCase(Locale.ROOT);
      for (String choice : property.choices()) {
        if (choice.equals(value)) {
          return value;
        }
      }
      throw new IllegalArgumentException(
          "property "
              + property.key()
              + "='"
              + value
              + "' is not one of "
              + String.join(", ", property.choices()));
    }

    boolean bool(DriverProperty property) {
      return Boolean.parseBoolean(choice(property));
    }

    /** A size such as 1g, 512m, 100k or a plain number of bytes. */
    long bytes(DriverProperty property) {
      return number(
          property, Reader::size, size -> size > 0, "is not a size; write e.g. 1g, 512m or 100k");
    }

    /** A size, 0 included, or {@code auto}: an eighth of the JVM's maximum heap. */
    long heapShare(DriverProperty property) {
      if (value(property).equalsIgnoreCase("auto")) {
        return Runtime.getRuntime().maxMemory() / 8;
      }
      return number(
          property, Reader::size, size -> size >= 0, "is not a size; write e.g. 256m, 0 or auto");
    }

    private static Long size(String text) {
      String lower = text.toLowerCase(Locale.ROOT);
      long unit =
          switch (lower.isEmpty() ? ' ' : lower.charAt(lower.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
          };
      String number = unit == 1 ? lower : lower.substring(0, lower.length() - 1);
      return Long.parseLong(number.trim()) * unit;
    }

    Duration duration(DriverProperty property) {
      return Durations.parse(property.key(), value(property));
    }

    int positiveInt(DriverProperty property) {
      return number(
          property, Integer::valueOf, value -> value > 0, "must be a positive whole number");
    }

    int nonNegativeInt(DriverProperty property) {
      return number(
          property, Integer::valueOf, value -> value >= 0, "must be a whole number, 0 or more");
    }

    double nonNegativeNumber(DriverProperty property) {
      return number(
          property,
          Double::valueOf,
          value -> value >= 0 && Double.isFinite(value),
          "must be a number, 0 or more");
    }

    private <T> T number(
        DriverProperty property,
        Function<String, T> parse,
        Predicate<T> allowed,
        String requirement) {
      String text = value(property);
      try {
        T value = parse.apply(text);
        if (allowed.test(value)) {
          return value;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new IllegalArgumentException(
          "property " + property.key() + "='" + text + "' " + requirement);
    }
  }
}
