package io.khorosjdbc.driver.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.error.KhorosException;
import io.khorosjdbc.driver.error.SqlState;
import io.khorosjdbc.driver.sql.AggregateFunctions.Function;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/**
 * What a GROUP BY computed by {@link HashAggregation} answers, call by call, over rows of four
 * nullable columns as Calcite hands them over (VARCHAR as String, BIGINT as Long, DOUBLE as Double,
 * BOOLEAN as Boolean). Queries over real exports check the same against DuckDB (the differential
 * suites); these pin the edge cases one by one.
 */
class HashAggregationTest {
  private static final JavaTypeFactory TYPES = new JavaTypeFactoryImpl();
  private static final int TEXT = 0;
  private static final int NUMBER = 1;
  private static final int REAL = 2;
  private static final int FLAG = 3;
  private static final RelDataType ROW =
      TYPES
          .builder()
          .add("TEXT", nullable(SqlTypeName.VARCHAR))
          .add("NUMBER", nullable(SqlTypeName.BIGINT))
          .add("REAL", nullable(SqlTypeName.DOUBLE))
          .add("FLAG", nullable(SqlTypeName.BOOLEAN))
          .build();

  @Test
  void countsRowsValuesAndDistinctValuesPerGroupInTheOrderGroupsFirstAppear() {
    List<Object[]> groups =
        aggregate(
            List.of(TEXT),
            List.of(count(), count(NUMBER), countDistinct(NUMBER)),
            row("b", 1L, null, null),
            row("a", null, null, null),
            row("b", 1L, null, null),
            row("b", 2L, null, null),
            row("a", 3L, null, null));

    assertRows(rows(row("b", 3L, 3L, 2L), row("a", 2L, 1L, 1L)), groups);
  }

  @Test
  void nullIsAGroupOfItsOwnAndSeveralKeysGroupTogether() {
    List<Object[]> groups =
        aggregate(
            List.of(TEXT, NUMBER),
            List.of(count()),
            row(null, 1L, null, null),
            row("a", 1L, null, null),
            row(null, 1L, null, null),
            row("a", null, null, null));

    assertRows(rows(row(null, 1L, 2L), row("a", 1L, 1L), row("a", null, 1L)), groups);
  }

  @Test
  void withoutGroupByNoRowsGiveOneRowAndWithGroupByNone() {
    List<Function> calls = List.of(count(), sum(NUMBER), sum0(NUMBER), min(TEXT));

    assertRows(rows(row(0L, null, 0L, null)), aggregate(List.of(), calls));
    assertRows(rows(), aggregate(List.of(TEXT), calls));
  }

  @Test
  void sumsSkipNullsAndAGroupOfOnlyNullsSumsToNull() {
    List<Object[]> groups =
        aggregate(
            List.of(TEXT),
            List.of(sum(NUMBER), sum(REAL), sum0(NUMBER)),
            row("a", 2L, 0.5, null),
            row("a", null, null, null),
            row("a", 3L, 0.25, null),
            row("b", null, null, null));

    assertRows(rows(row("a", 5L, 0.75, 5L), row("b", null, null, 0L)), groups);
  }

  @Test
  void aBigintSumThatOverflowsFailsNamingTheColumnInsteadOfWrappingAround() {
    KhorosException e =
        assertThrows(
            KhorosException.class,
            () ->
                aggregate(
                    List.of(),
                    List.of(sum(NUMBER)),
                    row(null, Long.MAX_VALUE, null, null),
                    row(null, 1L, null, null)));

    assertEquals(SqlState.NUMERIC_OUT_OF_RANGE, e.state());
    assertTrue(
        e.getMessage().contains("the sum of NUMBER does not fit in a BIGINT"), e.getMessage());
    assertTrue(e.getMessage().contains("SUM(CAST(NUMBER AS DECIMAL(38, 0)))"), e.getMessage());
  }

  @Test
  void minAndMaxOrderValuesAsOrderByDoesAndSkipNulls() {
    List<Object[]> groups =
        aggregate(
            List.of(),
            List.of(min(REAL), max(REAL), min(TEXT), max(TEXT), min(FLAG), max(FLAG)),
            row("b", null, 0.0, true),
            row(null, null, Double.NaN, null),
            row("a", null, -0.0, false),
            row("ab", null, null, true));

    assertRows(rows(row(-0.0, Double.NaN, "a", "b", false, true)), groups);
  }

  @Test
  void aDistinctCountOfIdStringsKeepsEveryDistinctString() {
    // the canonical decimal ones are counted as numbers, every other string as itself
    String[] ids = {
      "7",
      "07",
      "007",
      "7",
      "0",
      "00",
      "",
      "-7",
      "+7",
      "7 ",
      "x7",
      "123456789012345678",
      "1234567890123456789",
      "123456789012345678",
      "9223372036854775808"
    };
    Object[][] rows =
        Arrays.stream(ids).map(id -> row(id, null, null, null)).toArray(Object[][]::new);

    List<Object[]> groups = aggregate(List.of(), List.of(countDistinct(TEXT)), rows);

    assertRows(rows(row(13L)), groups);
  }

  @Test
  void aDistinctCountOfSeveralColumnsCountsTuplesWithoutNulls() {
    List<Object[]> groups =
        aggregate(
            List.of(),
            List.of(countDistinct(TEXT, NUMBER), count(TEXT, NUMBER)),
            row("a", 1L, null, null),
            row("a", 1L, null, null),
            row("a", 2L, null, null),
            row("a", null, null, null),
            row(null, 1L, null, null));

    assertRows(rows(row(2L, 3L)), groups);
  }

  @Test
  void aFilteredCallTakesOnlyTheRowsWhoseFilterIsTrue() {
    Function countWhereFlag = function(SqlStdOperatorTable.COUNT, false, FLAG, bigint());

    List<Object[]> groups =
        aggregate(
            List.of(),
            List.of(countWhereFlag, count()),
            row(null, null, null, true),
            row(null, null, null, false),
            row(null, null, null, null),
            row(null, null, null, true));

    assertRows(rows(row(2L, 4L)), groups);
  }

  @Test
  void callsItCannotComputeExactlyAreLeftToCalcite() {
    assertEquals(
        Optional.empty(),
        of(SqlStdOperatorTable.SUM, true, -1, nullable(SqlTypeName.BIGINT), NUMBER));
    assertEquals(
        Optional.empty(),
        of(SqlStdOperatorTable.SUM, false, -1, nullable(SqlTypeName.DECIMAL), NUMBER));
    assertEquals(
        Optional.empty(),
        of(SqlStdOperatorTable.AVG, false, -1, nullable(SqlTypeName.DOUBLE), REAL));
    assertEquals(
        Optional.empty(),
        of(SqlStdOperatorTable.STDDEV_POP, false, -1, nullable(SqlTypeName.DOUBLE), REAL));
  }

  private static List<Object[]> aggregate(
      List<Integer> keys, List<Function> calls, Object[]... rows) {
    HashAggregation aggregation =
        new HashAggregation(keys.stream().mapToInt(Integer::intValue).toArray(), calls);
    return aggregation.aggregate(Linq4j.asEnumerable(rows)).toList();
  }

  private static Object[] row(Object... values) {
    return values;
  }

  private static List<Object[]> rows(Object[]... rows) {
    return Arrays.asList(rows);
  }

  private static void assertRows(List<Object[]> expected, List<Object[]> actual) {
    List<List<Object>> expectedRows = new ArrayList<>();
    expected.forEach(r -> expectedRows.add(Arrays.asList(r)));
    List<List<Object>> actualRows = new ArrayList<>();
    actual.forEach(r -> actualRows.add(Arrays.asList(r)));
    assertEquals(expectedRows, actualRows);
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i)); // Double -0.0 and 0.0 differ here
    }
  }

  private static Function count(Integer... args) {
    return function(SqlStdOperatorTable.COUNT, false, -1, bigint(), args);
  }

  private static Function countDistinct(Integer... args) {
    return function(SqlStdOperatorTable.COUNT, true, -1, bigint(), args);
  }

  private static Function sum(int arg) {
    return function(SqlStdOperatorTable.SUM, false, -1, typeOf(arg), arg);
  }

  private static Function sum0(int arg) {
    return function(SqlStdOperatorTable.SUM0, false, -1, typeOf(arg), arg);
  }

  private static Function min(int arg) {
    return function(SqlStdOperatorTable.MIN, false, -1, typeOf(arg), arg);
  }

  private static Function max(int arg) {
    return function(SqlStdOperatorTable.MAX, false, -1, typeOf(arg), arg);
  }

  private static Function function(
      SqlAggFunction function, boolean distinct, int filter, RelDataType type, Integer... args) {
    return of(function, distinct, filter, type, args).orElseThrow();
  }

  private static Optional<Function> of(
      SqlAggFunction function, boolean distinct, int filter, RelDataType type, Integer... args) {
    AggregateCall call =
        AggregateCall.create(
            SqlParserPos.ZERO,
            function,
            distinct,
            false,
            false,
            List.of(),
            List.of(args),
            filter,
            null,
            RelCollations.EMPTY,
            type,
            function.getName());
    return AggregateFunctions.of(call, ROW);
  }

  private static RelDataType typeOf(int field) {
    return ROW.getFieldList().get(field).getType();
  }

  private static RelDataType bigint() {
    return TYPES.createSqlType(SqlTypeName.BIGINT);
  }

  private static RelDataType nullable(SqlTypeName type) {
    return TYPES.createTypeWithNullability(TYPES.createSqlType(type), true);
  }
}
