package io.khorosjdbc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Two engines' answers compare equal when their values do, whatever their Java types. */
class CanonicalValuesTest {
  @Test
  void numbersOfAnyTypeReadAlike() {
    assertEquals("3800064000", Harness.canonical(3_800_064_000L));
    assertEquals("3800064000", Harness.canonical(new BigInteger("3800064000")));
    assertEquals("3800064000", Harness.canonical(new BigDecimal("3800064000.00")));
    assertEquals("2.5", Harness.canonical(2.5d));
    assertEquals("NULL", Harness.canonical(null));
    assertEquals("RESPOND", Harness.canonical("RESPOND"));
  }

  @Test
  void timestampsAreTheirUtcDateTime() {
    Timestamp t = Timestamp.from(Instant.parse("2019-03-04T00:03:04Z"));
    assertEquals("2019-03-04T00:03:04", Harness.canonical(t));
  }
}
