package io.khorosjdbc.driver.sql;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.util.ImmutableIntList;

/**
 * The relational operator that runs a report table's exports. It carries the columns the query
 * needs ({@code fields}, which become {@code reportMetrics}) and the pushed WHERE clause (which
 * becomes windows and API parameters). EXPLAIN shows the export requests it will make; running it
 * generates a call to {@link KhorosScan#bind}, which starts the exports when the query binds.
 */
public final class KhorosTableScan extends TableScan implements EnumerableRel {
  private final ReportTable reportTable;
  private final ImmutableIntList fields;
  private final RexNode condition;
  private final boolean filtersRows;

  KhorosTableScan(
      RelOptCluster cluster,
      RelTraitSet traitSet,
      RelOptTable table,
      ReportTable reportTable,
      ImmutableIntList fields,
      RexNode condition,
      boolean filtersRows) {
    super(cluster, traitSet, List.of(), table);
    this.reportTable = reportTable;
    this.fields = fields;
    this.condition = condition;
    this.filtersRows = filtersRows;
  }

  ImmutableIntList fields() {
    return fields;
  }

  RexNode condition() {
    return condition;
  }

  /**
   * This scan with {@code newCondition} (over the table's columns) pushed into its exports; if
   * {@code filtersRows}, the scan also keeps only the rows it holds for (no Filter above is
   * needed).
   */
  KhorosTableScan withCondition(RexNode newCondition, boolean newFiltersRows) {
    return new KhorosTableScan(
        getCluster(), traitSet, table, reportTable, fields, newCondition, newFiltersRows);
  }

  KhorosTableScan withFields(ImmutableIntList newFields) {
    return new KhorosTableScan(
        getCluster(), traitSet, table, reportTable, newFields, condition, filtersRows);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new KhorosTableScan(
        getCluster(), traitSet, table, reportTable, fields, condition, filtersRows);
  }

  @Override
  public RelDataType deriveRowType() {
    List<RelDataTypeField> all = table.getRowType().getFieldList();
    org.apache.calcite.rel.type.RelDataTypeFactory.Builder builder =
        getCluster().getTypeFactory().builder();
    for (int field : fields) {
      builder.add(all.get(field));
    }
    return builder.build();
  }

  @Override
  public void register(RelOptPlanner planner) {
    planner.addRule(KhorosRules.FILTER);
    planner.addRule(KhorosRules.PROJECT);
    planner.addRule(KhorosRules.PROJECT_FILTER);
    planner.addRule(KhorosRules.AGGREGATE);
    planner.addRule(KhorosAggregate.RULE);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    // The digest (which the planner uses to tell scans apart) must not depend on the clock;
    // only EXPLAIN output shows the export requests, resolved against the current time.
    boolean digest = pw.getDetailLevel() == SqlExplainLevel.DIGEST_ATTRIBUTES;
    return super.explainTerms(pw)
        .item("columns", getRowType().getFieldNames())
        .itemIf("condition", condition, condition != null)
        .itemIf("filtersRows", true, filtersRows)
        .itemIf("exports", digest ? "" : runtime().describe(), !digest);
  }

  /** Fewer columns and a pushed condition are cheaper, so the planner prefers pushed scans. */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double columnShare = (fields.size() + 2D) / (table.getRowType().getFieldCount() + 2D);
    double filterShare = condition == null ? 1D : 0.5D;
    return super.computeSelfCost(planner, mq).multiplyBy(columnShare * filterShare);
  }

  /** A scan that filters its rows hands on as many as the Filter it replaces would. */
  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    double rows = super.estimateRowCount(mq);
    return filtersRows ? rows * RelMdUtil.guessSelectivity(condition) : rows;
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
    Expression scan = implementor.stash(runtime(), KhorosScan.class);
    return implementor.result(
        physType, Blocks.toBlock(Expressions.call(scan, "bind", implementor.getRootExpression())));
  }

  private KhorosScan runtime() {
    ScanPlan plan =
        new ScanTranslator(reportTable, getCluster().getRexBuilder()).translate(condition);
    return new KhorosScan(
        reportTable,
        fields,
        plan,
        getCluster().getRexBuilder(),
        filtersRows
            ? new RowFilter(getCluster().getRexBuilder(), condition, table.getRowType())
            : null);
  }
}
