package io.khorosjdbc.emulator;

import io.khorosjdbc.emulator.fault.FaultSpec;
import io.khorosjdbc.emulator.http.EmulatorServer;
import io.khorosjdbc.emulator.http.JournalEntry;
import io.khorosjdbc.emulator.replay.ReplayStyles;
import io.khorosjdbc.emulator.replay.ReplayWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An embeddable emulator of the Khoros Care Analytics Reports API. By default it behaves as
 * documented, including the limit of 20 requests per minute; leniency is opt-in, such as lifting
 * that limit:
 *
 * <pre>{@code
 * try (KhorosEmulator emu = KhorosEmulator.builder().seed(42).rowsPerDay(1000).jobLatencyMillis(50)
 *         .rateLimit(RateLimit.OFF).build().start()) {
 *     String base = emu.baseUrl(); // http://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class KhorosEmulator implements AutoCloseable {
  private final EmulatorConfig config;
  private final EmulatorServer server;
  private volatile boolean started;
  private final AtomicLong resets = new AtomicLong();

  private KhorosEmulator(EmulatorConfig config) {
    this.config = config;
    this.server = new EmulatorServer(config);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening; returns this for chaining. */
  public KhorosEmulator start() {
    server.start();
    started = true;
    return this;
  }

  public EmulatorConfig config() {
    return config;
  }

  /** {@code http://127.0.0.1:PORT} (the bind address and the actual port). */
  public String baseUrl() {
    return "http://" + config.bindAddress() + ":" + port();
  }

  public int port() {
    if (!started) {
      throw new IllegalStateException("the emulator has not been started");
    }
    return server.port();
  }

  public String user() {
    return config.user();
  }

  public String password() {
    return config.password();
  }

  public String companyKey() {
    return config.companyKey();
  }

  /** The requests received so far (not counting the emulator's own /_emulator routes). */
  public List<JournalEntry> journal() {
    return server.journal();
  }

  /** Clears the journal, all jobs and all faults. */
  public void reset() {
    server.reset();
    resets.incrementAndGet();
  }

  /** How often {@link #reset()} was called: clients that remember jobs start afresh after one. */
  public long resets() {
    return resets.get();
  }

  /**
   * Replaces the active faults with a spec such as {@code "download:500:x1,status:429:0.2"}; blank
   * clears.
   */
  public void setFaults(String spec) {
    server.setFaults(spec);
  }

  @Override
  public void close() {
    server.stop();
    started = false;
  }

  /** Builds an emulator; every option has the default documented in docs/emulator.md. */
  public static final class Builder {
    private int port;
    private String bindAddress = "127.0.0.1";
    private long seed = 42;
    private int rowsPerDay = 2000;
    private long jobLatencyMillis = 300;
    private long jobMsPer1kRows = -1;
    private int jobLatencyJitterPercent;
    private Path catalog;
    private String faults = "";
    private String user = "demo";
    private String password = "demo";
    private String companyKey = "demo";
    private StatusShape statusShape = StatusShape.DOCUMENTED;
    private boolean endInclusive;
    private Duration linkTtl = Duration.ofHours(24);
    private Duration fileLinkTtl = Duration.ofSeconds(60);
    private CsvHeaderStyle csvHeader = CsvHeaderStyle.API;
    private DateFormatStyle dateFormat = DateFormatStyle.SQL;
    private NumberFormatStyle numberFormat = NumberFormatStyle.PLAIN;
    private boolean jsonNullAsEmpty;
    private boolean authorHistoryCheck = true;
    private boolean strictParams;
    private int maxRunningJobs;
    private RateLimit rateLimit = RateLimit.DOCUMENTED;
    private boolean rateLimitRetryAfter;
    private int bucketCap = 40;
    private int slowBytesPerSecond = 16 * 1024;
    private JsonKeyStyle jsonKeys = JsonKeyStyle.API;
    private StatusDetailKey statusDetailKey = StatusDetailKey.DETAIL;
    private CompletedDetail completedDetail = CompletedDetail.COMPLETED;
    private Path replay;
    private double replayTimeScale = 1.0;

    private Builder() {}

    /** TCP port; 0 (the default for embedded use) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder bindAddress(String bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress);
      return this;
    }

    /** Seed of the synthetic world; the same seed and parameters give byte-identical files. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** About how many conversation_actions rows a day holds; the other exports scale with it. */
    public Builder rowsPerDay(int rowsPerDay) {
      this.rowsPerDay = rowsPerDay;
      return this;
    }

    /** How long each job stays RUNNING. */
    public Builder jobLatencyMillis(long millis) {
      this.jobLatencyMillis = millis;
      this.jobMsPer1kRows = -1;
      return this;
    }

    /** Makes latency proportional to expected rows (rows-per-day times window days) instead. */
    public Builder jobMsPer1kRows(long millis) {
      this.jobMsPer1kRows = millis;
      return this;
    }

    /**
     * Multiplies each job's latency by a factor drawn uniformly from [1 - percent/100, 1 +
     * percent/100] (0 to 100, default 0), repeatably from the seed and the job's sequence number.
     */
    public Builder jobLatencyJitterPercent(int percent) {
      this.jobLatencyJitterPercent = percent;
      return this;
    }

    /** A replacement column catalog in the format of the bundled one. */
    public Builder catalog(Path catalog) {
      this.catalog = catalog;
      return this;
    }

    /** Initial faults, e.g. {@code "download:500:x1"}. */
    public Builder faults(String spec) {
      FaultSpec.parseAll(spec);
      this.faults = spec == null ? "" : spec;
      return this;
    }

    public Builder user(String user) {
      this.user = Objects.requireNonNull(user);
      return this;
    }

    public Builder password(String password) {
      this.password = Objects.requireNonNull(password);
      return this;
    }

    public Builder companyKey(String companyKey) {
      this.companyKey = Objects.requireNonNull(companyKey);
      return this;
    }

    /**
     * DOCUMENTED (default, as in the reference's examples): the status {@code result} is an object
     * when the job is COMPLETED and a one-element array while RUNNING and when FAILED; or always an
     * OBJECT, or always the one-element ARRAY.
     */
    public Builder statusShape(StatusShape shape) {
      this.statusShape = Objects.requireNonNull(shape);
      return this;
    }

    /** Select events in [startTime, endTime] instead of the default [startTime, endTime). */
    public Builder endInclusive(boolean endInclusive) {
      this.endInclusive = endInclusive;
      return this;
    }

    /** How long a job's downloadUrl works after the job completes (default 24 h). */
    public Builder linkTtl(Duration ttl) {
      this.linkTtl = Objects.requireNonNull(ttl);
      return this;
    }

    /** How long a pre-signed /files/ link from the 307 works (default 60 s). */
    public Builder fileLinkTtl(Duration ttl) {
      this.fileLinkTtl = Objects.requireNonNull(ttl);
      return this;
    }

    /**
     * How the CSV header row spells the columns: API (default), DISPLAY ("Conversation ID") or
     * CAMEL ("conversationId").
     */
    public Builder csvHeader(CsvHeaderStyle style) {
      this.csvHeader = Objects.requireNonNull(style);
      return this;
    }

    /**
     * How the keys of JSON rows spell the columns: API (default), DISPLAY ("Conversation ID") or
     * CAMEL ("conversationId").
     */
    public Builder jsonKeys(JsonKeyStyle style) {
      this.jsonKeys = Objects.requireNonNull(style);
      return this;
    }

    /**
     * The status field that says how a closed job ended: {@code detail} (DETAIL, default, as the
     * status reference spells it) or {@code details} (DETAILS, as the legacy jobs listing does).
     */
    public Builder statusDetailKey(StatusDetailKey key) {
      this.statusDetailKey = Objects.requireNonNull(key);
      return this;
    }

    /**
     * The detail of a completed job: "COMPLETED" (default), or EMPTY ("") or NULL as the legacy
     * jobs listing shows a finished job, recognisable only by runnerState CLOSED and its
     * downloadUrl.
     */
    public Builder completedDetail(CompletedDetail detail) {
      this.completedDetail = Objects.requireNonNull(detail);
      return this;
    }

    public Builder dateFormat(DateFormatStyle style) {
      this.dateFormat = Objects.requireNonNull(style);
      return this;
    }

    /**
     * PLAIN (default): numbers as {@code 1234.5}; LOCALE: in the request's {@code locale}, {@code
     * 1.234,5} in de_DE.
     */
    public Builder numberFormat(NumberFormatStyle style) {
      this.numberFormat = Objects.requireNonNull(style);
      return this;
    }

    /** Print absent values as "" instead of null in JSON files. */
    public Builder jsonNullAsEmpty(boolean b) {
      this.jsonNullAsEmpty = b;
      return this;
    }

    /** Whether the author export refuses startTime more than 18 months back (default true). */
    public Builder authorHistoryCheck(boolean b) {
      this.authorHistoryCheck = b;
      return this;
    }

    /** Refuse parameters an export does not accept with 400 instead of ignoring them. */
    public Builder strictParams(boolean b) {
      this.strictParams = b;
      return this;
    }

    /** At most this many jobs RUNNING at once (0 = unlimited); more creates get 429. */
    public Builder maxRunningJobs(int n) {
      this.maxRunningJobs = n;
      return this;
    }

    /**
     * Requests each company may make per sliding window on the API routes (create, status,
     * download, teams, timezones); more get 429. The default is the documented {@link
     * RateLimit#DOCUMENTED} (20 per 60 s); suites that make many requests pass {@link
     * RateLimit#OFF}.
     */
    public Builder rateLimit(RateLimit limit) {
      this.rateLimit = Objects.requireNonNull(limit);
      return this;
    }

    /**
     * Whether a rate-limit 429 carries Retry-After (whole seconds until the oldest counted request
     * leaves the window). Off by default because the API documents no such header.
     */
    public Builder rateLimitRetryAfter(boolean b) {
      this.rateLimitRetryAfter = b;
      return this;
    }

    /** Most team_performance_interval buckets per request (default 40). */
    public Builder bucketCap(int n) {
      this.bucketCap = n;
      return this;
    }

    /** Throughput of the slow fault (default 16 KiB/s). */
    public Builder slowBytesPerSecond(int n) {
      this.slowBytesPerSecond = n;
      return this;
    }

    /**
     * Imitates the tenant a capture ({@code khoros-sql --check --save FILE}) describes: its tables
     * get the captured columns (spelling, order, types), value formats, row volumes and job times,
     * and the header, date and status-shape switches are set to what the capture saw. Switches set
     * after this call win.
     *
     * @throws IllegalArgumentException if the file is not a readable capture
     */
    public Builder replay(Path capture) {
      ReplayWorld world =
          ReplayWorld.load(Objects.requireNonNull(capture, "capture"), replayTimeScale);
      this.replay = capture;
      this.csvHeader = ReplayStyles.csvHeader(world.headerStyle());
      world
          .timestampFormat()
          .flatMap(ReplayStyles::dateFormat)
          .ifPresent(style -> this.dateFormat = style);
      ReplayStyles.statusShape(world.statusShapes()).ifPresent(shape -> this.statusShape = shape);
      return this;
    }

    /**
     * Multiplies the job times of a replayed capture (default 1; 0.1 makes them ten times shorter).
     */
    public Builder replayTimeScale(double scale) {
      this.replayTimeScale = scale;
      return this;
    }

    public EmulatorConfig config() {
      return new EmulatorConfig(
          port,
          bindAddress,
          seed,
          rowsPerDay,
          jobLatencyMillis,
          jobMsPer1kRows,
          jobLatencyJitterPercent,
          catalog,
          faults,
          user,
          password,
          companyKey,
          statusShape,
          endInclusive,
          linkTtl.toMillis(),
          fileLinkTtl.toMillis(),
          csvHeader,
          dateFormat,
          jsonNullAsEmpty,
          authorHistoryCheck,
          strictParams,
          maxRunningJobs,
          rateLimit,
          rateLimitRetryAfter,
          bucketCap,
          slowBytesPerSecond,
          jsonKeys,
          statusDetailKey,
          completedDetail,
          numberFormat,
          replay,
          replayTimeScale);
    }

    public KhorosEmulator build() {
      return new KhorosEmulator(config());
    }
  }
}
