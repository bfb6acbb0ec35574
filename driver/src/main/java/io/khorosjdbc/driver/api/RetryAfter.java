package io.khorosjdbc.driver.api;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delay seconds or an HTTP date (RFC 9110 §10.2.3). */
final class RetryAfter {

  private RetryAfter() {}

  /** Milliseconds to wait, never negative, or -1 when the header is absent or unreadable. */
  static long millis(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    String value = header.strip();
    if (Character.isDigit(value.charAt(0))) {
      try {
        return Math.multiplyExact(Long.parseLong(value), 1000L);
      } catch (NumberFormatException | ArithmeticException e) {
        return -1;
      }
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      return Math.max(0, Duration.between(clock.instant(), at.toInstant()).toMillis());
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
