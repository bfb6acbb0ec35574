package io.khorosjdbc.driver.jdbc;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses the durations users type in properties: {@code 500ms}, {@code 30s}, {@code 5m}, {@code
 * 24h}, {@code 7d} or ISO-8601. None may be negative: no wait, delay, timeout or lifetime is.
 */
final class Durations {
  private Durations() {}

  static Duration parse(String property, String text) {
    Duration duration = parseAnySign(property, text);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          property + "='" + text + "' is negative; write 0 or more, e.g. 500ms, 30s or 5m");
    }
    return duration;
  }

  private static Duration parseAnySign(String property, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("p")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "property "
              + property
              + "='"
              + text
              + "' is not a duration; write e.g. 500ms, 30s, 5m, 24h, 7d or PT1H",
          e);
    }
  }
}
