package io.khorosjdbc.driver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContexts;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.junit.jupiter.api.Test;

/** The scan's own check of its WHERE clause: Calcite's semantics, row by row. */
class RowFilterTest {
  private final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);
  private final RelDataType table =
      types
          .builder()
          .add("ID", types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), true))
          .add(
              "NAME",
              types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true))
          .add(
              "SCORE",
              types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), true))
          .build();

  private RexNode column(int index) {
    return rex.makeInputRef(table.getFieldList().get(index).getType(), index);
  }

  /** SCORE > ? */
  private RexNode scoreAboveParameter() {
    return rex.makeCall(
        SqlStdOperatorTable.GREATER_THAN,
        column(2),
        rex.makeDynamicParam(types.createSqlType(SqlTypeName.BIGINT), 0));
  }

  @Test
  void aRowIsKeptOnlyWhenTheConditionIsTrueNotWhenItIsUnknown() {
    RowFilter filter = new RowFilter(rex, scoreAboveParameter(), table);
    RowFilter.Check check = filter.check(DataContexts.of(Map.of("?0", 10L)));

    assertEquals(ImmutableBitSet.of(2), filter.columns());
    assertEquals(
        List.of(true, false, false),
        List.of(holds(check, 11L), holds(check, 10L), holds(check, null)));
  }

  @Test
  void aConditionOnAnOuterQuerysRowIsLeftToAFilterAboveTheScan() {
    RexNode outer = rex.makeFieldAccess(rex.makeCorrel(table, new CorrelationId(0)), 2);
    RexNode correlated = rex.makeCall(SqlStdOperatorTable.EQUALS, column(2), outer);

    assertTrue(RowFilter.canCheck(scoreAboveParameter()));
    assertFalse(RowFilter.canCheck(correlated));
  }

  @Test
  void aConditionThatCallsRandIsNotDeterministicSoItIsAskedOfEachRow() {
    RexNode random =
        rex.makeCall(
            SqlStdOperatorTable.LESS_THAN,
            rex.makeCall(SqlStdOperatorTable.RAND),
            rex.makeExactLiteral(BigDecimal.ONE));

    assertTrue(new RowFilter(rex, scoreAboveParameter(), table).deterministic());
    assertFalse(new RowFilter(rex, random, table).deterministic());
  }

  private static boolean holds(RowFilter.Check check, Long score) {
    check.row()[2] = score;
    return check.holds();
  }
}
