package io.khorosjdbc.driver.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampFormatTest {

  @Test
  void countsEpochDaysAsJavaTimeDoesFrom1600To2400() {
    for (LocalDate d = LocalDate.of(1600, 1, 1);
        d.isBefore(LocalDate.of(2400, 1, 1));
        d = d.plusDays(1)) {
      assertEquals(
          d.toEpochDay(),
          TimestampFormat.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()),
          d::toString);
    }
  }

  @Test
  void readsEveryDayOfALeapYearAsJavaTimeDoes() throws ValueFormatException {
    TimestampParser utc = new TimestampParser(ZoneOffset.UTC, null);
    for (LocalDateTime t = LocalDateTime.of(2020, 1, 1, 0, 0, 7);
        t.getYear() == 2020;
        t = t.plusHours(5).plusMinutes(1)) {
      String value = t.toString().replace('T', ' ');
      assertEquals(t.toEpochSecond(ZoneOffset.UTC) * 1000, utc.parse(value), value);
    }
  }

  @Test
  void aDateThatDoesNotExistIsStillAnError() {
    TimestampParser utc = new TimestampParser(ZoneOffset.UTC, null);
    assertThrows(ValueFormatException.class, () -> utc.parse("2019-02-29 10:00:00"));
    assertThrows(ValueFormatException.class, () -> utc.parse("2019-13-01 10:00:00"));
    assertThrows(ValueFormatException.class, () -> utc.parse("2019-01-01 24:00:00"));
  }
}
