package io.khorosjdbc.driver.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One "create export" call: which export, which time window, and which filters.
 *
 * <p>{@code parameters} holds further API parameters by their exact (case-sensitive) API name, e.g.
 * {@code "priorities" -> ["0","1"]}, {@code "agentId" -> ["a1","a2"]} or {@code
 * "conversationReportType" -> ["CLOSED"]}. How multiple values are sent (repeated or comma-joined)
 * is decided by the client, per the API's documentation.
 *
 * @param exportId the export, e.g. {@code conversation}; sent as a path segment
 * @param marketing whether it is a Publishing export under {@code /report/marketing/}
 * @param startTime window start, epoch milliseconds
 * @param endTime window end, epoch milliseconds
 * @param reportMetrics the columns to return; empty means the company's default set
 * @param format the file format, or {@code null} for the server default (JSON)
 * @param locale the {@code locale} parameter, or {@code null} for the company setting
 * @param timezone the {@code timezone} parameter (a zone ID), or {@code null}
 * @param parameters further parameters; must not repeat the ones above or {@code companyKey}
 */
public record ExportRequest(
    String exportId,
    boolean marketing,
    long startTime,
    long endTime,
    List<String> reportMetrics,
    ReportFormat format,
    String locale,
    String timezone,
    Map<String, List<String>> parameters) {

  /**
   * Names that have their own component (or come from the settings) and so may not be in {@code
   * parameters}.
   */
  static final Set<String> RESERVED =
      Set.of(
          "companyKey",
          "startTime",
          "endTime",
          "reportMetrics",
          "reportFormat",
          "locale",
          "timezone");

  public ExportRequest {
    Objects.requireNonNull(exportId, "exportId");
    if (exportId.isBlank()) {
      throw new IllegalArgumentException("exportId is blank");
    }
    reportMetrics = reportMetrics == null ? List.of() : List.copyOf(reportMetrics);
    parameters = copyOf(parameters == null ? Map.of() : parameters);
  }

  // Keeps the caller's order (stable, readable URLs) while making the record immutable.
  private static Map<String, List<String>> copyOf(Map<String, List<String>> parameters) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    parameters.forEach(
        (name, values) -> {
          Objects.requireNonNull(name, "parameter name");
          if (RESERVED.contains(name)) {
            throw new IllegalArgumentException(
                "parameter '"
                    + name
                    + "' has its own field in ExportRequest (or comes from the settings)");
          }
          copy.put(name, List.copyOf(Objects.requireNonNull(values, name)));
        });
    return Collections.unmodifiableMap(copy);
  }
}
