package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.RetryPolicy;
import java.time.Duration;
import java.time.ZoneId;

/**
 * How one connection's queries ask for exports, taken from its properties.
 *
 * @param apiLocale the locale requested for formatting
 * @param apiTimeZone the zone requested for formatting timestamps
 * @param endTimeInclusive whether the API includes {@code endTime}; then {@code end - 1} is sent
 * @param pollInitialDelay the shortest wait before a status poll (the budget may ask for more)
 * @param pollMaxDelay the longest wait between polls of a job without an estimate
 * @param exportTimeout how long a job may run before the query fails
 * @param retry how often and how patiently a broken download is fetched again (the HTTP client
 *     applies the same policy to single requests)
 */
public record ExportSettings(
    String apiLocale,
    ZoneId apiTimeZone,
    boolean endTimeInclusive,
    Duration pollInitialDelay,
    Duration pollMaxDelay,
    Duration exportTimeout,
    RetryPolicy retry) {

  /**
   * What decides how the API writes an export's values, beyond the export itself: the same window
   * comes back as other text in another locale or zone, so the export cache keys entries by it.
   */
  public String responseFormatting() {
    return apiLocale + "|" + apiTimeZone.getId() + "|endTimeInclusive=" + endTimeInclusive;
  }
}
