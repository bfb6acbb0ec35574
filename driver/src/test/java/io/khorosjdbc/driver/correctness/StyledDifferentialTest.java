package io.khorosjdbc.driver.correctness;

import io.khorosjdbc.emulator.CsvHeaderStyle;
import io.khorosjdbc.emulator.DateFormatStyle;
import io.khorosjdbc.emulator.JsonKeyStyle;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.NumberFormatStyle;
import io.khorosjdbc.emulator.StatusShape;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential run against the oracle, once per way a tenant may format its files: the driver
 * reads an emulator in that style while the oracle reads the same world in the canonical one. A
 * subset of queries per style (correctness.styledQueries, 300 by default).
 */
@Tag("slow")
class StyledDifferentialTest {
  static final int QUERIES = Integer.getInteger("correctness.styledQueries", 300);

  record Style(UnaryOperator<KhorosEmulator.Builder> emulator, String... driverProperties) {}

  static Stream<Arguments> styles() {
    return Stream.of(
        style("--csv-header display", new Style(b -> b.csvHeader(CsvHeaderStyle.DISPLAY))),
        style(
            "--json-keys camel, format=json",
            new Style(b -> b.jsonKeys(JsonKeyStyle.CAMEL), "format=json")),
        style("--date-format us", new Style(b -> b.dateFormat(DateFormatStyle.US))),
        style("--date-format iso", new Style(b -> b.dateFormat(DateFormatStyle.ISO))),
        // Day first with dots: decidable on any calendar day (a slash day-first style needs a
        // day above 12 in the window, which the generated windows do not always have).
        style("--date-format dmy-dot", new Style(b -> b.dateFormat(DateFormatStyle.DMY_DOT))),
        style(
            "--number-format locale, apiLocale=de_DE",
            new Style(b -> b.numberFormat(NumberFormatStyle.LOCALE), "apiLocale=de_DE")),
        style("--status-shape documented", new Style(b -> b.statusShape(StatusShape.DOCUMENTED))));
  }

  private static Arguments style(String name, Style style) {
    return Arguments.of(Named.of(name, style));
  }

  @ParameterizedTest
  @MethodSource("styles")
  void everyGeneratedQueryEqualsTheOracleInThisStyle(Style style) throws Exception {
    try (Suite suite = new Suite(style.emulator(), style.driverProperties())) {
      DifferentialCorrectnessTest.agreesWithTheOracle(suite, QUERIES);
    }
  }
}
