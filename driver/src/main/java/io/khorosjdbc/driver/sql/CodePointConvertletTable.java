package io.khorosjdbc.driver.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's standard convertlets, with the string functions that count UTF-16 code units swapped
 * for {@link CodePointFunctions}. Each call is first converted exactly as Calcite converts it, so
 * its operands and type stay Calcite's; only the operator that runs it changes. Doing it here,
 * where SQL becomes row expressions, catches every spelling ({@code CHARACTER_LENGTH}, {@code NOT
 * LIKE}, library aliases such as {@code LENGTH}) before any planner rule or constant folding sees
 * the call. {@code UPPER} and {@code LOWER} need nothing: Calcite's map whole code points.
 */
public final class CodePointConvertletTable implements SqlRexConvertletTable {
  public static final CodePointConvertletTable INSTANCE = new CodePointConvertletTable();

  private static final SqlUserDefinedFunction CHAR_LENGTH =
      function(SqlStdOperatorTable.CHAR_LENGTH, "charLength", String.class);
  private static final SqlUserDefinedFunction SUBSTRING_FROM =
      function(SqlStdOperatorTable.SUBSTRING, "substring", String.class, long.class);
  private static final SqlUserDefinedFunction SUBSTRING_FOR =
      function(SqlStdOperatorTable.SUBSTRING, "substring", String.class, long.class, long.class);
  private static final SqlUserDefinedFunction POSITION =
      function(SqlStdOperatorTable.POSITION, "position", String.class, String.class);
  private static final SqlUserDefinedFunction POSITION_FROM =
      function(SqlStdOperatorTable.POSITION, "position", String.class, String.class, long.class);
  private static final SqlUserDefinedFunction OVERLAY =
      function(SqlStdOperatorTable.OVERLAY, "overlay", String.class, String.class, long.class);
  private static final SqlUserDefinedFunction OVERLAY_FOR =
      function(
          SqlStdOperatorTable.OVERLAY,
          "overlay",
          String.class,
          String.class,
          long.class,
          long.class);
  private static final SqlUserDefinedFunction TRIM =
      function(
          SqlStdOperatorTable.TRIM,
          "trim",
          SqlTrimFunction.Flag.class,
          String.class,
          String.class,
          boolean.class);
  private static final SqlUserDefinedFunction INITCAP =
      function(SqlStdOperatorTable.INITCAP, "initcap", String.class);
  private static final SqlUserDefinedFunction LIKE =
      function(SqlStdOperatorTable.LIKE, "like", String.class, String.class);
  private static final SqlUserDefinedFunction LIKE_ESCAPE =
      function(SqlStdOperatorTable.LIKE, "like", String.class, String.class, String.class);

  private CodePointConvertletTable() {}

  @Override
  public SqlRexConvertlet get(SqlCall call) {
    SqlRexConvertlet standard = StandardConvertletTable.INSTANCE.get(call);
    if (standard == null) {
      return null;
    }
    return (cx, c) -> {
      boolean extendedTrim = cx.getValidator().config().conformance().allowExtendedTrim();
      return standard.convertCall(cx, c).accept(new Swap(cx.getRexBuilder(), extendedTrim));
    };
  }

  /**
   * Swaps the operators of the calls Calcite produced; a call already swapped (an operand converted
   * earlier) has no standard operator left, so visiting it again changes nothing.
   */
  private static final class Swap extends RexShuttle {
    private final RexBuilder rexBuilder;
    private final boolean extendedTrim;

    Swap(RexBuilder rexBuilder, boolean extendedTrim) {
      this.rexBuilder = rexBuilder;
      this.extendedTrim = extendedTrim;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      RexNode visited = super.visitCall(call);
      return visited instanceof RexCall c ? swap(c) : visited;
    }

    private RexNode swap(RexCall call) {
      SqlOperator op = call.getOperator();
      List<RexNode> operands = call.getOperands();
      int n = operands.size();
      if ((op == SqlStdOperatorTable.CHAR_LENGTH || op == SqlStdOperatorTable.CHARACTER_LENGTH)
          && text(operands, 0)) {
        return call(call, CHAR_LENGTH, operands);
      } else if (op == SqlStdOperatorTable.SUBSTRING && text(operands, 0) && numbers(operands, 1)) {
        return call(call, n == 2 ? SUBSTRING_FROM : SUBSTRING_FOR, operands);
      } else if (op == SqlStdOperatorTable.POSITION && n <= 3 && text(operands, 0, 1)) {
        return call(call, n == 2 ? POSITION : POSITION_FROM, operands);
      } else if (op == SqlStdOperatorTable.OVERLAY && text(operands, 0, 1)) {
        return call(call, n == 3 ? OVERLAY : OVERLAY_FOR, operands);
      } else if (op == SqlStdOperatorTable.TRIM && text(operands, 1, 2)) {
        List<RexNode> withMode = new ArrayList<>(operands);
        withMode.add(rexBuilder.makeLiteral(extendedTrim));
        return call(call, TRIM, withMode);
      } else if (op == SqlStdOperatorTable.INITCAP && text(operands, 0)) {
        return call(call, INITCAP, operands);
      } else if (op == SqlStdOperatorTable.LIKE && text(operands, 0, 1)) {
        return call(call, n == 2 ? LIKE : LIKE_ESCAPE, operands);
      }
      return call;
    }

    /** The same call run by {@code function}, with its numbers widened to the Java longs. */
    private RexNode call(RexCall call, SqlUserDefinedFunction function, List<RexNode> operands) {
      List<RexNode> widened = new ArrayList<>();
      for (RexNode operand : operands) {
        widened.add(SqlTypeUtil.isNumeric(operand.getType()) ? toBigint(operand) : operand);
      }
      return rexBuilder.makeCall(call.getType(), function, widened);
    }

    private RexNode toBigint(RexNode operand) {
      RelDataType type = operand.getType();
      if (type.getSqlTypeName() == SqlTypeName.BIGINT) {
        return operand;
      }
      RelDataType bigint =
          rexBuilder
              .getTypeFactory()
              .createTypeWithNullability(
                  rexBuilder.getTypeFactory().createSqlType(SqlTypeName.BIGINT), type.isNullable());
      return rexBuilder.makeCast(bigint, operand);
    }
  }

  /** The operands at these positions are character strings (not binary ones). */
  private static boolean text(List<RexNode> operands, int... positions) {
    for (int p : positions) {
      if (p >= operands.size() || !SqlTypeUtil.inCharFamily(operands.get(p).getType())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every operand from {@code first} on is a number (SUBSTRING's regular-expression form is not).
   */
  private static boolean numbers(List<RexNode> operands, int first) {
    for (int p = first; p < operands.size(); p++) {
      if (!SqlTypeUtil.isNumeric(operands.get(p).getType())) {
        return false;
      }
    }
    return true;
  }

  /**
   * An operator named as Calcite's, typed by Calcite's own rule, run by a method of {@link
   * CodePointFunctions}.
   */
  private static SqlUserDefinedFunction function(
      SqlOperator standard, String method, Class<?>... parameters) {
    return new SqlUserDefinedFunction(
        new SqlIdentifier(standard.getName(), SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        standard.getReturnTypeInference(),
        InferTypes.FIRST_KNOWN,
        null,
        ScalarFunctionImpl.create(
            Types.lookupMethod(CodePointFunctions.class, method, parameters)));
  }
}
