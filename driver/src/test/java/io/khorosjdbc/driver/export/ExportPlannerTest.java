package io.khorosjdbc.driver.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.khorosjdbc.driver.api.ReportFormat;
import io.khorosjdbc.driver.catalog.ReportCatalog;
import io.khorosjdbc.driver.catalog.ReportDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExportPlannerTest {
  private static final ReportCatalog CATALOG = ReportCatalog.builtIn();
  private static final long DAY = TimeUnit.DAYS.toMillis(1);
  private static final long HOUR = TimeUnit.HOURS.toMillis(1);

  private static ReportDefinition report(String table) {
    return CATALOG.report(table).orElseThrow();
  }

  private static WindowRequest untagged(long start, long end, Map<String, String> parameters) {
    return new WindowRequest(start, end, start, end, parameters, false);
  }

  private static List<PlannedExport> plan(String table, WindowRequest... requests) {
    return plan(table, 0, requests);
  }

  private static List<PlannedExport> plan(String table, long split, WindowRequest... requests) {
    return ExportPlanner.plan(
        report(table),
        List.of(requests),
        List.of("ACTION_ID"),
        ReportFormat.CSV,
        new SplitPolicy.Fixed(split));
  }

  @Test
  void overlappingUntaggedWindowsBecomeOneExportSoNoEventIsCountedTwice() {
    List<PlannedExport> planned =
        plan(
            "conversation_actions",
            untagged(0, 10 * DAY, Map.of()),
            untagged(5 * DAY, 20 * DAY, Map.of()));

    assertEquals(1, planned.size());
    assertEquals(0, planned.get(0).spec().start());
    assertEquals(20 * DAY, planned.get(0).spec().end());
  }

  @Test
  void touchingUntaggedWindowsAreMergedButDistantOnesAreNot() {
    assertEquals(
        1, plan("response", untagged(0, DAY, Map.of()), untagged(DAY, 2 * DAY, Map.of())).size());
    assertEquals(
        2,
        plan("response", untagged(0, DAY, Map.of()), untagged(3 * DAY, 4 * DAY, Map.of())).size());
  }

  @Test
  void windowsWithDifferentParametersStaySeparateAndCarryTheirValues() {
    List<PlannedExport> planned =
        plan(
            "response",
            untagged(0, DAY, Map.of("API_PRIORITY", "1")),
            untagged(0, DAY, Map.of("API_PRIORITY", "2")));

    assertEquals(2, planned.size());
    assertEquals(Map.of("priorities", List.of("1")), planned.get(0).spec().parameters());
    assertEquals("2", planned.get(1).parameterValues().get("API_PRIORITY"));
  }

  @Test
  void taggedWindowsAreNeverMergedButDuplicatesRunOnce() {
    WindowRequest a = new WindowRequest(0, 10 * DAY, 0, 10 * DAY, Map.of(), true);
    WindowRequest b = new WindowRequest(5 * DAY, 20 * DAY, 5 * DAY, 20 * DAY, Map.of(), true);

    assertEquals(2, plan("response", a, b).size());
    assertEquals(1, plan("response", a, a).size());
  }

  @Test
  void businessHoursBecomeTheTwoDocumentedParameters() {
    PlannedExport planned =
        plan("response", untagged(0, DAY, Map.of("API_BUSINESS_HOURS", "OUTSIDE"))).get(0);

    assertEquals(
        Map.of("enableBusinessHour", List.of("true"), "businessHourType", List.of("false")),
        planned.spec().parameters());
  }

  @Test
  void anAuthorWindowLongerThanNinetyDaysIsCutIntoConsecutivePieces() {
    List<PlannedExport> planned = plan("author", untagged(0, 200 * DAY, Map.of()));

    assertEquals(3, planned.size());
    assertEquals(90 * DAY, planned.get(0).spec().end());
    assertEquals(90 * DAY, planned.get(1).spec().start());
    assertEquals(200 * DAY, planned.get(2).spec().end());
    planned.forEach(p -> assertEquals(200 * DAY, p.tagEnd()));
  }

  @Test
  void eventExportsAreCutIntoPiecesAlignedToTheSplitSize() {
    long start = 10 * DAY + 5 * HOUR;
    List<PlannedExport> planned =
        plan("response", DAY, untagged(start, 12 * DAY + 2 * HOUR, Map.of()));

    assertEquals(
        List.of(start, 11 * DAY, 12 * DAY), planned.stream().map(p -> p.spec().start()).toList());
    assertEquals(
        List.of(11 * DAY, 12 * DAY, 12 * DAY + 2 * HOUR),
        planned.stream().map(p -> p.spec().end()).toList());
    planned.forEach(p -> assertEquals(start, p.tagStart()));
  }

  @Test
  void snapshotAndAggregateExportsAreNeverCut() {
    assertEquals(1, plan("conversation", DAY, untagged(0, 30 * DAY, Map.of())).size());
    assertEquals(1, plan("team_performance", DAY, untagged(0, 30 * DAY, Map.of())).size());
    assertEquals(1, plan("user", DAY, untagged(0, 30 * DAY, Map.of())).size());
  }

  @Test
  void eventExportsWhoseValuesAreAsOfTheWindowsEndAreNotCut() {
    assertEquals(
        1,
        plan(
                "conversation",
                DAY,
                untagged(0, 3 * DAY, Map.of("API_CONVERSATION_REPORT_TYPE", "CLOSED")))
            .size());
    assertEquals(1, plan("raw_expert_help", DAY, untagged(0, 3 * DAY, Map.of())).size());
  }

  @Test
  void overlappingExportsOfOneRequestedWindowBecomeOneSoNoEventIsCountedTwice() {
    WindowRequest whole = new WindowRequest(0, 10 * DAY, 0, 10 * DAY, Map.of(), true);
    WindowRequest narrowed = new WindowRequest(0, 10 * DAY, 4 * DAY, 10 * DAY, Map.of(), true);

    List<PlannedExport> planned = plan("response", whole, narrowed);

    assertEquals(1, planned.size());
    assertEquals(0, planned.get(0).spec().start());
  }

  @Test
  void anAnchorRangeEqualToARequestedWindowIsExportedOnce() {
    WindowRequest window = new WindowRequest(0, 10 * DAY, 0, 10 * DAY, Map.of(), true);
    WindowRequest anchor = untagged(0, 10 * DAY, Map.of());

    assertEquals(1, plan("response", window, anchor).size());
  }

  @Test
  void anAnchorRangeInsideARequestedWindowIsItsOwnWindow() {
    WindowRequest window = new WindowRequest(0, 10 * DAY, 0, 10 * DAY, Map.of(), true);
    WindowRequest anchor = untagged(2 * DAY, 3 * DAY, Map.of());

    List<PlannedExport> planned = plan("response", window, anchor);

    assertEquals(2, planned.size(), "rows of each carry their own window, as documented");
  }

  @Test
  void aParameterValueEqualToTheApisDefaultIsNotSent() {
    PlannedExport planned =
        plan(
                "response_approval",
                untagged(
                    0, DAY, Map.of("API_INCLUDE_DISABLED", "false", "API_BUSINESS_HOURS", "ALL")))
            .get(0);

    assertEquals(Map.of(), planned.spec().parameters());
  }

  @Test
  void aSplitLongerThanTheApiLimitStillRespectsTheLimit() {
    assertEquals(3, plan("author", 365 * DAY, untagged(0, 200 * DAY, Map.of())).size());
  }
}
