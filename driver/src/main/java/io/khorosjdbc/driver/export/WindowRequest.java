package io.khorosjdbc.driver.export;

import java.util.Map;

/**
 * One window (and parameter combination) a query needs, as resolved from its WHERE clause.
 *
 * @param tagStart the WINDOW_START value its rows carry
 * @param tagEnd the WINDOW_END value its rows carry
 * @param exportStart start of the window to export (inclusive, epoch ms)
 * @param exportEnd end of the window to export (exclusive); narrower than the tags when an anchor
 *     column's bounds narrow it
 * @param parameterValues canonical values of the API pseudo-columns the query fixed, by column
 * @param tagged true when the query fixed WINDOW_START/WINDOW_END itself; untagged requests with
 *     equal parameters are merged so that no event is exported twice
 */
public record WindowRequest(
    long tagStart,
    long tagEnd,
    long exportStart,
    long exportEnd,
    Map<String, String> parameterValues,
    boolean tagged) {

  public WindowRequest {
    parameterValues = Map.copyOf(parameterValues);
  }
}
