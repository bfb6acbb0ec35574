package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.sql.AggregateFunctions.Function;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A GROUP BY computed by {@link HashAggregation}, in place of Calcite's enumerable aggregate, for
 * the aggregates {@link AggregateFunctions} knows. It handles {@code COUNT(DISTINCT)} itself, so
 * Calcite does not expand it into two aggregations over grouping sets, which cost several times the
 * scan on a large export (docs/performance.md).
 */
public final class KhorosAggregate extends Aggregate implements EnumerableRel {
  /** Converts a logical aggregate whose calls are all known; others stay Calcite's. */
  public static final ConverterRule RULE =
      ConverterRule.Config.INSTANCE
          .withConversion(
              LogicalAggregate.class,
              Convention.NONE,
              EnumerableConvention.INSTANCE,
              "KhorosAggregateRule")
          .withRuleFactory(Rule::new)
          .toRule(Rule.class);

  private static final Method AGGREGATE =
      Types.lookupMethod(HashAggregation.class, "aggregate", Enumerable.class);

  private final HashAggregation aggregation;

  private KhorosAggregate(
      RelTraitSet traits,
      RelNode input,
      ImmutableBitSet groupSet,
      List<AggregateCall> calls,
      List<Function> functions) {
    super(input.getCluster(), traits, List.of(), input, groupSet, null, calls);
    this.aggregation = new HashAggregation(groupSet.toArray(), functions);
  }

  /** The aggregate over {@code input}, or empty when one of its calls is not supported. */
  static Optional<KhorosAggregate> of(
      RelTraitSet traits, RelNode input, ImmutableBitSet groupSet, List<AggregateCall> calls) {
    List<Function> functions = new ArrayList<>();
    for (AggregateCall call : calls) {
      Optional<Function> function = AggregateFunctions.of(call, input.getRowType());
      if (function.isEmpty()) {
        return Optional.empty();
      }
      functions.add(function.get());
    }
    return Optional.of(new KhorosAggregate(traits, input, groupSet, calls, functions));
  }

  @Override
  public Aggregate copy(
      RelTraitSet traitSet,
      RelNode input,
      ImmutableBitSet groupSet,
      List<ImmutableBitSet> groupSets,
      List<AggregateCall> calls) {
    return of(traitSet, input, groupSet, calls)
        .orElseThrow(() -> new IllegalStateException("not a supported aggregate: " + calls));
  }

  /**
   * Half of Calcite's estimate for its own aggregate: the same pass with fewer objects per row, and
   * one pass where Calcite's plan for a DISTINCT aggregate makes two.
   */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.5);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression rows =
        input.physType.convertTo(builder.append("rows", input.block), JavaRowFormat.ARRAY);
    Expression aggregate = implementor.stash(aggregation, HashAggregation.class);
    Expression groups = Expressions.call(aggregate, AGGREGATE, rows);
    // Calcite's operators expect a one-column row as the bare value (JavaRowFormat.SCALAR)
    JavaTypeFactory types = implementor.getTypeFactory();
    PhysType physType = PhysTypeImpl.of(types, getRowType(), JavaRowFormat.ARRAY);
    PhysType arrays = PhysTypeImpl.of(types, getRowType(), JavaRowFormat.ARRAY, false);
    builder.add(Expressions.return_(null, arrays.convertTo(groups, physType.getFormat())));
    return implementor.result(physType, builder.toBlock());
  }

  /** Converts a {@link LogicalAggregate} to a {@link KhorosAggregate} when it can. */
  public static final class Rule extends ConverterRule {
    Rule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      Aggregate aggregate = (Aggregate) rel;
      if (aggregate.getGroupType() != Group.SIMPLE) {
        return null;
      }
      RelTraitSet traits = rel.getTraitSet().replace(EnumerableConvention.INSTANCE);
      RelNode input = convert(aggregate.getInput(), traits);
      return of(traits, input, aggregate.getGroupSet(), aggregate.getAggCallList()).orElse(null);
    }
  }
}
