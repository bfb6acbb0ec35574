package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.RetryPolicy;
import java.time.Duration;
import java.time.ZoneId;

/**
 * How the runner talks to the API, taken from the connection's properties.
 *
 * @param apiLocale the locale requested for formatting
 * @param apiTimeZone the zone requested for formatting timestamps
 * @param endTimeInclusive whether the API includes {@code endTime}; then {@code end - 1} is sent
 * @param pollInitialDelay first wait between status polls
 * @param pollMaxDelay cap of the growing wait between polls
 * @param exportTimeout how long a job may run before the query fails
 * @param maxConcurrentExports how many jobs one connection runs at once
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
    int maxConcurrentExports,
    RetryPolicy retry) {}
