package io.khorosjdbc.driver.sql;

import static java.util.Objects.requireNonNull;

import io.khorosjdbc.driver.api.ReportFormat;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What the SQL side needs of a connection's settings; built by the JDBC layer from its properties,
 * so that nothing here depends on how properties are read.
 *
 * @param format the export format asked for (JSON-only columns switch an export to JSON)
 * @param stringsOnly {@code typeMode=strings}: every data column is VARCHAR
 * @param dateFormat a java.time pattern for timestamps, when the user gave one
 * @param apiLocale the locale the API is asked to format values in
 * @param apiTimeZone the zone the API is asked to format timestamps in
 * @param defaultWindow the window of a query without a time predicate; empty: an error
 * @param splitWindow how event windows are cut into pieces
 * @param maxConcurrentExports the most pieces {@code splitWindow=auto} cuts a window into
 * @param maxTimeBuckets the most {@code timeInterval} buckets one export may need (0: no check)
 */
public record SqlSettings(
    ReportFormat format,
    boolean stringsOnly,
    Optional<String> dateFormat,
    String apiLocale,
    ZoneId apiTimeZone,
    Optional<Duration> defaultWindow,
    SplitWindow splitWindow,
    int maxConcurrentExports,
    int maxTimeBuckets) {

  public SqlSettings {
    requireNonNull(format, "format");
    requireNonNull(dateFormat, "dateFormat");
    requireNonNull(apiLocale, "apiLocale");
    requireNonNull(apiTimeZone, "apiTimeZone");
    requireNonNull(defaultWindow, "defaultWindow");
    requireNonNull(splitWindow, "splitWindow");
  }

  /**
   * How event windows are cut: {@code auto} (from the budget and the learned job durations), a
   * fixed length, or not at all ({@code none}: only where the API requires it).
   */
  public record SplitWindow(boolean auto, Optional<Duration> fixed) {
    @Override
    public String toString() {
      return auto ? "auto" : fixed.map(Duration::toString).orElse("none");
    }
  }
}
