package io.khorosjdbc.driver.sql;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rex.RexNode;

/**
 * What a scan's WHERE clause asks of the API, before values are known: one {@link Disjunct} per
 * branch of the condition in disjunctive normal form, each naming bind-time values by index into
 * {@link #values}. Turned into concrete windows and parameters by {@link WindowResolver} at bind
 * time, when {@code ?} parameters and {@code CURRENT_TIMESTAMP} have values.
 *
 * @param disjuncts the branches; a condition without OR has one, no condition has one empty branch
 * @param values expressions without column references, evaluated at bind time
 */
record ScanPlan(List<Disjunct> disjuncts, List<RexNode> values) {

  /**
   * One branch.
   *
   * @param bounds comparisons of window pseudo-columns and anchor candidates with values
   * @param parameters API pseudo-column name to the indexes of the values it must equal (all must
   *     agree)
   * @param opaqueTimeColumns anchor candidates the branch constrains in a form that cannot choose a
   *     window (e.g. {@code EXTRACT(YEAR FROM ACTION_TIME) = 2024})
   * @param contradictory true when one of the branch's conjuncts is always false, so it selects
   *     nothing; Calcite's simplification usually drops such a branch before, and two different
   *     values for one parameter are found later, when the values are bound
   */
  record Disjunct(
      List<TimeBound> bounds,
      Map<String, List<Integer>> parameters,
      Set<String> opaqueTimeColumns,
      boolean contradictory) {

    boolean hasWindowBounds() {
      return bounds.stream()
          .anyMatch(
              b ->
                  b.column().equals(PseudoColumns.WINDOW_START)
                      || b.column().equals(PseudoColumns.WINDOW_END));
    }
  }
}
