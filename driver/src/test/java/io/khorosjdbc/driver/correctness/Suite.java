package io.khorosjdbc.driver.correctness;

import io.khorosjdbc.driver.correctness.oracle.DuckOracle;
import io.khorosjdbc.driver.correctness.oracle.GroundTruth;
import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One emulator, one oracle and one driver connection per target for a whole test class. The
 * emulator is small and fast (rowsPerDay 500, 2 ms jobs); connections poll after 1 ms and have no
 * default window, so a query without a window is an error instead of a week of data.
 */
final class Suite implements AutoCloseable {
  static final long EMULATOR_SEED = Long.getLong("correctness.emulatorSeed", 42L);

  final EmulatorFixture emu;

  /** Serves the oracle's ground truth: the same world as {@link #emu}, in the canonical style. */
  private final EmulatorFixture canonical;

  final GroundTruth truth;
  final DuckOracle oracle;
  final World world;
  final Harness harness;
  final Harness.Target csv;
  final Harness.Target json;
  final Harness.Target zoned;
  final long base;

  Suite() throws SQLException {
    this(UnaryOperator.identity());
  }

  /**
   * A suite whose driver reads an emulator that formats its files in another {@code style} (a
   * tenant's header spelling, date pattern, locale...), while the oracle reads the same world from
   * a second emulator in the canonical style; {@code driverProperties} go to every target.
   */
  Suite(UnaryOperator<KhorosEmulator.Builder> style, String... driverProperties)
      throws SQLException {
    String baseDate = System.getProperty("correctness.base");
    base =
        baseDate == null || baseDate.isBlank()
            ? World.defaultBase()
            : LocalDate.parse(baseDate).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    emu = new EmulatorFixture(style.apply(world()));
    canonical = new EmulatorFixture(world());
    truth = new GroundTruth(canonical.emulator().baseUrl(), canonical.emulator().companyKey());
    oracle = new DuckOracle(truth, base, base + World.DAY);
    world = new World(base, truth, oracle);
    harness = new Harness(emu, oracle);
    // no client-side rate or job limits: the emulator is local and the run is long
    String[] common =
        Stream.concat(
                Stream.of(
                    "pollInitialDelay=1ms",
                    "pollMaxDelay=5ms",
                    "defaultWindow=none",
                    "requestBudget=off",
                    "maxJobsPerTenant=0"),
                Stream.of(driverProperties))
            .toArray(String[]::new);
    csv = new Harness.Target("csv", emu.connect(common));
    json = new Harness.Target("json", emu.connect(concat(common, "format=json")));
    zoned =
        new Harness.Target(
            "csv+apiTimeZone=Asia/Kolkata",
            emu.connect(concat(common, "apiTimeZone=Asia/Kolkata")));
  }

  private static KhorosEmulator.Builder world() {
    return KhorosEmulator.builder()
        .seed(EMULATOR_SEED)
        .rowsPerDay(500)
        .jobLatencyMillis(2)
        .rateLimit(RateLimit.OFF);
  }

  /**
   * The start of a two-hour team_performance_interval window (daily buckets) in which some team has
   * no HANDLE_MILLIS_AVG: its one-column CSV export holds an empty line.
   */
  long windowWithAnAbsentHandleTime() {
    for (long start = base + World.HOUR;
        start < base + World.SPAN - 3 * World.HOUR;
        start += World.HOUR + 7_000) {
      String body = truth.raw(handleTimeExport(start, "json")).body();
      if (body.contains("null")) {
        return start;
      }
    }
    throw new IllegalStateException("no team without handle time in any window");
  }

  String handleTimeExport(long start, String format) {
    return "/_emulator/export/team_performance_interval?companyKey="
        + truth.companyKey()
        + "&startTime="
        + start
        + "&endTime="
        + (start + 2 * World.HOUR + 1)
        + "&timeInterval=86400000&reportMetrics=HANDLE_MILLIS_AVG&reportFormat="
        + format;
  }

  List<Harness.Target> targets() {
    return List.of(csv, json, zoned);
  }

  private static String[] concat(String[] a, String b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }

  @Override
  public void close() throws Exception {
    for (Harness.Target t : targets()) {
      t.connection().close();
    }
    oracle.close();
    emu.close();
    canonical.close();
  }
}
