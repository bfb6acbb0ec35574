package io.khorosjdbc.driver.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each timestamp column's format is detected per file from its values, read ahead only as far as a
 * decision needs, and never changed once decided; {@code dateFormat} decides instead.
 */
class FormatDetectorTest {

  private static final TimestampParser UTC = new TimestampParser(ZoneOffset.UTC, null);

  /** An export file of one column, as a reader over in-memory rows. */
  private static class Rows implements RowReader {
    private final List<String> values;
    private int index = -1;
    int read;

    Rows(List<String> values) {
      this.values = values;
    }

    @Override
    public boolean next() {
      if (index + 1 >= values.size()) {
        return false;
      }
      index++;
      read = Math.max(read, index + 1);
      return true;
    }

    @Override
    public String get(int i) {
      return values.get(index);
    }

    @Override
    public long rowNumber() {
      return index + 1;
    }

    @Override
    public void close() {}
  }

  /**
   * Reads a column the way a scan does: look-ahead reader, then a converter reading with the
   * detector's format.
   */
  private static List<String> read(TimestampParser parser, List<String> column) throws IOException {
    FormatDetector detector = new FormatDetector(parser.customFormat());
    List<String> instants = new ArrayList<>();
    try (LookAheadReader reader =
        new LookAheadReader(
            new Rows(column),
            "response",
            List.of("RESPONSE_TIME"),
            new FormatDetector[] {detector})) {
      ValueConverter converter =
          new ValueConverter(
              ColumnType.TIMESTAMP,
              value -> parser.parse(value, detector.formatFor(value)),
              LocaleNumbers.of("en_US"));
      while (reader.next()) {
        try {
          Object millis = converter.convert(reader.get(0));
          instants.add(millis == null ? null : Instant.ofEpochMilli((Long) millis).toString());
        } catch (ValueFormatException e) {
          throw new IOException(e.describe("response", "RESPONSE_TIME", reader.rowNumber()), e);
        }
      }
    }
    return instants;
  }

  private static List<String> read(String... column) throws IOException {
    return read(UTC, List.of(column));
  }

  private static String failure(TimestampParser parser, String... column) {
    return assertThrows(IOException.class, () -> read(parser, List.of(column))).getMessage();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2019-02-13 10:05:09       | yyyy-MM-dd HH:mm:ss or ISO-8601 (2019-02-01T10:00:00Z) | 2019-02-13T10:05:09Z",
        "2019-02-13 10:05:09.25    | yyyy-MM-dd HH:mm:ss or ISO-8601 (2019-02-01T10:00:00Z) | 2019-02-13T10:05:09.250Z",
        "2019-02-13T10:05:09Z      | yyyy-MM-dd HH:mm:ss or ISO-8601 (2019-02-01T10:00:00Z) | 2019-02-13T10:05:09Z",
        "2019-02-13T10:05:09.123-06:00 | yyyy-MM-dd HH:mm:ss or ISO-8601 (2019-02-01T10:00:00Z) "
            + "| 2019-02-13T16:05:09.123Z",
        "2019-02-13T10:05:09       | yyyy-MM-dd HH:mm:ss or ISO-8601 (2019-02-01T10:00:00Z) | 2019-02-13T10:05:09Z",
        "02/13/2019 10:05:09 PM    | MM/dd/yyyy hh:mm:ss a                                  | 2019-02-13T22:05:09Z",
        "2/13/2019 12:05:09 am     | MM/dd/yyyy hh:mm:ss a                                  | 2019-02-13T00:05:09Z",
        "13/02/2019 22:05:09       | dd/MM/yyyy HH:mm:ss                                    | 2019-02-13T22:05:09Z",
        "13/2/2019 9:05            | dd/MM/yyyy HH:mm:ss                                    | 2019-02-13T09:05:00Z",
        "13.02.2019 22:05:09       | dd.MM.yyyy HH:mm:ss                                    | 2019-02-13T22:05:09Z",
        "02/13/2019 22:05:09       | MM/dd/yyyy HH:mm:ss                                    | 2019-02-13T22:05:09Z",
        "02/13/2019 22:05:09.5     | MM/dd/yyyy HH:mm:ss                                    | 2019-02-13T22:05:09.500Z",
        "1550095509000             | epoch milliseconds (1549015200000)                     | 2019-02-13T22:05:09Z",
      })
  void eachFormatIsDetectedFromAValue(String value, String format, String instant)
      throws Exception {
    FormatDetector detector = new FormatDetector(null);

    assertEquals(false, detector.learn(value));
    assertEquals(format, detector.format().pattern());
    assertEquals(
        instant, Instant.ofEpochMilli(UTC.parse(value, detector.formatFor(value))).toString());
  }

  @Test
  void theFastAndTheGeneralReadingOfEachStyleAgree() throws Exception {
    // 19- and 22-character values take a path without java.time's parser; one-digit fields do not.
    assertEquals(read("13/02/2019 09:05:09"), read("13/2/2019 9:05:09"));
    assertEquals(read("02/13/2019 09:05:09"), read("2/13/2019 9:05:09"));
    assertEquals(read("13.02.2019 09:05:09"), read("13.2.2019 9:05:09"));
    assertEquals(read("02/13/2019 09:05:09 AM"), read("2/13/2019 9:05:09 AM"));
    assertEquals(read("2019-02-13 09:05:09"), read("2019-02-13 09:05:09.000"));
  }

  @Test
  void valuesWithoutOffsetAreReadInTheSourceZone() throws Exception {
    TimestampParser chicago = new TimestampParser(ZoneId.of("America/Chicago"), null);

    assertEquals(List.of("2019-07-13T15:00:00Z"), read(chicago, List.of("13/07/2019 10:00:00")));
    assertEquals(List.of("2019-02-13T16:00:00Z"), read(chicago, List.of("2019-02-13 10:00:00")));
  }

  @Test
  void aLaterDayAbove12DecidesDayFirstForTheRowsBeforeIt() throws Exception {
    assertEquals(
        List.of("2019-02-01T10:00:00Z", "2019-03-05T00:00:00Z", "2019-02-13T23:59:59Z"),
        read("01/02/2019 10:00:00", "05/03/2019 00:00:00", "13/02/2019 23:59:59"));
  }

  @Test
  void aLaterMonthFieldAbove12DecidesMonthFirst() throws Exception {
    assertEquals(
        List.of("2019-01-02T10:00:00Z", "2019-05-03T00:00:00Z", "2019-02-13T23:59:59Z"),
        read("01/02/2019 10:00:00", "05/03/2019 00:00:00", "02/13/2019 23:59:59"));
  }

  @Test
  void emptyValuesAndEqualDayAndMonthNeedNoDecision() throws Exception {
    List<String> column = new ArrayList<>();
    column.add(null);
    column.add("05/05/2019 10:00:00");
    column.add(" ");
    assertEquals(java.util.Arrays.asList(null, "2019-05-05T10:00:00Z", null), read(UTC, column));
  }

  @Test
  void aColumnThatStaysAmbiguousAsksForDateFormat() {
    assertEquals(
        "table response, column RESPONSE_TIME, row 1: cannot tell whether '01/02/2019 10:00:00' "
            + "is day first (dd/MM/yyyy HH:mm:ss) or month first (MM/dd/yyyy HH:mm:ss): neither it nor the "
            + "column's values in the 2 row(s) after it have a day or month above 12; set "
            + "dateFormat=dd/MM/yyyy HH:mm:ss if days come first or dateFormat=MM/dd/yyyy HH:mm:ss if "
            + "months do",
        failure(UTC, "01/02/2019 10:00:00", "02/01/2019 11:00:00", "03/02/2019 12:00:00"));
  }

  @Test
  void theDateFormatAdviceIsSpelledLikeTheData() {
    String message = failure(UTC, "1/2/2019 9:05");

    assertEquals(
        "set dateFormat=d/M/yyyy H:mm if days come first or dateFormat=M/d/yyyy H:mm if months do",
        message.substring(message.indexOf("set dateFormat")));
  }

  @Test
  void theLookAheadIsBounded() {
    List<String> column =
        new ArrayList<>(
            IntStream.range(0, FormatDetector.LOOK_AHEAD_ROWS + 1)
                .mapToObj(i -> "01/02/2019 10:00:00")
                .toList());
    column.add("13/02/2019 10:00:00"); // one row too far
    Rows rows = new Rows(column);

    IOException e =
        assertThrows(
            IOException.class,
            () -> {
              try (LookAheadReader reader =
                  new LookAheadReader(
                      rows,
                      "response",
                      List.of("RESPONSE_TIME"),
                      new FormatDetector[] {new FormatDetector(null)})) {
                reader.next();
              }
            });
    assertEquals(AmbiguousDateException.class, e.getClass());
    assertEquals(true, e.getMessage().contains("in the 10000 row(s) after it"), e.getMessage());
    assertEquals(FormatDetector.LOOK_AHEAD_ROWS + 1, rows.read);
  }

  @Test
  void rowsAreReadAheadOnlyAsFarAsTheDecisionNeeds() throws Exception {
    Rows rows = new Rows(List.of("2019-02-01 10:00:00", "x", "y", "z"));
    FormatDetector detector = new FormatDetector(null);
    try (LookAheadReader reader =
        new LookAheadReader(
            rows, "response", List.of("RESPONSE_TIME"), new FormatDetector[] {detector})) {
      assertEquals(true, reader.next());
      assertEquals(1, rows.read);
      assertSame(TimestampFormat.ISO, detector.format());
    }

    Rows ambiguous =
        new Rows(List.of("01/02/2019 10:00:00", "02/02/2019 10:00:00", "13/02/2019 10:00:00", "z"));
    try (LookAheadReader reader =
        new LookAheadReader(
            ambiguous,
            "response",
            List.of("RESPONSE_TIME"),
            new FormatDetector[] {new FormatDetector(null)})) {
      assertEquals(true, reader.next());
      assertEquals(3, ambiguous.read);
      assertEquals("01/02/2019 10:00:00", reader.get(0));
      assertEquals(1, reader.rowNumber());
      assertEquals(true, reader.next());
      assertEquals(true, reader.next());
      assertEquals("13/02/2019 10:00:00", reader.get(0));
      assertEquals(3, reader.rowNumber());
      assertEquals(true, reader.next());
      assertEquals("z", reader.get(0));
      assertEquals(4, reader.rowNumber());
      assertEquals(false, reader.next());
    }
  }

  @Test
  void aColumnMixingTwoDateStylesFailsAtTheFirstValueInTheOtherStyle() {
    assertEquals(
        "table response, column RESPONSE_TIME, row 2: '02/13/2019 10:00:00' is not a TIMESTAMP "
            + "(expected yyyy-MM-dd HH:mm:ss or ISO-8601 (2019-02-01T10:00:00Z), the format of this column "
            + "in this export); set typeMode=strings to read the column as text",
        failure(UTC, "2019-02-13 10:00:00", "02/13/2019 10:00:00"));
    assertEquals(
        "table response, column RESPONSE_TIME, row 3: '02/13/2019 10:00:00' is not a TIMESTAMP "
            + "(expected dd/MM/yyyy HH:mm:ss, the format of this column in this export); set "
            + "typeMode=strings to read the column as text",
        failure(UTC, "01/02/2019 10:00:00", "13/02/2019 10:00:00", "02/13/2019 10:00:00"));
    assertEquals(
        "table response, column RESPONSE_TIME, row 2: '2019-02-13 10:00:00' is not a TIMESTAMP "
            + "(expected dd/MM/yyyy HH:mm:ss or MM/dd/yyyy HH:mm:ss, the format of this column in this "
            + "export); set typeMode=strings to read the column as text",
        failure(UTC, "05/05/2019 10:00:00", "2019-02-13 10:00:00"));
  }

  @Test
  void aValueInNoKnownFormatSaysWhatIsAccepted() {
    assertEquals(
        "table response, column RESPONSE_TIME, row 1: 'Feb 13th, 2019' is not a TIMESTAMP "
            + "(expected yyyy-MM-dd HH:mm:ss, ISO-8601 (2019-02-01T10:00:00Z), MM/dd/yyyy hh:mm:ss a, "
            + "dd/MM/yyyy HH:mm:ss, MM/dd/yyyy HH:mm:ss, dd.MM.yyyy HH:mm:ss or epoch milliseconds; for "
            + "another format set dateFormat to its java.time pattern); set typeMode=strings to read the "
            + "column as text",
        failure(UTC, "Feb 13th, 2019"));
  }

  @Test
  void anImpossibleDateIsAnErrorInEveryStyle() {
    for (String value :
        new String[] {
          "31/02/2019 10:00:00",
          "02/31/2019 10:00:00",
          "31.02.2019 10:00:00",
          "02/31/2019 10:00:00 AM",
          "2019-02-31 10:00:00",
          "13/02/2019 24:00:00",
          "00/13/2019 10:00:00",
          "13/13/2019 10:00:00"
        }) {
      String message = failure(UTC, value);
      assertEquals(
          true,
          message.startsWith(
              "table response, column RESPONSE_TIME, row 1: '" + value + "' is not a TIMESTAMP"),
          message);
    }
  }

  @Test
  void dateFormatOverridesDetection() throws Exception {
    TimestampParser dayFirst = new TimestampParser(ZoneOffset.UTC, "dd/MM/yyyy HH:mm:ss");
    TimestampParser monthFirst = new TimestampParser(ZoneOffset.UTC, "MM/dd/yyyy HH:mm:ss");

    assertEquals(List.of("2019-02-01T10:00:00Z"), read(dayFirst, List.of("01/02/2019 10:00:00")));
    assertEquals(List.of("2019-01-02T10:00:00Z"), read(monthFirst, List.of("01/02/2019 10:00:00")));
    // a value that would have decided the other way is an error, not a reinterpretation
    assertEquals(
        "table response, column RESPONSE_TIME, row 2: '13/02/2019 10:00:00' is not a TIMESTAMP "
            + "(expected the dateFormat pattern 'MM/dd/yyyy HH:mm:ss'); set typeMode=strings to read the "
            + "column as text",
        failure(monthFirst, "01/02/2019 10:00:00", "13/02/2019 10:00:00"));
  }

  @Test
  void withDateFormatAColumnInAFormThatCannotBeMisreadIsStillRead() throws Exception {
    TimestampParser dayFirst = new TimestampParser(ZoneOffset.UTC, "dd/MM/yyyy HH:mm:ss");

    assertEquals(List.of("2019-02-13T10:00:00Z"), read(dayFirst, List.of("2019-02-13 10:00:00")));
    assertEquals(List.of("2019-02-13T22:05:09Z"), read(dayFirst, List.of("1550095509000")));
    assertEquals(
        "table response, column RESPONSE_TIME, row 1: '02/13/2019 10:00:00 AM' is not a TIMESTAMP "
            + "(expected the dateFormat pattern 'dd/MM/yyyy HH:mm:ss'); set typeMode=strings to read the "
            + "column as text",
        failure(dayFirst, "02/13/2019 10:00:00 AM"));
  }

  @Test
  void eachFileAndColumnDecidesForItself() throws Exception {
    assertEquals(List.of("2019-02-13T10:00:00Z"), read("13/02/2019 10:00:00"));
    assertEquals(List.of("2019-02-13T10:00:00Z"), read("02/13/2019 10:00:00"));

    FormatDetector first = new FormatDetector(null);
    FormatDetector second = new FormatDetector(null);
    Rows two =
        new Rows(List.of("x")) {
          @Override
          public String get(int i) {
            return i == 0 ? "01/02/2019 10:00:00" : "13/02/2019 10:00:00";
          }
        };
    IOException e =
        assertThrows(
            IOException.class,
            () -> {
              try (LookAheadReader reader =
                  new LookAheadReader(
                      two,
                      "response",
                      List.of("A_TIME", "B_TIME"),
                      new FormatDetector[] {first, second})) {
                reader.next();
              }
            });
    assertEquals(
        true,
        e.getMessage().startsWith("table response, column A_TIME, row 1: cannot tell"),
        e.getMessage());
    assertSame(TimestampFormat.DAY_FIRST_SLASH, second.format());
    assertNull(first.format());
  }
}
