package io.khorosjdbc.driver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.emulator.DateFormatStyle;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.NumberFormatStyle;
import java.sql.SQLException;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * First contact with a tenant whose values follow another date style or locale: the same queries
 * give exactly the rows the default style gives, or fail naming what to set; never other values.
 */
class FormatsAndLocalesTest {
  /** 13 February: its dates tell day first from month first. */
  private static final String RESPONSES =
      "SELECT RESPONSE_ID, RESPONSE_TIME, RESPONSE_WAIT_MILLIS, "
          + "CHARACTER_COUNT, SENTIMENT_SCORE, IS_FIRST_RESPONSE, RESPONSE_TEXT FROM response WHERE "
          + "RESPONSE_TIME >= TIMESTAMP '2019-02-13 00:00:00' AND RESPONSE_TIME < TIMESTAMP "
          + "'2019-02-13 06:00:00' ORDER BY RESPONSE_ID";

  /** Three timestamp columns (one often empty), counts, durations and a score. */
  private static final String CONVERSATIONS =
      "SELECT CONVERSATION_ID, CREATED_TIME, CLOSED_TIME, "
          + "FIRST_RESPONSE_TIME, INCOMING_POST_COUNT, RESPONSE_COUNT, HANDLE_TIME_MILLIS, CSAT_SCORE "
          + "FROM conversation WHERE WINDOW_START >= TIMESTAMP '2019-02-13 00:00:00' AND WINDOW_END <= "
          + "TIMESTAMP '2019-02-14 00:00:00' ORDER BY CONVERSATION_ID";

  /** 1 February: every date in the export fits both day first and month first. */
  private static final String EARLY_WINDOW =
      " FROM response WHERE WINDOW_START >= TIMESTAMP "
          + "'2019-02-01 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-01 06:00:00'";

  private static final String EARLY =
      "SELECT RESPONSE_ID, RESPONSE_TIME, RESPONSE_WAIT_MILLIS"
          + EARLY_WINDOW
          + " ORDER BY RESPONSE_ID";

  private static final Map<String, List<String>> STANDARD = new ConcurrentHashMap<>();

  /** The rows with the emulator's defaults: yyyy-MM-dd HH:mm:ss and plain numbers. */
  private static List<String> standard(String sql) throws SQLException {
    List<String> rows = STANDARD.get(sql);
    if (rows == null) {
      rows = EmulatorFixture.rows(KhorosEmulator.builder(), sql);
      assertTrue(rows.size() > 10, sql + " has " + rows.size() + " rows");
      STANDARD.put(sql, rows);
    }
    return rows;
  }

  private static void assertSameRows(KhorosEmulator.Builder tenant, String... properties)
      throws SQLException {
    for (String sql : List.of(RESPONSES, CONVERSATIONS)) {
      assertEquals(standard(sql), EmulatorFixture.rows(tenant, sql, properties), sql);
    }
  }

  @ParameterizedTest
  @EnumSource(DateFormatStyle.class)
  void everyDateStyleGivesTheRowsOfTheDefaultStyle(DateFormatStyle style) throws SQLException {
    assertSameRows(KhorosEmulator.builder().dateFormat(style));
  }

  @ParameterizedTest
  @CsvSource({"de_DE, csv", "fr_FR, csv", "en_US, csv", "de_DE, json"})
  void numbersInTheRequestedLocaleGiveTheRowsOfPlainNumbers(String locale, String format)
      throws SQLException {
    KhorosEmulator.Builder tenant = KhorosEmulator.builder().numberFormat(NumberFormatStyle.LOCALE);
    assertSameRows(tenant, "apiLocale=" + locale, "format=" + format);

    // what the tenant sent: grouped thousands and the locale's decimal separator
    DecimalFormatSymbols symbols =
        DecimalFormatSymbols.getInstance(Locale.forLanguageTag(locale.replace('_', '-')));
    List<String> sent =
        EmulatorFixture.rows(
            tenant,
            "SELECT RESPONSE_WAIT_MILLIS, SENTIMENT_SCORE" + EARLY_WINDOW,
            "typeMode=strings",
            "apiLocale=" + locale,
            "format=" + format);
    assertTrue(
        sent.stream()
            .anyMatch(
                r -> r.substring(0, r.indexOf('|')).indexOf(symbols.getGroupingSeparator()) > 0),
        sent.toString());
    assertTrue(
        sent.stream()
            .anyMatch(r -> r.substring(r.indexOf('|')).indexOf(symbols.getDecimalSeparator()) > 0),
        sent.toString());
  }

  @Test
  void aGermanTenantWithDayFirstDotsAndGroupedNumbersGivesTheSameRows() throws SQLException {
    assertSameRows(
        KhorosEmulator.builder()
            .dateFormat(DateFormatStyle.DMY_DOT)
            .numberFormat(NumberFormatStyle.LOCALE),
        "apiLocale=de_DE");
  }

  @ParameterizedTest
  @EnumSource(names = {"DMY_SLASH", "MDY_24H"})
  void slashDatesThatFitBothReadingsFailAndAskForDateFormat(DateFormatStyle style)
      throws SQLException {
    KhorosEmulator.Builder tenant = KhorosEmulator.builder().dateFormat(style);
    List<String> times =
        EmulatorFixture.rows(tenant, "SELECT RESPONSE_TIME" + EARLY_WINDOW, "typeMode=strings");

    String message = EmulatorFixture.failure(KhorosEmulator.builder().dateFormat(style), EARLY);

    String expected =
        "table response, column RESPONSE_TIME, row 1: cannot tell whether '"
            + times.get(0)
            + "' is day first (dd/MM/yyyy HH:mm:ss) or month first (MM/dd/yyyy "
            + "HH:mm:ss): neither it nor the column's values in the "
            + (times.size() - 1)
            + " row(s) "
            + "after it have a day or month above 12; set dateFormat=dd/MM/yyyy HH:mm:ss if days come "
            + "first or dateFormat=MM/dd/yyyy HH:mm:ss if months do";
    assertTrue(message.endsWith(expected), message);
  }

  @ParameterizedTest
  @CsvSource({
    "DMY_SLASH, dd/MM/yyyy HH:mm:ss",
    "MDY_24H, MM/dd/yyyy HH:mm:ss",
    "DMY_DOT, dd.MM.yyyy HH:mm:ss",
    "US, MM/dd/yyyy hh:mm:ss a"
  })
  void dateFormatDecidesWhatTheDataCannot(DateFormatStyle style, String pattern)
      throws SQLException {
    assertEquals(
        standard(EARLY),
        EmulatorFixture.rows(
            KhorosEmulator.builder().dateFormat(style), EARLY, "dateFormat=" + pattern));
  }
}
