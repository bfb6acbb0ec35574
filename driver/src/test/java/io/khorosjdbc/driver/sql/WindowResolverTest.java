package io.khorosjdbc.driver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.catalog.ReportCatalog;
import io.khorosjdbc.driver.error.KhorosException;
import io.khorosjdbc.driver.export.WindowRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlKind;
import org.junit.jupiter.api.Test;

class WindowResolverTest {
  private static final ReportCatalog CATALOG = ReportCatalog.builtIn();
  private static final long NOW = 1_000_000_000L;
  private static final long HOUR = 3_600_000L;

  private static List<WindowRequest> resolve(
      String table,
      Optional<Duration> defaultWindow,
      ScanPlan.Disjunct disjunct,
      Object... values) {
    return new WindowResolver(CATALOG.report(table).orElseThrow(), defaultWindow)
        .resolve(new ScanPlan(List.of(disjunct), List.of()), values, NOW);
  }

  private static List<WindowRequest> resolve(
      String table, ScanPlan.Disjunct disjunct, Object... values) {
    return resolve(table, Optional.of(Duration.ofDays(7)), disjunct, values);
  }

  private static List<Long> bounds(WindowRequest request) {
    return List.of(
        request.tagStart(), request.tagEnd(), request.exportStart(), request.exportEnd());
  }

  private static ScanPlan.Disjunct bounds(TimeBound... bounds) {
    return new ScanPlan.Disjunct(List.of(bounds), Map.of(), Set.of(), false);
  }

  private static TimeBound bound(String column, SqlKind op, int index) {
    return new TimeBound(column, op, index);
  }

  @Test
  void windowStartAndEndChooseTheWindowAndItsTags() {
    WindowRequest request =
        resolve(
                "conversation",
                bounds(
                    bound("WINDOW_START", SqlKind.GREATER_THAN_OR_EQUAL, 0),
                    bound("WINDOW_END", SqlKind.LESS_THAN_OR_EQUAL, 1)),
                1000L,
                5000L)
            .get(0);

    assertEquals(List.of(1000L, 5000L, 1000L, 5000L), bounds(request));
    assertTrue(request.tagged());
  }

  @Test
  void strictBoundsMoveTheWindowByOneMillisecondSoTheRowsStillSatisfyThem() {
    WindowRequest request =
        resolve(
                "conversation",
                bounds(
                    bound("WINDOW_START", SqlKind.GREATER_THAN, 0),
                    bound("WINDOW_END", SqlKind.LESS_THAN, 1)),
                1000L,
                5000L)
            .get(0);

    assertEquals(1001, request.tagStart());
    assertEquals(4999, request.tagEnd());
  }

  @Test
  void anAnchorColumnRangeIsTheExportWindowWithAnExclusiveEnd() {
    WindowRequest request =
        resolve(
                "conversation_actions",
                bounds(
                    bound("ACTION_TIME", SqlKind.GREATER_THAN_OR_EQUAL, 0),
                    bound("ACTION_TIME", SqlKind.LESS_THAN_OR_EQUAL, 1)),
                1000L,
                5000L)
            .get(0);

    assertEquals(List.of(1000L, 5001L, 1000L, 5001L), bounds(request));
  }

  @Test
  void anAnchorRangeNarrowsTheExportButRowsKeepTheRequestedWindow() {
    WindowRequest request =
        resolve(
                "response",
                bounds(
                    bound("WINDOW_START", SqlKind.EQUALS, 0),
                    bound("WINDOW_END", SqlKind.EQUALS, 1),
                    bound("RESPONSE_TIME", SqlKind.GREATER_THAN_OR_EQUAL, 2)),
                0L,
                10 * HOUR,
                4 * HOUR)
            .get(0);

    assertEquals(0, request.tagStart());
    assertEquals(10 * HOUR, request.tagEnd());
    assertEquals(4 * HOUR, request.exportStart());
  }

  @Test
  void theConversationAnchorDependsOnTheReportType() {
    ScanPlan.Disjunct closed =
        new ScanPlan.Disjunct(
            List.of(bound("CLOSED_TIME", SqlKind.GREATER_THAN_OR_EQUAL, 0)),
            Map.of("API_CONVERSATION_REPORT_TYPE", List.of(1)),
            Set.of(),
            false);

    WindowRequest request = resolve("conversation", closed, 1000L, "CLOSED").get(0);

    assertEquals(1000, request.exportStart());
    assertEquals(NOW, request.exportEnd());
    assertEquals("CLOSED", request.parameterValues().get("API_CONVERSATION_REPORT_TYPE"));
    assertEquals(
        "ALL",
        request.parameterValues().get("API_BUSINESS_HOURS"),
        "unconstrained parameters carry their defaults");
  }

  @Test
  void withoutATimePredicateTheDefaultWindowEndsNow() {
    WindowRequest request = resolve("response", bounds()).get(0);

    assertEquals(NOW - Duration.ofDays(7).toMillis(), request.tagStart());
    assertEquals(NOW, request.tagEnd());
  }

  @Test
  void withoutATimePredicateAndNoDefaultTheErrorShowsAWorkingWhereClause() {
    KhorosException e =
        assertThrows(KhorosException.class, () -> resolve("response", Optional.empty(), bounds()));

    assertTrue(e.getMessage().startsWith("response needs a time window"), e.getMessage());
    assertTrue(e.getMessage().contains("WHERE WINDOW_START >= TIMESTAMP"), e.getMessage());
  }

  @Test
  void aWindowThatEndsBeforeItStartsIsAnError() {
    KhorosException e =
        assertThrows(
            KhorosException.class,
            () ->
                resolve(
                    "response",
                    bounds(
                        bound("WINDOW_START", SqlKind.GREATER_THAN_OR_EQUAL, 0),
                        bound("WINDOW_END", SqlKind.LESS_THAN_OR_EQUAL, 1)),
                    5000L,
                    1000L));

    assertTrue(e.getMessage().contains("WINDOW_START must be before WINDOW_END"), e.getMessage());
  }

  @Test
  void aWindowWithAnEndButNoStartIsAnError() {
    KhorosException e =
        assertThrows(
            KhorosException.class,
            () -> resolve("response", bounds(bound("WINDOW_END", SqlKind.LESS_THAN, 0)), 5000L));

    assertTrue(e.getMessage().contains("has an end but no start"), e.getMessage());
  }

  @Test
  void anOpaquePredicateOnTheAnchorCannotSilentlyFallBackToTheDefaultWindow() {
    ScanPlan.Disjunct opaque =
        new ScanPlan.Disjunct(List.of(), Map.of(), Set.of("RESPONSE_TIME"), false);

    KhorosException e = assertThrows(KhorosException.class, () -> resolve("response", opaque));

    assertTrue(e.getMessage().contains("cannot be derived from the predicate on RESPONSE_TIME"));
  }

  @Test
  void contradictoryParameterValuesSelectNothing() {
    ScanPlan.Disjunct both =
        new ScanPlan.Disjunct(List.of(), Map.of("API_PRIORITY", List.of(0, 1)), Set.of(), false);

    assertEquals(List.of(), resolve("response", both, 1L, 2L));
  }

  @Test
  void anInvalidParameterValueIsAnErrorNamingTheColumn() {
    ScanPlan.Disjunct bad =
        new ScanPlan.Disjunct(List.of(), Map.of("API_PRIORITY", List.of(0)), Set.of(), false);

    KhorosException e = assertThrows(KhorosException.class, () -> resolve("response", bad, 9L));

    assertTrue(
        e.getMessage().contains("response.API_PRIORITY does not accept '9'"), e.getMessage());
  }
}
