package io.khorosjdbc.driver.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers follow the requested locale's symbols, strictly: never a guess across locales. */
class LocaleNumbersTest {

  private static final LocaleNumbers EN_US = LocaleNumbers.of("en_US");
  private static final LocaleNumbers DE_DE = LocaleNumbers.of("de_DE");
  private static final LocaleNumbers FR_FR = LocaleNumbers.of("fr_FR");

  @Test
  void germanNumbersGroupWithDotsAndHaveADecimalComma() throws Exception {
    assertEquals(1234.5, DE_DE.parseDouble("1.234,5"));
    assertEquals(1234567.25, DE_DE.parseDouble("1.234.567,25"));
    assertEquals(-0.5, DE_DE.parseDouble("-0,5"));
    assertEquals(1234L, DE_DE.parseLong("1.234"));
    assertEquals(1234L, DE_DE.parseLong("1234"));
    assertEquals(1500.0, DE_DE.parseDouble("1,5E3"));
  }

  @Test
  void frenchNumbersGroupWithAnySpace() throws Exception {
    assertEquals(1234.5, FR_FR.parseDouble("1\u202f234,5"));
    assertEquals(1234.5, FR_FR.parseDouble("1\u00a0234,5"));
    assertEquals(1234.5, FR_FR.parseDouble("1 234,5"));
    assertEquals(1234567L, FR_FR.parseLong("1\u202f234\u202f567"));
    assertEquals(-3.25, FR_FR.parseDouble("-3,25"));
  }

  @Test
  void usNumbersGroupWithCommas() throws Exception {
    assertEquals(1234.5, EN_US.parseDouble("1,234.5"));
    assertEquals(1234L, EN_US.parseLong("1,234"));
    assertEquals(-9_223_372_036_854_775_808L, EN_US.parseLong("-9,223,372,036,854,775,808"));
    assertEquals(9_223_372_036_854_775_807L, EN_US.parseLong("9223372036854775807"));
    assertEquals(5L, EN_US.parseLong("+5"));
    assertEquals(0.5, EN_US.parseDouble(".5"));
    assertEquals(Double.NaN, EN_US.parseDouble("NaN"));
    assertEquals(Double.NEGATIVE_INFINITY, EN_US.parseDouble("-Infinity"));
  }

  @Test
  void theSameTextIsReadByTheRequestedLocaleOnly() throws Exception {
    assertEquals(1234L, DE_DE.parseLong("1.234"));
    assertEquals(1.234, EN_US.parseDouble("1.234"));
    assertThrows(ValueFormatException.class, () -> EN_US.parseLong("1.234"));
    assertEquals(1.234, DE_DE.parseDouble("1,234"));
    assertEquals(1234.0, EN_US.parseDouble("1,234"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1,23",
        "12,345,67",
        "1234,567",
        ",123",
        "1,",
        "1,,234",
        "1.234,5",
        "1 234",
        "12.0",
        "-",
        "+",
        "1e3",
        "0x10",
        "١٢",
        "9223372036854775808",
        "-9223372036854775809",
        "1-"
      })
  void aUsWholeNumberIsStrict(String value) {
    ValueFormatException e =
        assertThrows(ValueFormatException.class, () -> EN_US.parseLong(value), value);

    assertEquals(ColumnType.BIGINT, e.expectedType());
    assertEquals(value, e.value());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1,23",
        "1,5",
        "1.234,5",
        "1 234.5",
        "1.5d",
        "n/a",
        ".",
        "1E",
        "1.5.3",
        "1,234.5.6",
        "Infinity!",
        "nan"
      })
  void aUsNumberIsStrict(String value) {
    assertThrows(ValueFormatException.class, () -> EN_US.parseDouble(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1234.5", "1,234.5", "1.23", "1 234,5", "12,0"})
  void aGermanWholeNumberIsStrict(String value) {
    assertThrows(ValueFormatException.class, () -> DE_DE.parseLong(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1234.5", "1,234.5", "1.23,5", "1 234,5"})
  void aGermanNumberIsStrict(String value) {
    assertThrows(ValueFormatException.class, () -> DE_DE.parseDouble(value), value);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "en_US | expected a whole number in locale en_US such as 42, -7 or 1,234 (no decimals, at most 19 digits)",
        "de_DE | expected a whole number in locale de_DE such as 42, -7 or 1.234 (no decimals, at most 19 digits)",
        "de-DE | expected a whole number in locale de_DE such as 42, -7 or 1.234 (no decimals, at most 19 digits)",
      })
  void anUnreadableWholeNumberSaysWhatTheLocaleExpects(String locale, String expected) {
    ValueFormatException e =
        assertThrows(ValueFormatException.class, () -> LocaleNumbers.of(locale).parseLong("1,5"));

    assertEquals(expected, e.expected());
  }

  @Test
  void anUnreadableNumberGivesTheExactQueryMessage() {
    ValueFormatException e =
        assertThrows(ValueFormatException.class, () -> EN_US.parseDouble("1.234,5"));

    assertEquals(
        "table response, column SENTIMENT_SCORE, row 7: '1.234,5' is not a DOUBLE (expected a "
            + "number in locale en_US such as 3.25, -1, 1,234.5 or 1.5E3); set typeMode=strings to read "
            + "the column as text",
        e.describe("response", "SENTIMENT_SCORE", 7));
    ValueFormatException german =
        assertThrows(ValueFormatException.class, () -> DE_DE.parseLong("12,0"));
    assertEquals(
        "table response, column CHARACTER_COUNT, row 1: '12,0' is not a BIGINT (expected a whole "
            + "number in locale de_DE such as 42, -7 or 1.234 (no decimals, at most 19 digits)); set "
            + "typeMode=strings to read the column as text",
        german.describe("response", "CHARACTER_COUNT", 1));
    assertEquals(
        "table response, column RESPONSE_WAIT_MILLIS, row 3: '1\u00a0234' is not a BIGINT (expected "
            + "a whole number in locale en_US such as 42, -7 or 1,234 (no decimals, at most 19 digits)); set "
            + "typeMode=strings to read the column as text",
        assertThrows(ValueFormatException.class, () -> EN_US.parseLong("1\u00a0234"))
            .describe("response", "RESPONSE_WAIT_MILLIS", 3));
  }

  @Test
  void aBooleanThatDoesNotReadGivesTheExactQueryMessage() {
    ValueFormatException e =
        assertThrows(
            ValueFormatException.class,
            () -> new ValueConverter(ColumnType.BOOLEAN, null, EN_US).convert("maybe"));

    assertEquals(
        "table response, column IS_FIRST_RESPONSE, row 2: 'maybe' is not a BOOLEAN (expected "
            + "true/false, 1/0 or yes/no); set typeMode=strings to read the column as text",
        e.describe("response", "IS_FIRST_RESPONSE", 2));
  }

  @Test
  void theConverterReadsNumbersInItsLocale() throws Exception {
    ValueConverter bigint =
        new ValueConverter(ColumnType.BIGINT, null, LocaleNumbers.of(Locale.GERMANY));
    ValueConverter dbl =
        new ValueConverter(ColumnType.DOUBLE, null, LocaleNumbers.of(Locale.FRANCE));

    assertEquals(1234L, bigint.convert(" 1.234 "));
    assertEquals(1234.5, dbl.convert("1\u202f234,5"));
  }
}
