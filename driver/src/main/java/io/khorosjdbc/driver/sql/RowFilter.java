package io.khorosjdbc.driver.sql;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A scan's WHERE clause, checked by the scan on each row as the query's thread takes it from the
 * file's batches ({@link io.khorosjdbc.driver.export.RowTest}), with the code Calcite generates for
 * the expression (what a Filter above the scan would run): the rows the scan returns are exactly
 * the ones the query keeps, and no Calcite operator runs for them. The condition is over the
 * table's columns; parameters ({@code ?}) and the statement's clock come from the query's {@link
 * DataContext}.
 */
final class RowFilter {
  private final RexBuilder rexBuilder;
  private final RexNode condition;
  private final RelDataType tableRowType;
  private final ImmutableBitSet columns;
  private volatile Function1<DataContext, Object[]> compiled;

  RowFilter(RexBuilder rexBuilder, RexNode condition, RelDataType tableRowType) {
    this.rexBuilder = rexBuilder;
    this.condition = condition;
    this.tableRowType = tableRowType;
    this.columns = RelOptUtil.InputFinder.bits(condition);
  }

  /**
   * Whether a scan can check {@code condition} alone: it must not refer to an outer query's row (a
   * correlated subquery) or hold a subquery, which only Calcite's operators can run.
   */
  static boolean canCheck(RexNode condition) {
    return !RexUtil.containsCorrelation(condition)
        && RexUtil.SubQueryFinder.find(condition) == null;
  }

  /** The table columns the condition reads. */
  ImmutableBitSet columns() {
    return columns;
  }

  /**
   * Whether the same values always give the same answer: false when the condition calls a function
   * such as {@code RAND()}, which must be asked again for each row.
   */
  boolean deterministic() {
    return RexUtil.isDeterministic(condition);
  }

  /** A check of rows for one reading thread, with the query's parameters and clock. */
  Check check(DataContext query) {
    return new Check(function(), query, tableRowType.getFieldCount());
  }

  /** Compiled when a query first runs the scan, not when EXPLAIN shows it. */
  private Function1<DataContext, Object[]> function() {
    Function1<DataContext, Object[]> function = compiled;
    if (function == null) {
      function =
          RexExecutorImpl.getExecutable(rexBuilder, List.of(condition), tableRowType).getFunction();
      compiled = function;
    }
    return function;
  }

  /**
   * Checks one row at a time: the caller sets the values of {@link #columns()} in {@link #row()},
   * then asks {@link #holds()}. Not thread-safe.
   */
  static final class Check implements DataContext {
    private final Function1<DataContext, Object[]> function;
    private final DataContext query;
    private final Object[] row;

    private Check(Function1<DataContext, Object[]> function, DataContext query, int width) {
      this.function = function;
      this.query = query;
      this.row = new Object[width];
    }

    /** The row to check, over the table's columns, in Calcite's representation. */
    Object[] row() {
      return row;
    }

    /** Whether the condition is true for the row (false or unknown drop it, as in SQL). */
    boolean holds() {
      return Boolean.TRUE.equals(function.apply(this)[0]);
    }

    @Override
    public Object get(String name) {
      return "inputRecord".equals(name) ? row : query.get(name);
    }

    @Override
    public SchemaPlus getRootSchema() {
      return query.getRootSchema();
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return query.getTypeFactory();
    }

    @Override
    public QueryProvider getQueryProvider() {
      return query.getQueryProvider();
    }
  }
}
