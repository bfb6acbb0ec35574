package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.NumberFormat;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Switchable behaviours: status shapes, date and number styles, empty strings for absent JSON
 * values, the concurrency cap.
 */
class OptionsTest {
  private static final String DAY = Windows.days(Windows.MONDAY, 1);

  @Test
  void theStatusResultCanBeTheOneElementArrayForm() {
    try (KhorosEmulator emu =
        KhorosEmulator.builder()
            .statusShape(StatusShape.ARRAY)
            .jobLatencyMillis(0)
            .build()
            .start()) {
      ApiClient api = new ApiClient(emu);
      String statusUrl =
          ApiClient.json(api.create("response", DAY)).at("/result/statusUrl").asText();
      JsonNode result = ApiClient.json(api.get(statusUrl, true)).get("result");
      assertTrue(result.isArray());
      assertEquals(1, result.size());
      assertEquals("COMPLETED", result.get(0).at("/result/detail").asText());
    }
  }

  @Test
  void theDetailCanBeSpelledDetailsAsInTheLegacyJobsListing() {
    try (KhorosEmulator emu =
        KhorosEmulator.builder()
            .statusDetailKey(StatusDetailKey.DETAILS)
            .jobLatencyMillis(0)
            .build()
            .start()) {
      ApiClient api = new ApiClient(emu);
      String statusUrl =
          ApiClient.json(api.create("response", DAY)).at("/result/statusUrl").asText();
      JsonNode state = api.awaitClosed(statusUrl).at("/result/result");
      assertEquals("COMPLETED", state.get("details").asText(), state.toString());
      assertTrue(!state.has("detail"), state.toString());

      emu.setFaults("status:failed:x1");
      state = api.status(statusUrl).at("/result/result");
      assertEquals("FAILED", state.get("details").asText(), state.toString());
    }
  }

  @Test
  void aCompletedJobCanBeClosedWithAnEmptyOrNullDetailAndALiveDownloadUrl() {
    for (CompletedDetail detail :
        new CompletedDetail[] {CompletedDetail.EMPTY, CompletedDetail.NULL}) {
      try (KhorosEmulator emu =
          KhorosEmulator.builder().completedDetail(detail).jobLatencyMillis(0).build().start()) {
        ApiClient api = new ApiClient(emu);
        String statusUrl =
            ApiClient.json(api.create("response", DAY)).at("/result/statusUrl").asText();
        JsonNode status = api.awaitClosed(statusUrl);
        JsonNode state = status.at("/result/result");
        assertEquals(
            detail == CompletedDetail.EMPTY ? "\"\"" : "null",
            state.get("detail").toString(),
            detail.name());
        String downloadUrl = status.at("/result/jobInfo/downloadUrl").asText();
        assertEquals(200, api.download(downloadUrl).statusCode(), "the file is there");

        emu.setFaults("status:failed:x1");
        assertEquals(
            "FAILED",
            api.status(statusUrl).at("/result/result/detail").asText(),
            "a failure still says FAILED");
      }
    }
  }

  @Test
  void theDocumentedShapeIsTheDefault() {
    assertEquals(StatusShape.DOCUMENTED, KhorosEmulator.builder().config().statusShape());
  }

  @Test
  void theDocumentedShapeIsAnArrayWhileRunningAnObjectWhenCompletedAndAnArrayWhenFailed() {
    // 60 s per 1,000 expected rows: a 1 ms window completes at once, a whole day runs for a minute.
    try (KhorosEmulator emu =
        KhorosEmulator.builder()
            .statusShape(StatusShape.DOCUMENTED)
            .rowsPerDay(1000)
            .jobMsPer1kRows(60_000)
            .build()
            .start()) {
      ApiClient api = new ApiClient(emu);
      String running = ApiClient.json(api.create("response", DAY)).at("/result/statusUrl").asText();
      JsonNode result = ApiClient.json(api.get(running, true)).get("result");
      assertTrue(result.isArray(), result.toString());
      assertEquals(1, result.size());
      assertEquals("RUNNING", result.get(0).at("/result/runnerState").asText());

      String done =
          ApiClient.json(api.create("response", "startTime=0&endTime=1"))
              .at("/result/statusUrl")
              .asText();
      api.awaitClosed(done);
      result = ApiClient.json(api.get(done, true)).get("result");
      assertTrue(result.isObject(), result.toString());
      assertEquals("COMPLETED", result.at("/result/detail").asText());
      assertTrue(result.at("/jobInfo/downloadUrl").asText().contains("/download?"));

      emu.setFaults("status:failed:x1");
      result = ApiClient.json(api.get(running, true)).get("result");
      assertTrue(result.isArray(), result.toString());
      assertEquals(1, result.size());
      assertEquals("CLOSED", result.get(0).at("/result/runnerState").asText());
      assertEquals("FAILED", result.get(0).at("/result/detail").asText());
    }
  }

  @Test
  void dateStylesPrintTheSameInstantDifferently() {
    Map<DateFormatStyle, String> expected =
        Map.of(
            DateFormatStyle.SQL, "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d",
            DateFormatStyle.ISO, "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}-06:00",
            DateFormatStyle.US, "\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d [AP]M",
            DateFormatStyle.EPOCH, "\\d{13}",
            DateFormatStyle.DMY_SLASH, "\\d\\d/\\d\\d/\\d{4} [0-2]\\d:\\d\\d:\\d\\d",
            DateFormatStyle.DMY_DOT, "\\d\\d\\.\\d\\d\\.\\d{4} [0-2]\\d:\\d\\d:\\d\\d",
            DateFormatStyle.MDY_24H, "\\d\\d/\\d\\d/\\d{4} [0-2]\\d:\\d\\d:\\d\\d");
    expected.forEach(
        (style, pattern) -> {
          try (KhorosEmulator emu = KhorosEmulator.builder().dateFormat(style).build().start()) {
            String t =
                ApiClient.jsonRows(
                        new ApiClient(emu)
                            .groundTruth("response", DAY + "&timezone=America/Chicago"))
                    .get(0)
                    .get("RESPONSE_TIME");
            assertTrue(t.matches(pattern), style + ": " + t);
          }
        });
  }

  @Test
  void dayFirstAndTwentyFourHourStylesPrintTheSameWallClock() {
    Map<DateFormatStyle, String> patterns =
        Map.of(
            DateFormatStyle.SQL,
            "yyyy-MM-dd HH:mm:ss",
            DateFormatStyle.DMY_SLASH,
            "dd/MM/yyyy HH:mm:ss",
            DateFormatStyle.DMY_DOT,
            "dd.MM.yyyy HH:mm:ss",
            DateFormatStyle.MDY_24H,
            "MM/dd/yyyy HH:mm:ss");
    Map<DateFormatStyle, List<LocalDateTime>> read = new EnumMap<>(DateFormatStyle.class);
    patterns.forEach(
        (style, pattern) -> {
          try (KhorosEmulator emu = KhorosEmulator.builder().dateFormat(style).build().start()) {
            read.put(
                style,
                ApiClient.jsonRows(
                        new ApiClient(emu)
                            .groundTruth("response", DAY + "&timezone=America/Chicago"))
                    .stream()
                    .map(
                        r ->
                            LocalDateTime.parse(
                                r.get("RESPONSE_TIME"), DateTimeFormatter.ofPattern(pattern)))
                    .toList());
          }
        });
    assertTrue(read.get(DateFormatStyle.SQL).size() > 10);
    read.forEach(
        (style, times) -> assertEquals(read.get(DateFormatStyle.SQL), times, style.name()));
  }

  @Test
  void numbersArePlainWhateverTheLocaleUnlessTheTenantFollowsIt() {
    String query =
        DAY + "&reportFormat=csv&reportMetrics=RESPONSE_WAIT_MILLIS&reportMetrics=SENTIMENT_SCORE";
    try (KhorosEmulator plain = KhorosEmulator.builder().build().start()) {
      ApiClient api = new ApiClient(plain);
      assertEquals(
          api.groundTruth("response", query), api.groundTruth("response", query + "&locale=de_DE"));
    }
  }

  @Test
  void numbersFollowTheRequestedLocaleLikeATenantSetting() throws Exception {
    String query =
        DAY + "&reportFormat=csv&reportMetrics=RESPONSE_WAIT_MILLIS&reportMetrics=SENTIMENT_SCORE";
    List<CSVRecord> plain;
    try (KhorosEmulator emu = KhorosEmulator.builder().build().start()) {
      plain = ApiClient.csv(new ApiClient(emu).groundTruth("response", query));
    }
    try (KhorosEmulator emu =
        KhorosEmulator.builder().numberFormat(NumberFormatStyle.LOCALE).build().start()) {
      ApiClient api = new ApiClient(emu);
      Map<String, List<CSVRecord>> byLocale =
          Map.of(
              "en_US", ApiClient.csv(api.groundTruth("response", query + "&locale=en_US")),
              "de_DE", ApiClient.csv(api.groundTruth("response", query + "&locale=de_DE")),
              "fr_FR", ApiClient.csv(api.groundTruth("response", query + "&locale=fr_FR")));
      assertTrue(
          api.groundTruth("response", query)
              .equals(api.groundTruth("response", query + "&locale=en_US")),
          "en_US is the default");
      Map<String, String> grouped =
          Map.of(
              "en_US",
              "\\d{1,3}(,\\d{3})+",
              "de_DE",
              "\\d{1,3}(\\.\\d{3})+",
              "fr_FR",
              "\\d{1,3}(\u202f\\d{3})+");
      Map<String, String> decimal =
          Map.of("en_US", "-?\\d+\\.\\d+", "de_DE", "-?\\d+,\\d+", "fr_FR", "-?\\d+,\\d+");
      for (var e : byLocale.entrySet()) {
        List<CSVRecord> rows = e.getValue();
        NumberFormat reader =
            NumberFormat.getInstance(Locale.forLanguageTag(e.getKey().replace('_', '-')));
        assertEquals(plain.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
          for (int c = 0; c < 2; c++) {
            String text = rows.get(i).get(c);
            assertEquals(plain.get(i).get(c).isEmpty(), text.isEmpty());
            if (!text.isEmpty()) {
              assertEquals(
                  Double.parseDouble(plain.get(i).get(c)),
                  reader.parse(text).doubleValue(),
                  e.getKey() + " " + text);
            }
          }
        }
        assertTrue(
            rows.stream().anyMatch(r -> r.get(0).matches(grouped.get(e.getKey()))),
            e.getKey() + " groups thousands");
        assertTrue(
            rows.stream().anyMatch(r -> r.get(1).matches(decimal.get(e.getKey()))),
            e.getKey() + " decimal separator");
      }
    }
  }

  @Test
  void absentValuesCanBeEmptyStringsInJson() {
    try (KhorosEmulator emu = KhorosEmulator.builder().jsonNullAsEmpty(true).build().start()) {
      Map<String, String> row =
          ApiClient.jsonRows(
                  new ApiClient(emu)
                      .groundTruth("conversation", DAY + "&reportMetrics=CLOSED_TIME"))
              .get(0);
      assertEquals("", row.get("CLOSED_TIME"));
    }
  }

  @Test
  void theConcurrencyCapAnswers429WithRetryAfter() {
    try (KhorosEmulator emu =
        KhorosEmulator.builder().maxRunningJobs(1).jobLatencyMillis(60_000).build().start()) {
      ApiClient api = new ApiClient(emu);
      assertEquals(200, api.create("response", DAY).statusCode());
      var second = api.create("response", DAY);
      assertEquals(429, second.statusCode());
      assertEquals("1", second.headers().firstValue("Retry-After").orElse(""));
    }
  }
}
