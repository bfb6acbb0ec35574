package io.khorosjdbc.driver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Clock NOW =
      Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void readsDelaySeconds() {
    assertEquals(120_000, RetryAfter.millis("120", NOW));
  }

  @Test
  void readsAnHttpDate() {
    assertEquals(90_000, RetryAfter.millis("Wed, 01 May 2024 12:01:30 GMT", NOW));
  }

  @Test
  void aDateInThePastMeansNoWait() {
    assertEquals(0, RetryAfter.millis("Wed, 01 May 2024 11:00:00 GMT", NOW));
  }

  @Test
  void absentOrUnreadableMeansUnknown() {
    assertEquals(-1, RetryAfter.millis(null, NOW));
    assertEquals(-1, RetryAfter.millis("soon", NOW));
  }
}
