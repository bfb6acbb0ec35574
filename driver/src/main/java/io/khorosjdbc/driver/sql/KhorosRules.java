package io.khorosjdbc.driver.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.tools.RelBuilderFactory;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Planner rules that push a query's WHERE clause and column list into {@link KhorosTableScan}. The
 * scan turns the WHERE clause into exports and also checks it on every row it reads, with Calcite's
 * own code for the expression ({@link RowFilter}), which is exact because rows carry the window and
 * parameter values that produced them. A clause the scan cannot check alone (one that refers to an
 * outer query's row) stays in a Filter above the scan.
 */
public final class KhorosRules {
  private KhorosRules() {}

  public static final FilterIntoScanRule FILTER =
      rule(
          "KhorosFilterIntoScanRule",
          b0 -> b0.operand(LogicalFilter.class).oneInput(KhorosRules::unpushedScan),
          FilterIntoScanRule::new);
  public static final ProjectIntoScanRule PROJECT =
      rule(
          "KhorosProjectIntoScanRule",
          b0 ->
              b0.operand(LogicalProject.class)
                  .oneInput(b1 -> b1.operand(KhorosTableScan.class).noInputs()),
          ProjectIntoScanRule::new);
  public static final ProjectFilterIntoScanRule PROJECT_FILTER =
      rule(
          "KhorosProjectFilterIntoScanRule",
          b0 ->
              b0.operand(LogicalProject.class)
                  .oneInput(
                      b1 ->
                          b1.operand(LogicalFilter.class)
                              .predicate(filter -> RowFilter.canCheck(filter.getCondition()))
                              .oneInput(KhorosRules::unpushedScan)),
          ProjectFilterIntoScanRule::new);
  public static final AggregateIntoScanRule AGGREGATE =
      rule(
          "KhorosAggregateIntoScanRule",
          b0 ->
              b0.operand(LogicalAggregate.class)
                  .oneInput(b1 -> b1.operand(KhorosTableScan.class).noInputs()),
          AggregateIntoScanRule::new);

  private static <R extends RelOptRule> R rule(
      String description, RelRule.OperandTransform operands, Function<ScanRuleConfig, R> factory) {
    return factory.apply(
        new ScanRuleConfig(description, operands, RelFactories.LOGICAL_BUILDER, factory::apply));
  }

  /** A scan no WHERE clause was pushed into yet. */
  private static RelRule.Done unpushedScan(RelRule.OperandBuilder scan) {
    return scan.operand(KhorosTableScan.class)
        .predicate(candidate -> candidate.condition() == null)
        .noInputs();
  }

  /**
   * The rules' configuration, as Calcite's {@link RelRule} asks: a description, the operands to
   * match, the builder factory, and how to make the rule. A plain record, where Calcite's own rules
   * use generated immutables.
   */
  public record ScanRuleConfig(
      String description,
      RelRule.OperandTransform operandSupplier,
      RelBuilderFactory relBuilderFactory,
      Function<ScanRuleConfig, RelOptRule> factory)
      implements RelRule.Config {

    @Override
    public RelOptRule toRule() {
      return factory.apply(this);
    }

    @Override
    public ScanRuleConfig withRelBuilderFactory(RelBuilderFactory builderFactory) {
      return new ScanRuleConfig(description, operandSupplier, builderFactory, factory);
    }

    @Override
    public ScanRuleConfig withDescription(String newDescription) {
      return new ScanRuleConfig(newDescription, operandSupplier, relBuilderFactory, factory);
    }

    @Override
    public ScanRuleConfig withOperandSupplier(RelRule.OperandTransform transform) {
      return new ScanRuleConfig(description, transform, relBuilderFactory, factory);
    }
  }

  /**
   * Copies a Filter's condition into the scan below it, once; the scan replaces the Filter when it
   * can check the condition itself.
   */
  public static final class FilterIntoScanRule extends RelRule<ScanRuleConfig> {
    FilterIntoScanRule(ScanRuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      KhorosTableScan scan = call.rel(1);
      RexNode condition = toTableColumns(filter.getCondition(), scan.fields());
      if (RowFilter.canCheck(filter.getCondition())) {
        call.transformTo(scan.withCondition(condition, true));
      } else {
        KhorosTableScan withCondition = scan.withCondition(condition, false);
        call.transformTo(filter.copy(filter.getTraitSet(), withCondition, filter.getCondition()));
      }
    }
  }

  /** Narrows the scan to the columns a Project above it uses, so only those are requested. */
  public static final class ProjectIntoScanRule extends RelRule<ScanRuleConfig> {
    ProjectIntoScanRule(ScanRuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      RelNode projected = projected(call.rel(0), call.rel(1));
      if (projected != null) {
        call.transformTo(projected);
      }
    }

    /**
     * {@code project} over {@code scan} as a narrower scan: alone when the project only selects
     * columns, else under the project; null when the scan is already as narrow.
     */
    static RelNode projected(LogicalProject project, KhorosTableScan scan) {
      List<Integer> columns = plainColumns(project);
      if (columns != null) {
        // The scan emits exactly the selected columns, in their order: nothing is left to project
        return scan.withFields(kept(scan, columns));
      }
      ImmutableBitSet used = ImmutableBitSet.of();
      for (RexNode expression : project.getProjects()) {
        used = used.union(RelOptUtil.InputFinder.bits(expression));
      }
      used = atLeastOne(used);
      if (used.cardinality() == scan.fields().size()) {
        return null;
      }
      KhorosTableScan narrowed = narrow(scan, used);
      List<Integer> positions = used.asList();
      List<RexNode> projects = new ArrayList<>();
      for (RexNode expression : project.getProjects()) {
        projects.add(
            expression.accept(
                new RexShuttle() {
                  @Override
                  public RexNode visitInputRef(RexInputRef ref) {
                    return new RexInputRef(positions.indexOf(ref.getIndex()), ref.getType());
                  }
                }));
      }
      return project.copy(project.getTraitSet(), narrowed, projects, project.getRowType());
    }

    /**
     * The scan's fields the project selects, if it selects distinct fields and computes nothing.
     */
    private static List<Integer> plainColumns(LogicalProject project) {
      List<Integer> columns = new ArrayList<>();
      for (RexNode expression : project.getProjects()) {
        if (!(expression instanceof RexInputRef ref) || columns.contains(ref.getIndex())) {
          return null;
        }
        columns.add(ref.getIndex());
      }
      return columns.isEmpty() ? null : columns;
    }
  }

  /**
   * A Project over a Filter the scan can check itself: the scan takes the Filter's place and the
   * Project's columns in one step, so the planner need not find the two steps in turn.
   */
  public static final class ProjectFilterIntoScanRule extends RelRule<ScanRuleConfig> {
    ProjectFilterIntoScanRule(ScanRuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      LogicalFilter filter = call.rel(1);
      KhorosTableScan scan = call.rel(2);
      KhorosTableScan filtering =
          scan.withCondition(toTableColumns(filter.getCondition(), scan.fields()), true);
      RelNode projected = ProjectIntoScanRule.projected(project, filtering);
      call.transformTo(
          projected != null
              ? projected
              : project.copy(
                  project.getTraitSet(), filtering, project.getProjects(), project.getRowType()));
    }
  }

  /**
   * Narrows the scan under an Aggregate (such as {@code COUNT(*)}) to the columns it reads. The
   * dropped fields are padded with typed NULLs, which the aggregate never reads, so its own
   * definition stays valid; Calcite's own rules then merge the padding away.
   */
  public static final class AggregateIntoScanRule extends RelRule<ScanRuleConfig> {
    AggregateIntoScanRule(ScanRuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalAggregate aggregate = call.rel(0);
      KhorosTableScan scan = call.rel(1);
      ImmutableBitSet used = atLeastOne(ImmutableBitSet.of(RelOptUtil.getAllFields(aggregate)));
      if (used.cardinality() == scan.fields().size()) {
        return;
      }
      KhorosTableScan narrowed = narrow(scan, used);
      RexBuilder rexBuilder = scan.getCluster().getRexBuilder();
      List<RexNode> padded = new ArrayList<>();
      List<RelDataTypeField> fields = scan.getRowType().getFieldList();
      List<Integer> positions = used.asList();
      for (int i = 0; i < fields.size(); i++) {
        int position = positions.indexOf(i);
        padded.add(
            position >= 0
                ? new RexInputRef(position, fields.get(i).getType())
                : rexBuilder.makeNullLiteral(fields.get(i).getType()));
      }
      RelNode project =
          LogicalProject.create(
              narrowed, List.of(), padded, scan.getRowType().getFieldNames(), Set.of());
      call.transformTo(aggregate.copy(aggregate.getTraitSet(), List.of(project)));
    }
  }

  /** A row count or a constant projection still needs one column to count rows by. */
  private static ImmutableBitSet atLeastOne(ImmutableBitSet used) {
    return used.isEmpty() ? ImmutableBitSet.of(0) : used;
  }

  /** The scan keeping only the used positions of its current fields. */
  private static KhorosTableScan narrow(KhorosTableScan scan, ImmutableBitSet used) {
    return scan.withFields(kept(scan, used.asList()));
  }

  /** The table columns at these positions of the scan's fields, in this order. */
  private static ImmutableIntList kept(KhorosTableScan scan, List<Integer> positions) {
    List<Integer> kept = new ArrayList<>();
    for (int input : positions) {
      kept.add(scan.fields().get(input));
    }
    return ImmutableIntList.copyOf(kept);
  }

  /** Rewrites a condition over a scan's fields to the table's full row type. */
  static RexNode toTableColumns(RexNode condition, ImmutableIntList fields) {
    return condition.accept(
        new RexShuttle() {
          @Override
          public RexNode visitInputRef(RexInputRef ref) {
            return new RexInputRef(fields.get(ref.getIndex()), ref.getType());
          }
        });
  }
}
