package io.khorosjdbc.driver.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One export as the driver knows it: the SQL table name, the API's export id and path, the API
 * parameters it accepts (as pseudo-columns) and what its time window means.
 *
 * @param table SQL table name (the export id)
 * @param exportId the API's export id
 * @param marketing true for Publishing exports under {@code /report/marketing/}
 * @param description one line for metadata
 * @param parameters the pseudo-columns this export accepts
 * @param windowRule the window semantics, per parameter values
 * @param maxWindowMillis the longest window one request may ask for, if documented
 * @param followsRequestedTimeZone false when the export takes no {@code timezone} parameter (per
 *     the API reference's parameter matrix), so its timestamps are read as UTC
 */
public record ReportDefinition(
    String table,
    String exportId,
    boolean marketing,
    String description,
    List<ParameterColumn> parameters,
    WindowRule windowRule,
    Optional<Long> maxWindowMillis,
    boolean followsRequestedTimeZone) {

  public ReportDefinition {
    requireNonNull(table, "table");
    requireNonNull(exportId, "exportId");
    requireNonNull(description, "description");
    parameters = List.copyOf(parameters);
    requireNonNull(windowRule, "windowRule");
    requireNonNull(maxWindowMillis, "maxWindowMillis");
  }

  public Optional<ParameterColumn> parameter(String columnName) {
    return parameters.stream().filter(p -> p.name().equalsIgnoreCase(columnName)).findFirst();
  }
}
