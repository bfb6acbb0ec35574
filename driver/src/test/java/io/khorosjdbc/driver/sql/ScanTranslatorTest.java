package io.khorosjdbc.driver.sql;

import static io.khorosjdbc.driver.sql.PseudoColumns.WINDOW_START;
import static org.apache.calcite.sql.SqlKind.GREATER_THAN_OR_EQUAL;
import static org.apache.calcite.sql.SqlKind.LESS_THAN;
import static org.apache.calcite.sql.fun.SqlStdOperatorTable.AND;
import static org.apache.calcite.sql.fun.SqlStdOperatorTable.OR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.TreeRangeSet;
import io.khorosjdbc.driver.error.KhorosException;
import io.khorosjdbc.driver.error.SqlState;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link ScanTranslator} reads from a scan's pushed WHERE condition, built here as the planner
 * hands it over: a {@link RexNode} over the full row type of the {@code response} table (data
 * columns, then WINDOW_START and WINDOW_END, then the API parameter columns). The table is the one
 * a connection really has; connecting sends no request (only queries do), and without the schema
 * cache its columns are the built-in catalog's.
 */
class ScanTranslatorTest {
  private static final RexBuilder REX = new RexBuilder(new JavaTypeFactoryImpl());
  private static final String MONDAY = "2024-03-04 00:00:00";
  private static final String TUESDAY = "2024-03-05 00:00:00";
  private static final String NEXT_MONDAY = "2024-03-11 00:00:00";
  private static final String NEXT_TUESDAY = "2024-03-12 00:00:00";

  /** A branch that asks the API for nothing in particular. */
  private static final ScanPlan.Disjunct UNRESTRICTED =
      new ScanPlan.Disjunct(List.of(), Map.of(), Set.of(), false);

  private static Connection connection;
  private static ReportTable response;

  @BeforeAll
  static void openTheResponseTable(@TempDir Path state) throws SQLException {
    connection =
        DriverManager.getConnection(
            "jdbc:khoros:url=http://127.0.0.1:9;companyKey=unit;user=u;password=p;"
                + "cache=false;schemaCache=false;cacheDir="
                + state);
    KhorosSchema schema =
        connection
            .unwrap(CalciteConnection.class)
            .getRootSchema()
            .subSchemas()
            .get(KhorosSchema.NAME)
            .unwrap(KhorosSchema.class);
    response = (ReportTable) schema.getTableMap().get("response");
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static ScanPlan translate(RexNode condition) {
    return new ScanTranslator(response, REX).translate(condition);
  }

  private static KhorosException refused(RexNode condition) {
    return assertThrows(KhorosException.class, () -> translate(condition));
  }

  private static RexNode column(String name) {
    RelDataTypeField field = response.getRowType(REX.getTypeFactory()).getField(name, true, false);
    return REX.makeInputRef(field.getType(), field.getIndex());
  }

  private static RexNode timestamp(String text) {
    return REX.makeTimestampLiteral(new TimestampString(text), 3);
  }

  private static RexNode number(long value) {
    return REX.makeBigintLiteral(BigDecimal.valueOf(value));
  }

  private static RexNode call(SqlOperator operator, RexNode... operands) {
    return REX.makeCall(operator, operands);
  }

  /** {@code column >= from AND column < to}. */
  private static RexNode range(String column, String from, String to) {
    return call(
        AND,
        call(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, column(column), timestamp(from)),
        call(SqlStdOperatorTable.LESS_THAN, column(column), timestamp(to)));
  }

  private static RexNode equal(String column, RexNode value) {
    return call(SqlStdOperatorTable.EQUALS, column(column), value);
  }

  /** {@code column IN (values)}, which the RexBuilder writes as a SEARCH of points. */
  private static RexNode in(String column, List<RexNode> values) {
    return REX.makeIn(column(column), values);
  }

  /** Work queue ids {@code 'q0'} to {@code 'q<count - 1>'}. */
  private static List<RexNode> workQueues(int count) {
    return IntStream.range(0, count).mapToObj(i -> (RexNode) REX.makeLiteral("q" + i)).toList();
  }

  /** {@code column SEARCH ranges}, the form Calcite's simplifier gives ranges and IN lists. */
  private static RexNode search(String column, ImmutableRangeSet<?> ranges) {
    RexNode ref = column(column);
    @SuppressWarnings({"rawtypes", "unchecked"})
    Sarg<?> sarg = Sarg.of(RexUnknownAs.UNKNOWN, (ImmutableRangeSet) ranges);
    return call(
        SqlStdOperatorTable.SEARCH, ref, REX.makeSearchArgumentLiteral(sarg, ref.getType()));
  }

  private static ScanPlan.Disjunct bounds(TimeBound... bounds) {
    return new ScanPlan.Disjunct(List.of(bounds), Map.of(), Set.of(), false);
  }

  private static ScanPlan.Disjunct parameter(String column, Integer... valueIndexes) {
    return new ScanPlan.Disjunct(List.of(), Map.of(column, List.of(valueIndexes)), Set.of(), false);
  }

  private static TimeBound bound(String column, SqlKind op, int valueIndex) {
    return new TimeBound(column, op, valueIndex);
  }

  @Test
  void noConditionIsOneUnrestrictedBranch() {
    ScanPlan plan = translate(null);

    assertEquals(List.of(UNRESTRICTED), plan.disjuncts());
    assertEquals(List.of(), plan.values());
  }

  @Test
  void aWindowRangeIsOneBranchWithItsLowerAndUpperBound() {
    ScanPlan plan = translate(range(WINDOW_START, MONDAY, NEXT_MONDAY));

    assertEquals(
        List.of(
            bounds(
                bound(WINDOW_START, GREATER_THAN_OR_EQUAL, 0), bound(WINDOW_START, LESS_THAN, 1))),
        plan.disjuncts());
    assertEquals(List.of(timestamp(MONDAY), timestamp(NEXT_MONDAY)), plan.values());
  }

  @Test
  void aValueOnTheLeftIsReadAsTheComparisonTurnedAround() {
    ScanPlan plan =
        translate(
            call(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, timestamp(MONDAY), column(WINDOW_START)));

    assertEquals(List.of(bounds(bound(WINDOW_START, GREATER_THAN_OR_EQUAL, 0))), plan.disjuncts());
  }

  @Test
  void aComparisonOfTheAnchorColumnIsABoundLikeTheWindowColumns() {
    ScanPlan plan = translate(range("RESPONSE_TIME", MONDAY, NEXT_MONDAY));

    assertEquals(
        List.of(
            bounds(
                bound("RESPONSE_TIME", GREATER_THAN_OR_EQUAL, 0),
                bound("RESPONSE_TIME", LESS_THAN, 1))),
        plan.disjuncts());
  }

  @Test
  void theAnchorColumnInsideAnExpressionIsOpaqueNotABound() {
    RexNode year =
        call(
            SqlStdOperatorTable.EXTRACT, REX.makeFlag(TimeUnitRange.YEAR), column("RESPONSE_TIME"));

    ScanPlan plan = translate(call(SqlStdOperatorTable.EQUALS, year, number(2024)));

    assertEquals(
        List.of(new ScanPlan.Disjunct(List.of(), Map.of(), Set.of("RESPONSE_TIME"), false)),
        plan.disjuncts());
  }

  @Test
  void anEqualityOnAnApiParameterIsThatParametersValue() {
    ScanPlan plan = translate(equal("API_PRIORITY", number(2)));

    assertEquals(List.of(parameter("API_PRIORITY", 0)), plan.disjuncts());
    assertEquals(List.of(number(2)), plan.values());
  }

  @Test
  void inOnAnApiParameterIsOneBranchPerValue() {
    ScanPlan plan = translate(in("API_PRIORITY", List.of(number(1), number(2), number(3))));

    assertEquals(
        List.of(
            parameter("API_PRIORITY", 0),
            parameter("API_PRIORITY", 1),
            parameter("API_PRIORITY", 2)),
        plan.disjuncts());
    assertEquals(List.of(number(1), number(2), number(3)), plan.values());
  }

  @Test
  void anOrOfTwoWindowsIsTwoBranches() {
    ScanPlan plan =
        translate(
            call(
                OR,
                range(WINDOW_START, MONDAY, TUESDAY),
                range(WINDOW_START, NEXT_MONDAY, NEXT_TUESDAY)));

    assertEquals(
        List.of(
            bounds(
                bound(WINDOW_START, GREATER_THAN_OR_EQUAL, 0), bound(WINDOW_START, LESS_THAN, 1)),
            bounds(
                bound(WINDOW_START, GREATER_THAN_OR_EQUAL, 2), bound(WINDOW_START, LESS_THAN, 3))),
        plan.disjuncts());
    assertEquals(
        List.of(
            timestamp(MONDAY), timestamp(TUESDAY), timestamp(NEXT_MONDAY), timestamp(NEXT_TUESDAY)),
        plan.values());
  }

  @Test
  void aPredicateOnDataColumnsOnlyLeavesTheScanUnrestricted() {
    ScanPlan plan = translate(equal("NETWORK", REX.makeLiteral("twitter")));

    assertEquals(List.of(UNRESTRICTED), plan.disjuncts());
    assertEquals(List.of(), plan.values());
  }

  @Test
  void twoValuesForOneParameterAreBothKeptForBindTimeToCompare() {
    ScanPlan plan =
        translate(call(AND, equal("API_PRIORITY", number(1)), equal("API_PRIORITY", number(2))));

    assertEquals(List.of(parameter("API_PRIORITY", 0, 1)), plan.disjuncts());
    assertEquals(List.of(number(1), number(2)), plan.values());
  }

  @Test
  void anEmptyWindowRangeIsKeptAsItsBoundsForBindTimeToFindEmpty() {
    ScanPlan plan = translate(range(WINDOW_START, NEXT_MONDAY, MONDAY));

    assertEquals(
        List.of(
            bounds(
                bound(WINDOW_START, GREATER_THAN_OR_EQUAL, 0), bound(WINDOW_START, LESS_THAN, 1))),
        plan.disjuncts());
  }

  @Test
  void aConditionThatIsAlwaysFalseHasNoBranchSoNoExport() {
    ScanPlan plan = translate(call(AND, equal("API_PRIORITY", number(1)), REX.makeLiteral(false)));

    assertEquals(List.of(), plan.disjuncts());
  }

  @Test
  void aBranchOfAnOrThatIsAlwaysFalseIsDropped() {
    ScanPlan plan =
        translate(
            call(
                OR,
                call(AND, equal("API_PRIORITY", number(1)), REX.makeLiteral(false)),
                equal("API_PRIORITY", number(2))));

    assertEquals(List.of(parameter("API_PRIORITY", 0)), plan.disjuncts());
    assertEquals(List.of(number(2)), plan.values());
  }

  @Test
  void aSearchRangeIsReadAsTheComparisonsItStandsFor() {
    ImmutableRangeSet<TimestampString> week =
        ImmutableRangeSet.of(
            Range.closedOpen(new TimestampString(MONDAY), new TimestampString(NEXT_MONDAY)));

    assertEquals(
        translate(range(WINDOW_START, MONDAY, NEXT_MONDAY)), translate(search(WINDOW_START, week)));
  }

  @Test
  void notEqualOnAWindowColumnIsRefusedNamingTheColumn() {
    KhorosException e =
        refused(call(SqlStdOperatorTable.NOT_EQUALS, column(WINDOW_START), timestamp(MONDAY)));

    assertEquals(SqlState.UNSUPPORTED, e.state());
    assertTrue(
        e.getMessage().startsWith("response.WINDOW_START cannot be used with <> or NOT IN"),
        e.getMessage());
  }

  @Test
  void aWindowRangeWithAHoleIsRefusedRatherThanReadAsTwoWindows() {
    // WINDOW_START >= MONDAY AND WINDOW_START <> TUESDAY, as Calcite's simplifier writes it.
    TimestampString monday = new TimestampString(MONDAY);
    TimestampString tuesday = new TimestampString(TUESDAY);
    ImmutableRangeSet<TimestampString> allButTuesday =
        ImmutableRangeSet.<TimestampString>builder()
            .add(Range.closedOpen(monday, tuesday))
            .add(Range.greaterThan(tuesday))
            .build();

    KhorosException e = refused(search(WINDOW_START, allButTuesday));

    assertEquals(SqlState.UNSUPPORTED, e.state());
    assertTrue(
        e.getMessage().startsWith("response.WINDOW_START cannot be used with <> or NOT IN"),
        e.getMessage());
  }

  @Test
  void notInOnAParameterIsRefusedNamingTheColumn() {
    BigDecimal one = BigDecimal.valueOf(1);
    BigDecimal two = BigDecimal.valueOf(2);
    TreeRangeSet<BigDecimal> allBut1And2 = TreeRangeSet.create();
    allBut1And2.add(Range.lessThan(one));
    allBut1And2.add(Range.open(one, two));
    allBut1And2.add(Range.greaterThan(two));

    KhorosException e = refused(search("API_PRIORITY", ImmutableRangeSet.copyOf(allBut1And2)));

    assertEquals(SqlState.UNSUPPORTED, e.state());
    assertTrue(
        e.getMessage().startsWith("response.API_PRIORITY cannot be used with <> or NOT IN"),
        e.getMessage());
  }

  @Test
  void aNegatedEqualityOnAParameterIsRefusedNamingTheColumn() {
    KhorosException e = refused(call(SqlStdOperatorTable.NOT, equal("API_PRIORITY", number(1))));

    assertEquals(SqlState.UNSUPPORTED, e.state());
    assertTrue(
        e.getMessage()
            .startsWith(
                "response.API_PRIORITY cannot be used this way in the WHERE clause: "
                    + "only = and IN"),
        e.getMessage());
  }

  @Test
  void aWindowColumnInsideAnExpressionIsRefusedNamingTheColumn() {
    RexNode year =
        call(SqlStdOperatorTable.EXTRACT, REX.makeFlag(TimeUnitRange.YEAR), column(WINDOW_START));

    KhorosException e = refused(call(SqlStdOperatorTable.EQUALS, year, number(2024)));

    assertEquals(SqlState.UNSUPPORTED, e.state());
    assertTrue(
        e.getMessage()
            .startsWith(
                "response.WINDOW_START cannot be used this way in the WHERE clause: "
                    + "it can only be compared directly"),
        e.getMessage());
  }

  @Test
  void isNotNullOnAParameterIsAcceptedWhereTheBranchGivesItAValue() {
    ScanPlan plan =
        translate(
            call(
                AND,
                equal("API_PRIORITY", number(1)),
                call(SqlStdOperatorTable.IS_NOT_NULL, column("API_PRIORITY"))));

    assertEquals(List.of(parameter("API_PRIORITY", 0)), plan.disjuncts());
  }

  @Test
  void isNotNullOnAParameterAloneIsRefusedNamingTheColumn() {
    KhorosException e = refused(call(SqlStdOperatorTable.IS_NOT_NULL, column("API_PRIORITY")));

    assertEquals(SqlState.UNSUPPORTED, e.state());
    assertTrue(e.getMessage().startsWith("response.API_PRIORITY "), e.getMessage());
  }

  @Test
  void asManyBranchesAsTheLimitAreAllowed() {
    ScanPlan plan = translate(in("API_WORKQUEUE_ID", workQueues(ScanTranslator.MAX_BRANCHES)));

    assertEquals(ScanTranslator.MAX_BRANCHES, plan.disjuncts().size());
  }

  @Test
  void anInListOfMoreValuesThanTheLimitIsRefusedNamingTheTable() {
    int tooMany = ScanTranslator.MAX_BRANCHES + 1;

    KhorosException e = refused(in("API_WORKQUEUE_ID", workQueues(tooMany)));

    assertEquals(SqlState.UNSUPPORTED, e.state());
    assertEquals("0A000", e.state().code());
    assertTrue(
        e.getMessage()
            .startsWith("the WHERE clause on response expands to " + tooMany + " separate exports"),
        e.getMessage());
  }

  @Test
  void alternativesThatMultiplyBeyondTheLimitAreRefusedNamingTheTable() {
    // Six priorities times 86 work queues are 516 exports, though neither list is that long.
    RexNode sixPriorities =
        REX.makeCall(
            OR,
            LongStream.rangeClosed(0, 5).mapToObj(p -> equal("API_PRIORITY", number(p))).toList());

    KhorosException e = refused(call(AND, sixPriorities, in("API_WORKQUEUE_ID", workQueues(86))));

    assertEquals(SqlState.UNSUPPORTED, e.state());
    assertTrue(
        e.getMessage().startsWith("the WHERE clause on response expands to 516 separate exports"),
        e.getMessage());
  }

  @Test
  void theComparedValuesAreKeptAsExpressionsForBindTime() {
    RexNode questionMark = REX.makeDynamicParam(column(WINDOW_START).getType(), 0);

    ScanPlan plan =
        translate(
            call(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, column(WINDOW_START), questionMark));

    assertEquals(List.of(bounds(bound(WINDOW_START, GREATER_THAN_OR_EQUAL, 0))), plan.disjuncts());
    assertEquals(List.of(questionMark), plan.values());
  }
}
