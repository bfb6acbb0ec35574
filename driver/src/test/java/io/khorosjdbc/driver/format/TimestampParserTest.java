package io.khorosjdbc.driver.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampParserTest {

  private static final TimestampParser UTC = new TimestampParser(ZoneOffset.UTC, null);
  private static final TimestampParser CHICAGO =
      new TimestampParser(ZoneId.of("America/Chicago"), null);

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void readsEpochMillis() throws ValueFormatException {
    assertEquals(1_549_015_200_000L, UTC.parse("1549015200000"));
    assertEquals(-1_000_000_000L, UTC.parse("-1000000000"));
  }

  @Test
  void shortDigitStringsAreNotEpochMillis() {
    assertThrows(ValueFormatException.class, () -> UTC.parse("20190201"));
  }

  @Test
  void readsIsoWithZ() throws ValueFormatException {
    assertEquals(millis("2019-02-01T10:00:00Z"), UTC.parse("2019-02-01T10:00:00Z"));
  }

  @Test
  void readsIsoWithAnOffsetAsThatInstant() throws ValueFormatException {
    assertEquals(millis("2019-02-01T09:00:00Z"), UTC.parse("2019-02-01T10:00:00+01:00"));
    assertEquals(millis("2019-02-01T09:00:00Z"), CHICAGO.parse("2019-02-01T10:00:00+0100"));
  }

  @Test
  void readsIsoWithoutOffsetInTheSourceZone() throws ValueFormatException {
    assertEquals(millis("2019-02-01T10:00:00Z"), UTC.parse("2019-02-01T10:00:00"));
    assertEquals(millis("2019-02-01T16:00:00Z"), CHICAGO.parse("2019-02-01T10:00:00"));
  }

  @Test
  void readsFractionalSecondsAndASpaceSeparator() throws ValueFormatException {
    assertEquals(millis("2019-02-01T10:00:00.123Z"), UTC.parse("2019-02-01 10:00:00.123"));
    assertEquals(millis("2019-02-01T10:00:00.5Z"), UTC.parse("2019-02-01T10:00:00.5Z"));
  }

  @Test
  void readsMinutesWithoutSeconds() throws ValueFormatException {
    assertEquals(millis("2019-02-01T10:30:00Z"), UTC.parse("2019-02-01 10:30"));
  }

  @Test
  void readsADateAsMidnightInTheSourceZone() throws ValueFormatException {
    assertEquals(millis("2019-02-01T00:00:00Z"), UTC.parse("2019-02-01"));
    assertEquals(millis("2019-02-01T06:00:00Z"), CHICAGO.parse("2019-02-01"));
  }

  @Test
  void readsUsStyleWithAmPm() throws ValueFormatException {
    assertEquals(millis("2019-02-01T22:05:09Z"), UTC.parse("02/01/2019 10:05:09 PM"));
    assertEquals(millis("2019-02-01T00:05:09Z"), UTC.parse("2/1/2019 12:05:09 am"));
  }

  @Test
  void usesTheSourceZonesOffsetOfThatDay() throws ValueFormatException {
    assertEquals(millis("2019-07-01T15:00:00Z"), CHICAGO.parse("2019-07-01 10:00:00")); // CDT, -5
  }

  @Test
  void triesTheCustomPatternFirst() throws ValueFormatException {
    TimestampParser dayFirst = new TimestampParser(ZoneOffset.UTC, "dd/MM/yyyy HH:mm");

    assertEquals(millis("2019-02-03T10:00:00Z"), dayFirst.parse("03/02/2019 10:00"));
  }

  @Test
  void fallsBackToBuiltInFormsWhenTheCustomPatternDoesNotMatch() throws ValueFormatException {
    TimestampParser dayFirst = new TimestampParser(ZoneOffset.UTC, "dd/MM/yyyy HH:mm");

    assertEquals(millis("2019-02-01T10:00:00Z"), dayFirst.parse("2019-02-01T10:00:00Z"));
  }

  @Test
  void aCustomPatternMayCarryAnOffsetOrBeDateOnly() throws ValueFormatException {
    assertEquals(
        millis("2019-02-01T09:00:00Z"),
        new TimestampParser(ZoneOffset.UTC, "dd.MM.yyyy HH:mm XXX")
            .parse("01.02.2019 10:00 +01:00"));
    assertEquals(
        millis("2019-02-01T06:00:00Z"),
        new TimestampParser(ZoneId.of("America/Chicago"), "dd MMM yyyy").parse("01 Feb 2019"));
  }

  @Test
  void anInvalidCustomPatternIsRejectedUpFront() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TimestampParser(ZoneOffset.UTC, "yyyy-MM-dd {{"));

    assertTrue(
        e.getMessage().startsWith("dateFormat 'yyyy-MM-dd {{' is not a valid"), e.getMessage());
  }

  @Test
  void anUnreadableValueListsTheAcceptedFormsAndTheFix() {
    ValueFormatException e =
        assertThrows(ValueFormatException.class, () -> UTC.parse("Feb 1st, 2019"));

    assertEquals(ColumnType.TIMESTAMP, e.expectedType());
    String message = e.getMessage();
    assertTrue(
        message.startsWith("cannot read 'Feb 1st, 2019' as TIMESTAMP: expected epoch milliseconds"),
        message);
    assertTrue(message.contains("2019-02-01T10:00:00+01:00"), message);
    assertTrue(message.contains("02/01/2019 10:00:00 AM"), message);
    assertTrue(message.contains("set the dateFormat connection property"), message);
  }

  @Test
  void anImpossibleDateIsAnError() {
    assertThrows(ValueFormatException.class, () -> UTC.parse("2019-02-30"));
    assertThrows(ValueFormatException.class, () -> UTC.parse("2019-02-30T10:00:00Z"));
    assertThrows(ValueFormatException.class, () -> UTC.parse("02/30/2019 10:00:00 AM"));
    assertThrows(ValueFormatException.class, () -> UTC.parse("2019-13-01T10:00:00Z"));
    assertThrows(ValueFormatException.class, () -> UTC.parse("2019-02-30 10:00:00"));
    assertThrows(ValueFormatException.class, () -> UTC.parse("2019-02-01 25:00:00"));
    assertThrows(ValueFormatException.class, () -> UTC.parse("2019-02-01 10-00-00"));
  }

  @Test
  void theCommonSqlFormIsReadInTheSourceZoneIncludingDaylightSaving() throws Exception {
    assertEquals(millis("2019-02-01T16:00:00Z"), CHICAGO.parse("2019-02-01 10:00:00"));
    assertEquals(millis("2019-07-01T15:00:00Z"), CHICAGO.parse("2019-07-01 10:00:00"));
    assertEquals(millis("2019-07-01T10:00:00Z"), UTC.parse("2019-07-01 10:00:00"));
  }
}
