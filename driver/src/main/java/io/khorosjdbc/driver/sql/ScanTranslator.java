package io.khorosjdbc.driver.sql;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import io.khorosjdbc.driver.error.KhorosException;
import io.khorosjdbc.driver.error.SqlState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.Sarg;

/**
 * Reads a scan's pushed-down WHERE clause into a {@link ScanPlan}: which comparisons choose the
 * time window, which equalities choose API parameters. Predicates on data columns stay with
 * Calcite, which re-checks the whole condition on every row; this class only decides what to ask
 * the API for, and refuses (with a message naming the column) predicates on pseudo-columns that the
 * API cannot express, because ignoring them would silently return the wrong rows.
 */
final class ScanTranslator {
  /** More branches than this after expanding ORs and INs is almost certainly a mistake. */
  static final int MAX_BRANCHES = 512;

  private final ReportTable table;
  private final RexBuilder rexBuilder;
  private final List<RexNode> values = new ArrayList<>();

  ScanTranslator(ReportTable table, RexBuilder rexBuilder) {
    this.table = table;
    this.rexBuilder = rexBuilder;
  }

  /**
   * @param condition the pushed condition over the table's full row type, or null
   */
  ScanPlan translate(RexNode condition) {
    List<ScanPlan.Disjunct> disjuncts = new ArrayList<>();
    if (condition == null) {
      disjuncts.add(new ScanPlan.Disjunct(List.of(), Map.of(), Set.of(), false));
      return new ScanPlan(disjuncts, values);
    }
    refuseExclusions(condition);
    RexNode dnf = RexUtil.toDnf(rexBuilder, RexUtil.expandSearch(rexBuilder, null, condition));
    List<RexNode> branches = RelOptUtil.disjunctions(dnf);
    if (branches.size() > MAX_BRANCHES) {
      throw new KhorosException(
          SqlState.UNSUPPORTED,
          String.format(
              Locale.ROOT,
              "the WHERE clause on %s expands to %d separate exports (OR and IN lists multiply); "
                  + "write fewer alternatives or split the query",
              table.name(),
              branches.size()));
    }
    for (RexNode branch : branches) {
      disjuncts.add(branch(RelOptUtil.conjunctions(branch)));
    }
    return new ScanPlan(disjuncts, values);
  }

  private ScanPlan.Disjunct branch(List<RexNode> conjuncts) {
    List<TimeBound> bounds = new ArrayList<>();
    Map<String, List<Integer>> parameters = new HashMap<>();
    Set<String> opaque = new HashSet<>();
    Set<String> notNull = new HashSet<>();
    boolean contradictory = false;
    for (RexNode conjunct : conjuncts) {
      if (conjunct.isAlwaysFalse()) {
        contradictory = true;
        continue;
      }
      Integer notNullPseudo = notNullPseudoColumn(conjunct);
      if (notNullPseudo != null) {
        notNull.add(table.columnName(notNullPseudo));
        continue;
      }
      Comparison comparison = comparison(conjunct);
      if (comparison != null && table.isTimeColumn(comparison.column)) {
        bounds.add(
            new TimeBound(
                table.columnName(comparison.column), comparison.op, value(comparison.value)));
      } else if (comparison != null
          && comparison.op == SqlKind.EQUALS
          && table.isParameterColumn(comparison.column)) {
        parameters
            .computeIfAbsent(table.columnName(comparison.column), k -> new ArrayList<>())
            .add(value(comparison.value));
      } else if (booleanParameter(conjunct, parameters)) {
        continue;
      } else {
        ImmutableBitSet refs = RelOptUtil.InputFinder.bits(conjunct);
        for (int column : refs) {
          if (table.isPseudoColumn(column)) {
            throw new KhorosException(SqlState.UNSUPPORTED, unsupported(table.columnName(column)));
          }
          if (table.isAnchorCandidate(column)) {
            opaque.add(table.columnName(column));
          }
        }
      }
    }
    for (String column : notNull) {
      if (!parameters.containsKey(column)
          && bounds.stream().noneMatch(bound -> bound.column().equals(column))) {
        throw new KhorosException(SqlState.UNSUPPORTED, unsupported(column));
      }
    }
    return new ScanPlan.Disjunct(bounds, parameters, opaque, contradictory);
  }

  /**
   * The pseudo-column of an {@code IS NOT NULL} conjunct. Calcite writes one where a predicate
   * repeats inside an OR ({@code API_X = v AND (API_X = v OR ...)} becomes {@code API_X = v AND
   * (API_X IS NOT NULL OR ...)}); it is then implied by the branch's own window bound or parameter
   * value, which {@link #branch} checks, and Calcite still evaluates it on every row.
   */
  private Integer notNullPseudoColumn(RexNode conjunct) {
    if (conjunct.getKind() != SqlKind.IS_NOT_NULL) {
      return null;
    }
    Integer column = columnOf(((RexCall) conjunct).getOperands().get(0));
    return column != null && table.isPseudoColumn(column) ? column : null;
  }

  /**
   * Refuses {@code <>} on a pseudo-column, also where Calcite folded it into a range with a hole
   * ({@code WINDOW_START >= a AND WINDOW_START <> x} becomes {@code [a, x) or (x, +inf)}):
   * expanded, it would silently add a second window instead of excluding one.
   */
  private void refuseExclusions(RexNode condition) {
    condition.accept(
        new RexVisitorImpl<Void>(true) {
          @Override
          public Void visitCall(RexCall call) {
            Integer column =
                call.getOperands().isEmpty() ? null : columnOf(call.getOperands().get(0));
            boolean pseudo = column != null && table.isPseudoColumn(column);
            if (pseudo
                && (call.getKind() == SqlKind.NOT_EQUALS
                    || call.getKind() == SqlKind.SEARCH && hasHole(call.getOperands().get(1)))) {
              throw new KhorosException(
                  SqlState.UNSUPPORTED,
                  String.format(
                      Locale.ROOT,
                      "%s.%s cannot be used with <> or NOT IN: the API can only include windows and "
                          + "values, not exclude them; filter on a data column instead",
                      table.name(),
                      table.columnName(column)));
            }
            return super.visitCall(call);
          }
        });
  }

  /** A search argument with two ranges meeting at an excluded point: a {@code <>}. */
  private static boolean hasHole(RexNode sargLiteral) {
    if (!(sargLiteral instanceof RexLiteral literal)) {
      return false;
    }
    Sarg<?> sarg = literal.getValueAs(Sarg.class);
    Range<?> previous = null;
    for (Range<?> range : sarg.rangeSet.asRanges()) {
      if (previous != null
          && previous.hasUpperBound()
          && range.hasLowerBound()
          && previous.upperBoundType() == BoundType.OPEN
          && range.lowerBoundType() == BoundType.OPEN
          && previous.upperEndpoint().equals(range.lowerEndpoint())) {
        return true;
      }
      previous = range;
    }
    return false;
  }

  /** {@code WHERE API_INCLUDE_DISABLED} and {@code WHERE NOT API_INCLUDE_DISABLED}. */
  private boolean booleanParameter(RexNode conjunct, Map<String, List<Integer>> parameters) {
    boolean negated = conjunct.getKind() == SqlKind.NOT;
    RexNode operand = negated ? ((RexCall) conjunct).getOperands().get(0) : conjunct;
    if (operand instanceof RexInputRef ref && table.isParameterColumn(ref.getIndex())) {
      parameters
          .computeIfAbsent(table.columnName(ref.getIndex()), k -> new ArrayList<>())
          .add(value(rexBuilder.makeLiteral(!negated)));
      return true;
    }
    return false;
  }

  private String unsupported(String column) {
    String allowed =
        column.startsWith("API_")
            ? "only = and IN (one export per value) work on API parameter columns"
            : "it can only be compared directly with a constant or ? parameter "
                + "(=, <, <=, >, >=, BETWEEN), not used inside a function or other expression";
    return String.format(
        Locale.ROOT,
        "%s.%s cannot be used this way in the WHERE clause: %s",
        table.name(),
        column,
        allowed);
  }

  private int value(RexNode expression) {
    values.add(expression);
    return values.size() - 1;
  }

  /** A column compared with a bind-time value, column on the left. */
  private record Comparison(int column, SqlKind op, RexNode value) {}

  private static Comparison comparison(RexNode node) {
    SqlKind kind = node.getKind();
    if (!(node instanceof RexCall call)
        || !SqlKind.COMPARISON.contains(kind)
        || kind == SqlKind.NOT_EQUALS
        || call.getOperands().size() != 2) {
      return null;
    }
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    Integer column = columnOf(left);
    if (column != null && isBindTimeValue(right)) {
      return new Comparison(column, kind, right);
    }
    column = columnOf(right);
    if (column != null && isBindTimeValue(left)) {
      return new Comparison(column, kind.reverse(), left);
    }
    return null;
  }

  /** A column reference, seen through the casts Calcite adds to compare types. */
  private static Integer columnOf(RexNode node) {
    RexNode stripped = node;
    while (stripped.getKind() == SqlKind.CAST) {
      stripped = ((RexCall) stripped).getOperands().get(0);
    }
    return stripped instanceof RexInputRef ref ? ref.getIndex() : null;
  }

  private static boolean isBindTimeValue(RexNode node) {
    return !RexUtil.containsInputRef(node)
        && !RexUtil.containsCorrelation(node)
        && !RexUtil.containsFieldAccess(node);
  }
}
