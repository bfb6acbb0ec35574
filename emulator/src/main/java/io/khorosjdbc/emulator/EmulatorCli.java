package io.khorosjdbc.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the command line of the standalone emulator into a {@link KhorosEmulator.Builder}. */
final class EmulatorCli {
  static final int DEFAULT_PORT = 8089;
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

  static final String HELP =
      """
            Usage: java -jar khoros-emulator.jar [options]

            Emulates the Khoros Care Analytics Reports API with deterministic synthetic data.
            Prints "listening on http://127.0.0.1:PORT" once ready.

              --port N                  TCP port (default 8089; 0 = any free port)
              --bind ADDR               listen address (default 127.0.0.1)
              --seed N                  seed of the synthetic world (default 42)
              --rows-per-day N          about this many conversation_actions rows per day (default 2000)
              --job-latency MS          jobs stay RUNNING this long (default 300)
              --job-ms-per-1k-rows MS   instead: MS per 1,000 expected rows (rows-per-day x window days)
              --job-latency-jitter PCT  multiply each job's latency by a factor in [1 - PCT/100, 1 + PCT/100],
                                        repeatable from the seed (0 to 100, default 0)
              --catalog FILE            replacement column catalog (JSON, same format as the bundled one)
              --replay FILE             imitate the tenant of a capture (khoros-sql --check --save FILE): its tables,
                                        columns, header style, value formats, volumes and job times; later flags win
              --replay-time-scale X     multiply the captured job times (default 1; 0.01 for tests)
              --faults SPEC             ROUTE:KIND[:PROBABILITY|xCOUNT],...
                                        ROUTE create|status|download|file|teams|timezones
                                        KIND 429|500|502|503|reset|truncate|slow|failed|stuck|expired
              --user U                  Basic-auth user (default demo)
              --password P              Basic-auth password (default demo)
              --company-key K           companyKey (default demo)
              --status-shape S          documented (default: object when COMPLETED, else a one-element array),
                                        object or array: form of the status "result"
              --end-inclusive           select events in [startTime, endTime] (default [startTime, endTime))
              --link-ttl DURATION       downloadUrl validity after completion (default 24h; e.g. 90s, 10m, 2h, 500ms)
              --file-ttl DURATION       pre-signed /files/ link validity (default 60s)
              --csv-header S            api (default), display or camel: CSV header names
                                        (CONVERSATION_ID, Conversation ID, conversationId)
              --json-keys S             api (default), display or camel: keys of JSON rows
              --status-detail-key S     detail (default) or details: the status field saying how a job ended
              --completed-detail S      completed (default), empty or null: that field once a job completed
              --date-format S           sql (default, yyyy-MM-dd HH:mm:ss) | iso | us | epoch
                                        | dmy-slash (dd/MM/yyyy HH:mm:ss) | dmy-dot (dd.MM.yyyy HH:mm:ss)
                                        | mdy-24h (MM/dd/yyyy HH:mm:ss)
              --number-format S         plain (default, 1234.5) or locale: numbers in the request's locale
                                        (en_US 1,234.5, de_DE 1.234,5, fr_FR 1 234,5)
              --json-null-as-empty      absent values as "" instead of null in JSON files
              --no-author-history-limit let the author export reach back more than 18 months
              --strict-params           refuse parameters an export does not accept (default: ignore them)
              --max-running-jobs N      cap on concurrently RUNNING jobs; over it create answers 429 (default 0 = none)
              --rate-limit N/DURATION   API requests per sliding window per company, e.g. 20/60s, 20/600ms, 20/1m,
                                        or off; over it 429 (default 20/60s, as documented)
              --rate-limit-retry-after  send Retry-After with a rate-limit 429 (default: none, as documented)
              --bucket-cap N            most team_performance_interval buckets (default 40)
              --slow-bytes-per-sec N    throughput of the slow fault (default 16384)
              --help                    print this help
            """;

  private EmulatorCli() {}

  /** The builder for these arguments, or null if --help was asked for. */
  static KhorosEmulator.Builder parse(String[] args) {
    KhorosEmulator.Builder b = KhorosEmulator.builder().port(DEFAULT_PORT);
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--help", "-h" -> {
          return null;
        }
        case "--end-inclusive" -> b.endInclusive(true);
        case "--json-null-as-empty" -> b.jsonNullAsEmpty(true);
        case "--no-author-history-limit" -> b.authorHistoryCheck(false);
        case "--strict-params" -> b.strictParams(true);
        case "--rate-limit-retry-after" -> b.rateLimitRetryAfter(true);
        default -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(
                flag.startsWith("--") ? flag + " needs a value" : "unexpected argument " + flag);
          }
          apply(b, flag, args[++i]);
        }
      }
    }
    return b;
  }

  private static void apply(KhorosEmulator.Builder b, String flag, String v) {
    switch (flag) {
      case "--port" -> b.port(integer(flag, v));
      case "--bind" -> b.bindAddress(v);
      case "--seed" -> b.seed(number(flag, v));
      case "--rows-per-day" -> b.rowsPerDay(integer(flag, v));
      case "--job-latency" -> b.jobLatencyMillis(number(flag, v));
      case "--job-ms-per-1k-rows" -> b.jobMsPer1kRows(number(flag, v));
      case "--job-latency-jitter" -> b.jobLatencyJitterPercent(percent(flag, v));
      case "--catalog" -> b.catalog(Path.of(v));
      case "--replay" -> b.replay(Path.of(v));
      case "--replay-time-scale" -> b.replayTimeScale(decimal(flag, v));
      case "--faults" -> b.faults(v);
      case "--user" -> b.user(v);
      case "--password" -> b.password(v);
      case "--company-key" -> b.companyKey(v);
      case "--status-shape" -> b.statusShape(choice(StatusShape.class, flag, v));
      case "--link-ttl" -> b.linkTtl(duration(flag, v));
      case "--file-ttl" -> b.fileLinkTtl(duration(flag, v));
      case "--csv-header" -> b.csvHeader(choice(CsvHeaderStyle.class, flag, v));
      case "--json-keys" -> b.jsonKeys(choice(JsonKeyStyle.class, flag, v));
      case "--status-detail-key" -> b.statusDetailKey(choice(StatusDetailKey.class, flag, v));
      case "--completed-detail" -> b.completedDetail(choice(CompletedDetail.class, flag, v));
      case "--date-format" -> b.dateFormat(choice(DateFormatStyle.class, flag, v));
      case "--number-format" -> b.numberFormat(choice(NumberFormatStyle.class, flag, v));
      case "--max-running-jobs" -> b.maxRunningJobs(integer(flag, v));
      case "--rate-limit" -> b.rateLimit(rateLimit(flag, v));
      case "--bucket-cap" -> b.bucketCap(integer(flag, v));
      case "--slow-bytes-per-sec" -> b.slowBytesPerSecond(integer(flag, v));
      default -> throw new IllegalArgumentException("unknown option " + flag + " (see --help)");
    }
  }

  private static long number(String flag, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " expects a number, got '" + v + "'");
    }
  }

  private static double decimal(String flag, String v) {
    try {
      double d = Double.parseDouble(v);
      if (d >= 0 && !Double.isInfinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        flag + " expects a number >= 0 such as 1, 0.5 or 0.01, got '" + v + "'");
  }

  private static int integer(String flag, String v) {
    return Math.toIntExact(number(flag, v));
  }

  private static int percent(String flag, String v) {
    long n = number(flag, v);
    if (n < 0 || n > 100) {
      throw new IllegalArgumentException(
          flag + " expects a percentage from 0 to 100, got '" + v + "'");
    }
    return (int) n;
  }

  private static RateLimit rateLimit(String flag, String v) {
    try {
      return RateLimit.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + " " + e.getMessage());
    }
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String flag, String v) {
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          flag
              + " expects one of "
              + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT).replace('_', '-')
              + ", got '"
              + v
              + "'");
    }
  }

  /** 500ms, 90s, 10m, 2h, 1d; a bare number means seconds. */
  static Duration duration(String flag, String v) {
    Matcher m = DURATION.matcher(v.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          flag + " expects a duration such as 500ms, 90s, 10m, 2h or 1d, got '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
