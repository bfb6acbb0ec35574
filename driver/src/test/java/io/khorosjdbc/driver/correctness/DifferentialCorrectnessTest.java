package io.khorosjdbc.driver.correctness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.correctness.Harness.Outcome;
import io.khorosjdbc.driver.correctness.Harness.Target;
import io.khorosjdbc.driver.correctness.Harness.Verdict;
import io.khorosjdbc.driver.correctness.oracle.Sql;
import io.khorosjdbc.driver.correctness.oracle.Sql.Query;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Differential correctness: thousands of generated queries, each run through the driver and through
 * an independent oracle (plain HTTP downloads of whole exports, tagged and loaded into DuckDB);
 * every answer must be equal. See docs/correctness.md.
 *
 * <pre>
 * mvn -B test -pl driver -Dtest='io.khorosjdbc.driver.correctness.**' -Dcorrectness.queries=20000
 * </pre>
 *
 * System properties: correctness.queries (default 1200), correctness.seed, correctness.base
 * (yyyy-MM-dd, the Monday the windows start from; default two weeks ago), correctness.emulatorSeed.
 */
@Tag("slow")
class DifferentialCorrectnessTest {
  static final long SEED = Long.getLong("correctness.seed", 1L);
  static final int QUERIES = Integer.getInteger("correctness.queries", 1200);
  // (a query is one execution: prepared statements run once more per rebinding)
  static final int THREADS = Integer.getInteger("correctness.threads", 6);

  /** Extra executions of each prepared statement with shifted windows. */
  private static final int REBINDS = 4;

  private static final int BATCH = 100;
  private static final int PRINTED_FAILURES = 8;

  /** The generator's string functions, as the driver's SQL spells them. */
  private static final Pattern STRING_FUNCTION =
      Pattern.compile("\\b(CHAR_LENGTH|SUBSTRING|POSITION|UPPER|LOWER)\\(");

  private static Suite suite;

  @BeforeAll
  static void start() throws Exception {
    suite = new Suite();
  }

  @AfterAll
  static void stop() throws Exception {
    suite.close();
  }

  @Test
  void everyGeneratedQueryEqualsTheOracle() throws Exception {
    agreesWithTheOracle(suite, QUERIES);
  }

  /**
   * Runs {@code queries} generated queries through the suite's driver targets and its oracle, and
   * fails with shrunk reports of the discrepancies.
   */
  static void agreesWithTheOracle(Suite suite, int queries) throws Exception {
    Generator generator = new Generator(suite.world, SEED);
    Random targets = new Random(SEED * 31 + 7);
    List<List<Query>> tasks = new ArrayList<>();
    List<Target> chosen = new ArrayList<>();
    int planned = 0;
    for (int n = 0; n < queries; ) {
      Query q = generator.next();
      List<Query> variants = new ArrayList<>(List.of(q));
      if (q.prepared()) {
        for (int k = 0; k < REBINDS && n + variants.size() < queries; k++) {
          variants.add(generator.rebind(q));
        }
      }
      tasks.add(variants);
      int t = targets.nextInt(100);
      chosen.add(t < 45 ? suite.csv : t < 90 ? suite.json : suite.zoned);
      n += variants.size();
      planned++;
    }
    Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    Map<String, Integer> rejections = new TreeMap<>();
    Map<String, Integer> byTarget = new TreeMap<>();
    Map<String, Integer> known = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    long started = System.nanoTime();
    int rows = 0;
    int withStringFunctions = 0;
    int index = 0;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int batch = 0; batch < tasks.size(); batch += BATCH) {
        List<Future<List<Outcome>>> futures = new ArrayList<>();
        for (int i = batch; i < Math.min(tasks.size(), batch + BATCH); i++) {
          List<Query> variants = tasks.get(i);
          Target target = chosen.get(i);
          futures.add(
              pool.submit(
                  () ->
                      variants.size() == 1
                          ? List.of(suite.harness.run(variants.get(0), target, false))
                          : suite.harness.runPrepared(variants, target)));
        }
        List<List<Outcome>> outcomes = new ArrayList<>();
        for (Future<List<Outcome>> f : futures) {
          outcomes.add(f.get());
        }
        suite.emu.emulator().reset(); // nothing runs now: bound the journal and job table
        for (int k = 0; k < outcomes.size(); k++) {
          Target target = chosen.get(batch + k);
          for (int v = 0; v < outcomes.get(k).size(); v++) {
            Query q = tasks.get(batch + k).get(v);
            Outcome o = outcomes.get(k).get(v);
            String note = "";
            if (o.verdict().failure) {
              Outcome alone = suite.harness.run(q, target, true); // with its export requests
              if (alone.verdict() != Verdict.MATCH) {
                o = alone;
              } else {
                note =
                    "(fails only as execution "
                        + (v + 1)
                        + " of one prepared statement; "
                        + "alone: "
                        + alone.verdict()
                        + ")\n";
              }
            }
            verdicts.merge(o.verdict(), 1, Integer::sum);
            byTarget.merge(target.name(), 1, Integer::sum);
            if (o.verdict() == Verdict.KNOWN_DRIVER_BUG) {
              known.merge(o.rejectionKind(), 1, Integer::sum);
            } else if (o.rejectionKind() != null) {
              if (o.verdict() == Verdict.DRIVER_REJECTED) {
                // documented, so not a failure; but the oracle thought the query valid
                System.out.println(
                    "=== DRIVER_REJECTED query #"
                        + index
                        + ": "
                        + o.driverSql()
                        + " "
                        + o.parameters().stream().map(Sql::inline).toList()
                        + "\n    "
                        + o.detail().lines().findFirst().orElse(""));
              }
              rejections.merge(
                  o.verdict()
                      + " "
                      + o.rejectionKind()
                      + (o.answer().rejected() != null
                          ? " (oracle: " + o.answer().rejected().kind + ")"
                          : " (oracle: valid)"),
                  1,
                  Integer::sum);
            }
            if (o.driverRows() != null) {
              rows += o.driverRows().size();
            }
            if (STRING_FUNCTION.matcher(o.driverSql()).find()) {
              withStringFunctions++;
            }
            if (o.verdict().failure) {
              failures.add(
                  note
                      + failure(
                          suite,
                          index,
                          q,
                          target,
                          o,
                          note.isEmpty() && failures.size() < PRINTED_FAILURES));
            }
            index++;
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String summary =
        String.format(
            "correctness: %d queries (%d statements planned; seed %d, base %s, emulator seed %d, %d"
                + " threads) in %.1f s "
                + "(driver %.1f s, oracle %.1f s summed over threads): %s; known driver bugs %s; "
                + "targets %s; rejections %s; %d driver rows; %d ground-truth downloads; "
                + "%d queries with string functions",
            index,
            planned,
            SEED,
            Sql.timestamp(suite.base),
            Suite.EMULATOR_SEED,
            THREADS,
            seconds,
            suite.harness.driverNanos.get() / 1e9,
            suite.harness.oracleNanos.get() / 1e9,
            verdicts,
            known,
            byTarget,
            rejections,
            rows,
            suite.truth.downloads.get(),
            withStringFunctions);
    System.out.println(summary);
    int valid =
        verdicts.getOrDefault(Verdict.MATCH, 0)
            + verdicts.getOrDefault(Verdict.MISMATCH, 0)
            + verdicts.getOrDefault(Verdict.KNOWN_DRIVER_BUG, 0);
    assertTrue(
        valid >= queries * 0.85, "the generator must mostly produce valid queries: " + summary);
    assertTrue(
        failures.isEmpty(),
        failures.size()
            + " discrepancies; "
            + summary
            + "\n"
            + String.join(
                "\n\n", failures.subList(0, Math.min(PRINTED_FAILURES, failures.size()))));
  }

  /** The report of one discrepancy; the first few are shrunk to a minimal query. */
  private static String failure(
      Suite suite, int i, Query q, Target target, Outcome o, boolean shrink) throws Exception {
    String report = report(suite, i, q, target, o);
    if (shrink) {
      Query small =
          Shrinker.shrink(
              q,
              c -> {
                try {
                  Outcome co = suite.harness.run(c, target, true);
                  return co.verdict() == o.verdict()
                      && (co.answer().rejected() == null) == (o.answer().rejected() == null);
                } catch (Exception e) {
                  return false;
                }
              });
      report +=
          "\n--- shrunk to:\n"
              + report(suite, i, small, target, suite.harness.run(small, target, true));
      System.out.println(report);
    } else {
      System.out.println("=== " + o.verdict() + " query #" + i + ": " + o.driverSql());
    }
    return report;
  }

  static String report(Suite suite, int index, Query q, Target target, Outcome o) {
    StringBuilder sb = new StringBuilder();
    sb.append("=== ")
        .append(o.verdict())
        .append(" query #")
        .append(index)
        .append(" (seed ")
        .append(SEED)
        .append(", base ")
        .append(Sql.timestamp(suite.base))
        .append(", target ")
        .append(target.name())
        .append(")\n");
    sb.append("driver SQL: ").append(o.driverSql()).append('\n');
    if (!o.parameters().isEmpty()) {
      sb.append("parameters: ")
          .append(o.parameters().stream().map(Sql::inline).toList())
          .append('\n');
    }
    sb.append("oracle combinations: ");
    o.answer()
        .combos()
        .forEach(
            (alias, combos) -> {
              sb.append(alias).append("=[");
              combos.forEach(
                  c ->
                      sb.append("[")
                          .append(Sql.timestamp(c.start()))
                          .append(", ")
                          .append(Sql.timestamp(c.end()))
                          .append(") ")
                          .append(nonNull(c.values()))
                          .append("; "));
              sb.append("] ");
            });
    sb.append('\n');
    if (o.answer().sql() != null) {
      sb.append("oracle SQL: ").append(o.answer().sql()).append('\n');
    }
    sb.append("export requests (emulator journal):\n")
        .append(Harness.describeJournal(o.journal()))
        .append('\n');
    sb.append(o.detail());
    return sb.toString();
  }

  private static Map<String, String> nonNull(Map<String, String> values) {
    Map<String, String> out = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (v != null) {
            out.put(k, v);
          }
        });
    return out;
  }
}
