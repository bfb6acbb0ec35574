package io.khorosjdbc.driver.api;

/**
 * A time zone the API accepts for its {@code timezone} parameter, as listed by {@code
 * /api/public/config/timezones}.
 *
 * @param id the zone ID to send, e.g. {@code America/Chicago}
 * @param name the display name
 * @param shortName the abbreviation
 * @param offsetString the current offset, e.g. {@code -06:00}
 * @param offsetMillis the current offset in milliseconds
 */
public record TimeZoneInfo(
    String id, String name, String shortName, String offsetString, long offsetMillis) {}
