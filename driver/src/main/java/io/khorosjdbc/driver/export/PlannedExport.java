package io.khorosjdbc.driver.export;

import java.util.Map;

/**
 * An export to run and the pseudo-column values its rows carry.
 *
 * @param spec what to ask the API for
 * @param tagStart WINDOW_START of its rows
 * @param tagEnd WINDOW_END of its rows
 * @param parameterValues API pseudo-column values of its rows (columns absent: their default)
 */
public record PlannedExport(
    ExportSpec spec, long tagStart, long tagEnd, Map<String, String> parameterValues) {}
