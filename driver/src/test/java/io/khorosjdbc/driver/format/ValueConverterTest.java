package io.khorosjdbc.driver.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ValueConverterTest {

  private static final TimestampParser UTC = new TimestampParser(ZoneOffset.UTC, null);

  private static Object convert(ColumnType type, String raw) throws ValueFormatException {
    return new ValueConverter(type, UTC).convert(raw);
  }

  @Test
  void nullStaysNullForEveryType() throws ValueFormatException {
    for (ColumnType type : ColumnType.values()) {
      assertNull(convert(type, null), type.name());
    }
  }

  @Test
  void varcharIsKeptExactly() throws ValueFormatException {
    assertEquals("  spaced  ", convert(ColumnType.VARCHAR, "  spaced  "));
  }

  @Test
  void bigintReadsSignedWholeNumbers() throws ValueFormatException {
    assertEquals(42L, convert(ColumnType.BIGINT, "42"));
    assertEquals(-7L, convert(ColumnType.BIGINT, "-7"));
    assertEquals(5L, convert(ColumnType.BIGINT, "+5"));
    assertEquals(1_549_015_200_000L, convert(ColumnType.BIGINT, " 1549015200000 "));
  }

  @Test
  void bigintRejectsDecimalsEvenWhenIntegral() {
    ValueFormatException e =
        assertThrows(ValueFormatException.class, () -> convert(ColumnType.BIGINT, "12.0"));

    assertEquals("12.0", e.value());
    assertEquals(ColumnType.BIGINT, e.expectedType());
    assertTrue(
        e.getMessage().startsWith("cannot read '12.0' as BIGINT: expected a whole number"),
        e.getMessage());
  }

  @Test
  void bigintRejectsOverflow() {
    assertThrows(
        ValueFormatException.class, () -> convert(ColumnType.BIGINT, "99999999999999999999"));
  }

  @Test
  void doubleReadsDecimalsAndExponents() throws ValueFormatException {
    assertEquals(3.25, convert(ColumnType.DOUBLE, "3.25"));
    assertEquals(-1.0, convert(ColumnType.DOUBLE, "-1"));
    assertEquals(1500.0, convert(ColumnType.DOUBLE, "1.5E3"));
  }

  @Test
  void doubleRejectsTextAndJavaTypeSuffixes() {
    assertThrows(ValueFormatException.class, () -> convert(ColumnType.DOUBLE, "n/a"));
    assertThrows(ValueFormatException.class, () -> convert(ColumnType.DOUBLE, "1.5d"));
  }

  @Test
  void booleanReadsTrueFalseOneZeroYesNoInAnyCase() throws ValueFormatException {
    for (String yes : new String[] {"true", "TRUE", "1", "yes", "Yes"}) {
      assertEquals(Boolean.TRUE, convert(ColumnType.BOOLEAN, yes), yes);
    }
    for (String no : new String[] {"false", "False", "0", "no", "NO"}) {
      assertEquals(Boolean.FALSE, convert(ColumnType.BOOLEAN, no), no);
    }
  }

  @Test
  void booleanRejectsOtherWords() {
    ValueFormatException e =
        assertThrows(ValueFormatException.class, () -> convert(ColumnType.BOOLEAN, "maybe"));

    assertTrue(e.getMessage().contains("true/false, 1/0 or yes/no"), e.getMessage());
  }

  @Test
  void timestampIsEpochMillisOfTheUtcWallClock() throws ValueFormatException {
    assertEquals(1_549_015_200_000L, convert(ColumnType.TIMESTAMP, "2019-02-01T10:00:00Z"));
  }

  @Test
  void blankIsNullForTypedColumns() throws ValueFormatException {
    assertNull(convert(ColumnType.BIGINT, "  "));
    assertNull(convert(ColumnType.TIMESTAMP, " "));
  }

  @Test
  void aTimestampColumnNeedsAParser() {
    assertThrows(NullPointerException.class, () -> new ValueConverter(ColumnType.TIMESTAMP, null));
  }

  @Test
  void aHugeBadValueIsShortenedInTheMessage() {
    ValueFormatException e =
        assertThrows(
            ValueFormatException.class, () -> convert(ColumnType.BIGINT, "x".repeat(10_000)));

    assertTrue(e.getMessage().length() < 300, e.getMessage());
    assertEquals(10_000, e.value().length());
  }

  @Test
  void aBatchReceivesWhatConvertReturnsWithoutBoxingNumbers() throws ValueFormatException {
    String[][] samples = {
      {"VARCHAR", "  spaced  ", "", null},
      {"BIGINT", " 42 ", "-7", " ", null},
      {"DOUBLE", "2.5", "1e3", "", null},
      {"BOOLEAN", "yes", "0", " ", null},
      {"TIMESTAMP", "2019-02-01 10:00:00", "  ", null}
    };
    for (String[] sample : samples) {
      ColumnType type = ColumnType.valueOf(sample[0]);
      ValueConverter converter = new ValueConverter(type, UTC);
      ColumnBatch batch = new ColumnBatch(new ColumnBatch.Kind[] {ColumnBatch.Kind.of(type)}, 1, 8);
      for (int i = 1; i < sample.length; i++) {
        converter.convertInto(sample[i], batch, 0);
        batch.endRow();
        assertEquals(converter.convert(sample[i]), batch.valueAt(0, i - 1), type + " " + sample[i]);
        assertEquals(converter.convert(sample[i]) == null, batch.isNull(0, i - 1));
      }
    }
  }
}
