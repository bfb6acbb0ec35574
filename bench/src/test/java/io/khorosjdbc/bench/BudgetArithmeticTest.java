package io.khorosjdbc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.emulator.RateLimit;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic of the rows under the request budget; nothing is waited for. */
class BudgetArithmeticTest {
  private static long seq;

  private static JournalEntry entry(long time, String route, int status) {
    return new JournalEntry(++seq, time, "GET", "/" + route, route, null, Map.of(), true, status);
  }

  @Test
  void aScaleDividesTheWindowAndTheDriversTimeConstants() {
    Scale tenth = new Scale(10);
    assertEquals(6_000, tenth.windowMillis());
    assertEquals("20/6000ms", tenth.budget());
    assertEquals(new RateLimit(20, Duration.ofSeconds(6)), tenth.rateLimit());
    assertEquals(30_000, tenth.scaled(300_000));
    assertEquals(12_000, tenth.real(1_200), 1e-9);
    assertEquals(
        Map.of(
            "requestBudget",
            "20/6000ms",
            "pollInitialDelay",
            "100ms",
            "pollMaxDelay",
            "6000ms",
            "retryBaseDelay",
            "25ms",
            "retryMaxDelay",
            "1000ms"),
        tenth.driverProperties());
    assertEquals("1/10: 20/6 s", tenth.label());
    assertEquals("real time, 20/60 s", Scale.REAL.label());
    assertEquals("1/30: 20/2 s", new Scale(30).label());
    assertEquals("1/40: 20/1.50 s", new Scale(40).label());
    assertEquals("20/60000ms", Scale.REAL.budget());
    assertThrows(IllegalArgumentException.class, () -> new Scale(0));
  }

  @Test
  void mostInAnyWindowCountsAsTheEmulatorDoes() {
    List<JournalEntry> e =
        List.of(
            entry(0, "create", 200),
            entry(500, "status", 200),
            entry(999, "status", 200),
            entry(1_000, "status", 429),
            entry(1_999, "download", 200),
            entry(5_000, "status", 200));
    // [0, 1000) holds 3; [500, 1500) holds 3; [999, 1999) holds 2 + the one at 1999 is out.
    assertEquals(3, Requests.mostInAnyWindow(e, 1_000));
    assertEquals(5, Requests.mostInAnyWindow(e, 2_000));
    assertEquals(6, Requests.mostInAnyWindow(e, 5_001));
    assertEquals(1, Requests.mostInAnyWindow(e, 1));
    assertEquals(0, Requests.mostInAnyWindow(List.of(), 1_000));
    assertEquals(1, Requests.throttled(e));
  }

  @Test
  void aRequestHeldBackArrivesOneSpanAfterItsBudgetsWorthOfPredecessors() {
    // A budget of 3 per 1000 ms held for 1250 ms.
    List<JournalEntry> api =
        List.of(
            entry(0, "create", 200),
            entry(100, "status", 200),
            entry(200, "status", 200),
            entry(1_260, "status", 200),
            entry(1_400, "status", 200),
            entry(3_000, "download", 200));
    assertFalse(Requests.heldBack(api, api.get(2), 3, 1_250, 100), "fewer predecessors");
    assertTrue(Requests.heldBack(api, api.get(3), 3, 1_250, 100), "went when the first left");
    assertTrue(Requests.heldBack(api, api.get(4), 3, 1_250, 100));
    assertFalse(Requests.heldBack(api, api.get(5), 3, 1_250, 100), "long after its slot");
    assertEquals(61_200, Scale.REAL.spanMillis());
    assertEquals(6_250, new Scale(10).spanMillis());
  }

  @Test
  void apiRequestsLeaveOutTheFileFetchesAndComeInArrivalOrder() {
    List<JournalEntry> journal =
        List.of(
            entry(30, "status", 200),
            entry(10, "create", 200),
            entry(40, "file", 200),
            entry(35, "download", 200));
    assertEquals(
        List.of("create", "status", "download"),
        Requests.api(journal).stream().map(JournalEntry::route).toList());
    assertEquals(
        List.of("status", "download"),
        Requests.between(journal, 20, 35).stream().map(JournalEntry::route).toList());
  }

  @Test
  void anExportsOvershootCountsFromTheJobsOwnReadyTime() {
    // create at 1000, the job's latency 6000 ms: ready at 7000. Seen running at 6500, done at
    // 7400; at scale 1/10 that is 4 s in real time.
    List<JournalEntry> requests =
        List.of(
            entry(1_000, "create", 200),
            entry(5_000, "status", 200),
            entry(6_000, "status", 429),
            entry(6_500, "status", 200),
            entry(7_400, "status", 200),
            entry(7_410, "download", 200),
            entry(7_420, "file", 200));
    BudgetPollBench.Job job = BudgetPollBench.trace(requests, 6_000, new Scale(10));
    assertEquals(60_000, job.latencyMillis(), 1e-9);
    assertEquals(4_000, job.overshootMillis(), 1e-9);
    assertEquals(6, job.requests(), "create, 4 statuses (one refused), download link");
    assertEquals(1, job.throttled());
    assertTrue(job.consistent());
    assertEquals(40_000, job.firstPollMillis(), 1e-9);
    assertFalse(job.firstPollLate());
  }

  @Test
  void aRefusedCreateIsARequestButNotTheJob() {
    List<JournalEntry> requests =
        List.of(
            entry(0, "create", 429),
            entry(3_000, "create", 200),
            entry(4_500, "status", 200),
            entry(4_550, "download", 200));
    BudgetPollBench.Job job = BudgetPollBench.trace(requests, 1_000, Scale.REAL);
    assertEquals(500, job.overshootMillis(), 1e-9);
    assertEquals(4, job.requests());
    assertTrue(job.consistent(), "a single status that saw it done");
    assertTrue(job.firstPollLate(), "its first poll came 0.5 s after it was ready");
  }

  @Test
  void aJournalThatContradictsTheGroundTruthIsFlagged() {
    // The job should be ready at 2000, but a status at 2500 still saw it running.
    List<JournalEntry> requests =
        List.of(
            entry(0, "create", 200),
            entry(2_500, "status", 200),
            entry(3_000, "status", 200),
            entry(3_010, "download", 200));
    assertFalse(BudgetPollBench.trace(requests, 2_000, Scale.REAL).consistent());
    // Done before it should be ready.
    List<JournalEntry> early =
        List.of(
            entry(0, "create", 200), entry(1_000, "status", 200), entry(1_010, "download", 200));
    assertFalse(BudgetPollBench.trace(early, 2_000, Scale.REAL).consistent());
    assertThrows(
        IllegalStateException.class,
        () ->
            BudgetPollBench.trace(
                List.of(entry(0, "create", 200), entry(1, "create", 200), entry(2, "status", 200)),
                1,
                Scale.REAL),
        "two jobs for one query");
  }

  @Test
  void theLastRecordedDurationIsTheMostRecentJobsInTheFile() {
    String ledger =
        "{\n  \"format\" : 1,\n  \"reports\" : {\n    \"conversation_actions\" : [ {\n"
            + "      \"days\" : 0.041666666666666664,\n      \"millis\" : 11450,\n"
            + "      \"at\" : 1764620000000\n    }, {\n      \"days\" : 0.041666666666666664,\n"
            + "      \"millis\" : 4275,\n      \"at\" : 1764620012000\n    } ]\n  }\n}";
    assertEquals(4_275, BudgetPollBench.lastRecorded(ledger));
    assertEquals(-1, BudgetPollBench.lastRecorded("{\"format\": 1, \"reports\": {}}"));
  }

  @Test
  void targetsAreFiveAndTenPercentPlusOneAndTwoSeconds() {
    assertEquals(1_500, BudgetPollBench.meanTarget(10_000), 1e-9);
    assertEquals(3_000, BudgetPollBench.worstTarget(10_000), 1e-9);
    assertEquals(16_000, BudgetPollBench.meanTarget(300_000), 1e-9);
    assertEquals(32_000, BudgetPollBench.worstTarget(300_000), 1e-9);
  }

  @Test
  void theAirflowPollerCountsItsPolls() {
    // polls at 15, 33, 54.6, 80.52 s
    assertEquals(1, PollingBench.baselinePolls(10_000));
    assertEquals(1, PollingBench.baselinePolls(15_000));
    assertEquals(2, PollingBench.baselinePolls(15_001));
    assertEquals(4, PollingBench.baselinePolls(60_000));
    assertEquals(4, PollingBench.baselinePolls(80_520));
  }

  @Test
  void explainOutputGivesTheJobsAndTheFirstPiece() {
    String explain =
        "KhorosTableScan(table=[[khoros, conversation_actions]], columns=[[ACTION_ID]],"
            + " exports=[3 job(s): conversation_actions [2019-01-01T00:00:00Z, 2019-01-31T00:00:00Z)"
            + " metrics=[ACTION_ID] params={} format=csv; conversation_actions"
            + " [2019-01-31T00:00:00Z, 2019-03-02T00:00:00Z) metrics=[ACTION_ID] params={}"
            + " format=csv; conversation_actions [2019-03-02T00:00:00Z, 2019-04-01T00:00:00Z)"
            + " metrics=[ACTION_ID] params={} format=csv])\n";
    AutoSplit.Plan plan = AutoSplit.parse(explain);
    assertEquals(3, plan.jobs());
    assertEquals(30 * 86_400_000L, plan.firstPieceMillis());
    assertEquals("3 × 30 d", plan.describe());
    assertEquals("1 job", new AutoSplit.Plan(1, 86_400_000L).describe());
    assertEquals("4 × 91.3 d", new AutoSplit.Plan(4, 2_190 * 3_600_000L).describe());
    assertThrows(IllegalArgumentException.class, () -> AutoSplit.parse("EnumerableCalc"));
  }

  @Test
  void aSyntheticDurationsFileListsTheJobsOldestFirst() {
    Map<Double, Long> jobs = new LinkedHashMap<>();
    jobs.put(1.0, 2_000L);
    jobs.put(7.0, 14_000L);
    assertEquals(
        "{\"format\": 1, \"reports\": {\"conversation_actions\": ["
            + "{\"days\": 1.0, \"millis\": 2000, \"at\": 8000}, "
            + "{\"days\": 7.0, \"millis\": 14000, \"at\": 9000}]}}\n",
        AutoSplit.ledger(jobs, 10_000));
  }

  @Test
  void anAppendixIsAnAlignedTableUnderTheNotes() {
    ResultTable table = new ResultTable();
    table.add("m", "o", "b", "r", "t", true);
    table.note("n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("1 day", "1 job"));
    rows.add(List.of("365 days", "4 × 91.3 d"));
    table.appendix("auto", List.of("window", "model"), rows, List.of("why"));
    String[] lines = table.format().split("\n");
    assertEquals("1. n", lines[4]);
    assertEquals("", lines[5]);
    assertEquals("auto:", lines[6]);
    assertEquals("", lines[7]);
    assertEquals("| window   | model      |", lines[8]);
    assertEquals("| 365 days | 4 × 91.3 d |", lines[11]);
    assertEquals("- why", lines[13]);
    assertThrows(
        IllegalArgumentException.class,
        () -> table.appendix("x", List.of("a", "b"), List.of(List.of("1")), List.of()));
  }
}
