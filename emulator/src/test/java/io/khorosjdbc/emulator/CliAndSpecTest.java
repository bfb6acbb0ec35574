package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.emulator.fault.FaultKind;
import io.khorosjdbc.emulator.fault.FaultSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Command-line flags and the fault spec syntax. */
class CliAndSpecTest {
  @Test
  void defaultsMatchTheDocumentation() {
    EmulatorConfig c = EmulatorCli.parse(new String[0]).config();
    assertEquals(8089, c.port());
    assertEquals(42, c.seed());
    assertEquals(2000, c.rowsPerDay());
    assertEquals(300, c.jobLatencyMillis());
    assertEquals("demo", c.user());
    assertEquals("demo", c.password());
    assertEquals("demo", c.companyKey());
    assertEquals(StatusShape.DOCUMENTED, c.statusShape());
    assertEquals(RateLimit.DOCUMENTED, c.rateLimit());
    assertEquals(false, c.rateLimitRetryAfter());
    assertEquals(0, c.jobLatencyJitterPercent());
    assertEquals(Duration.ofHours(24).toMillis(), c.linkTtlMillis());
    assertEquals(60_000, c.fileTtlMillis());
    assertEquals(40, c.bucketCap());
    assertTrue(c.authorHistoryCheck());
    assertEquals(
        List.of(
            CsvHeaderStyle.API,
            JsonKeyStyle.API,
            StatusDetailKey.DETAIL,
            CompletedDetail.COMPLETED),
        List.of(c.csvHeader(), c.jsonKeys(), c.statusDetailKey(), c.completedDetail()));
    assertTrue(!c.toString().contains("password=demo"), "secrets are masked");
  }

  @Test
  void everyFlagMapsToTheConfiguration() {
    EmulatorConfig c =
        EmulatorCli.parse(
                ("--port 0 --seed 7 --rows-per-day 10 --job-ms-per-1k-rows 5 --faults download:500:x1 "
                        + "--user u --password p --company-key k --status-shape array --end-inclusive "
                        + "--link-ttl 2h --file-ttl 500ms "
                        + "--csv-header display --date-format iso --json-null-as-empty "
                        + "--no-author-history-limit --strict-params "
                        + "--max-running-jobs 3 --bucket-cap 31 --slow-bytes-per-sec 100 --bind 0.0.0.0")
                    .split(" "))
            .config();
    assertEquals(
        List.of(
            0,
            7L,
            10,
            5L,
            "download:500:x1",
            "u",
            "p",
            "k",
            StatusShape.ARRAY,
            true,
            7_200_000L,
            500L),
        List.of(
            c.port(),
            c.seed(),
            c.rowsPerDay(),
            c.jobMsPer1kRows(),
            c.faults(),
            c.user(),
            c.password(),
            c.companyKey(),
            c.statusShape(),
            c.endInclusive(),
            c.linkTtlMillis(),
            c.fileTtlMillis()));
    assertEquals(
        List.of(
            CsvHeaderStyle.DISPLAY, DateFormatStyle.ISO, true, false, true, 3, 31, 100, "0.0.0.0"),
        List.of(
            c.csvHeader(),
            c.dateFormat(),
            c.jsonNullAsEmpty(),
            c.authorHistoryCheck(),
            c.strictParams(),
            c.maxRunningJobs(),
            c.bucketCap(),
            c.slowBytesPerSecond(),
            c.bindAddress()));
    assertNull(EmulatorCli.parse(new String[] {"--help"}));
    assertThrows(
        IllegalArgumentException.class, () -> EmulatorCli.parse(new String[] {"--bogus", "1"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> EmulatorCli.parse(new String[] {"--faults", "file:stuck"}));
  }

  @Test
  void dateAndNumberStylesAreSpelledWithHyphens() {
    assertEquals(DateFormatStyle.DMY_SLASH, cli("--date-format", "dmy-slash").dateFormat());
    assertEquals(DateFormatStyle.DMY_DOT, cli("--date-format", "dmy-dot").dateFormat());
    assertEquals(DateFormatStyle.MDY_24H, cli("--date-format", "mdy-24h").dateFormat());
    assertEquals(NumberFormatStyle.LOCALE, cli("--number-format", "locale").numberFormat());
    assertEquals(NumberFormatStyle.PLAIN, cli().numberFormat());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> cli("--date-format", "dmy"));
    assertEquals(
        "--date-format expects one of [sql, iso, us, epoch, dmy-slash, dmy-dot, mdy-24h], got 'dmy'",
        e.getMessage());
    assertTrue(
        EmulatorCli.HELP.contains("dmy-slash") && EmulatorCli.HELP.contains("--number-format"));
  }

  @Test
  void rateLimitFlagsTakeNSlashDurationOrOff() {
    assertEquals(
        new RateLimit(20, Duration.ofMillis(600)), cli("--rate-limit", "20/600ms").rateLimit());
    assertEquals(RateLimit.DOCUMENTED, cli("--rate-limit", "20/60s").rateLimit());
    assertEquals(RateLimit.DOCUMENTED, cli("--rate-limit", "20/1m").rateLimit());
    assertEquals(RateLimit.OFF, cli("--rate-limit", "off").rateLimit());
    assertTrue(cli("--rate-limit-retry-after").rateLimitRetryAfter());
    assertTrue(!cli().rateLimitRetryAfter(), "no Retry-After unless asked for");
    for (String bad :
        List.of(
            "20",
            "20/",
            "/60s",
            "x/60s",
            "20/60q",
            "0/60s",
            "20/0s",
            "-1/60s",
            "20 per minute",
            "99999999999/60s",
            "20/99999999999d")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> cli("--rate-limit", bad), bad);
      assertTrue(e.getMessage().startsWith("--rate-limit "), e.getMessage());
      assertTrue(
          e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("20/60s"),
          e.getMessage());
    }
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> cli("--rate-limit"));
    assertEquals("--rate-limit needs a value", missing.getMessage());
    assertTrue(
        EmulatorCli.HELP.contains("--rate-limit N/DURATION")
            && EmulatorCli.HELP.contains("--rate-limit-retry-after"));
  }

  @Test
  void spellingAndStatusDetailFlagsMapToTheConfiguration() {
    EmulatorConfig c =
        cli(
            "--csv-header",
            "camel",
            "--json-keys",
            "display",
            "--status-detail-key",
            "details",
            "--completed-detail",
            "empty");
    assertEquals(
        List.of(
            CsvHeaderStyle.CAMEL,
            JsonKeyStyle.DISPLAY,
            StatusDetailKey.DETAILS,
            CompletedDetail.EMPTY),
        List.of(c.csvHeader(), c.jsonKeys(), c.statusDetailKey(), c.completedDetail()));
    assertEquals(JsonKeyStyle.CAMEL, cli("--json-keys", "camel").jsonKeys());
    assertEquals(CompletedDetail.NULL, cli("--completed-detail", "null").completedDetail());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> cli("--json-keys", "snake"));
    assertEquals("--json-keys expects one of [api, display, camel], got 'snake'", e.getMessage());
    for (String flag :
        List.of(
            "--csv-header S", "--json-keys S", "--status-detail-key S", "--completed-detail S")) {
      assertTrue(EmulatorCli.HELP.contains(flag), flag);
    }
  }

  @Test
  void theDocumentedStatusShapeIsAFlagValue() {
    assertEquals(StatusShape.DOCUMENTED, cli("--status-shape", "documented").statusShape());
    assertEquals(StatusShape.OBJECT, cli("--status-shape", "object").statusShape());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> cli("--status-shape", "mixed"));
    assertEquals(
        "--status-shape expects one of [object, array, documented], got 'mixed'", e.getMessage());
  }

  @Test
  void jobLatencyJitterIsAPercentage() {
    assertEquals(20, cli("--job-latency-jitter", "20").jobLatencyJitterPercent());
    assertEquals(0, cli().jobLatencyJitterPercent());
    for (String bad : List.of("-1", "101", "20%", "lots")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> cli("--job-latency-jitter", bad), bad);
      assertTrue(
          e.getMessage().startsWith("--job-latency-jitter expects ")
              && e.getMessage().contains("'" + bad + "'"),
          e.getMessage());
    }
    assertTrue(EmulatorCli.HELP.contains("--job-latency-jitter PCT"));
  }

  private static EmulatorConfig cli(String... args) {
    return EmulatorCli.parse(args).config();
  }

  @Test
  void faultSpecsReadRouteKindAndProbabilityOrCount() {
    List<FaultSpec> specs =
        FaultSpec.parseAll("create:429, status:failed:x2 ,file:truncate:0.25,download:reset");
    assertEquals(new FaultSpec("create", FaultKind.HTTP_429, Double.NaN, -1), specs.get(0));
    assertEquals(new FaultSpec("status", FaultKind.FAILED, Double.NaN, 2), specs.get(1));
    assertEquals(new FaultSpec("file", FaultKind.TRUNCATE, 0.25, -1), specs.get(2));
    assertEquals(FaultKind.RESET, specs.get(3).kind());
    assertTrue(FaultSpec.parseAll(" ").isEmpty());
    for (String bad :
        List.of(
            "create",
            "nowhere:500",
            "create:418",
            "create:500:x0",
            "create:500:1.5",
            "teams:expired")) {
      assertThrows(IllegalArgumentException.class, () -> FaultSpec.parseAll(bad), bad);
    }
  }
}
