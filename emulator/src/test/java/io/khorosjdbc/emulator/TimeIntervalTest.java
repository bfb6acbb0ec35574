package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.khorosjdbc.emulator.world.World;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * team_performance_interval buckets: listed values, monthly above a week, errors otherwise, and a
 * cap of 40.
 */
class TimeIntervalTest {
  @RegisterExtension
  static final KhorosEmulatorExtension EMU =
      new KhorosEmulatorExtension(
          KhorosEmulator.builder().rowsPerDay(200).rateLimit(RateLimit.OFF));

  static final int TEAMS = World.TEAM_COUNT;

  private static HttpResponse<String> create(String query) {
    return new ApiClient(EMU.emulator()).create("team_performance_interval", query);
  }

  private static List<Map<String, String>> rows(String query) {
    return ApiClient.jsonRows(
        new ApiClient(EMU.emulator()).groundTruth("team_performance_interval", query));
  }

  @Test
  void aListedIntervalGivesOneRowPerTeamPerBucketStartingAtStartTime() {
    List<Map<String, String>> rows =
        rows(Windows.days(Windows.MONDAY, 7) + "&timeInterval=28800000");
    assertEquals(21 * TEAMS, rows.size(), "a week in 8-hour buckets");
    assertEquals("2019-03-04 00:00:00", rows.get(0).get("INTERVAL_START_TIME"));
    assertEquals("2019-03-04 08:00:00", rows.get(0).get("INTERVAL_END_TIME"));
    assertEquals("2019-03-10 16:00:00", rows.get(rows.size() - 1).get("INTERVAL_START_TIME"));
  }

  @Test
  void theBucketsAddUpToTheWholeWindow() {
    String window = Windows.days(Windows.MONDAY, 2) + "&includeDisabled=true";
    long perBucket =
        rows(window + "&timeInterval=86400000").stream()
            .mapToLong(r -> Long.parseLong(r.get("RESPONSE_COUNT")))
            .sum();
    long whole =
        ApiClient.jsonRows(new ApiClient(EMU.emulator()).groundTruth("team_performance", window))
            .stream()
            .mapToLong(r -> Long.parseLong(r.get("RESPONSE_COUNT")))
            .sum();
    long responses =
        ApiClient.jsonRows(new ApiClient(EMU.emulator()).groundTruth("response", window)).size();
    assertEquals(whole, perBucket);
    assertEquals(responses, whole, "aggregates count the same events the event exports stream");
  }

  @Test
  void anIntervalAboveAWeekMeansCalendarMonths() {
    long feb1 = java.time.Instant.parse("2019-02-01T00:00:00Z").toEpochMilli();
    long may15 = java.time.Instant.parse("2019-05-15T00:00:00Z").toEpochMilli();
    List<Map<String, String>> rows =
        rows("startTime=" + feb1 + "&endTime=" + may15 + "&timeInterval=2592000000");
    assertEquals(4 * TEAMS, rows.size());
    assertEquals(
        List.of(
            "2019-02-01 00:00:00",
            "2019-03-01 00:00:00",
            "2019-04-01 00:00:00",
            "2019-05-01 00:00:00"),
        rows.stream().map(r -> r.get("INTERVAL_START_TIME")).distinct().toList());
    assertEquals(
        "2019-05-15 00:00:00",
        rows.get(rows.size() - 1).get("INTERVAL_END_TIME"),
        "the last month is clipped");
  }

  @Test
  void anUnlistedIntervalBelowAWeekIsRefused() {
    HttpResponse<String> r = create(Windows.days(Windows.MONDAY, 1) + "&timeInterval=123456");
    assertEquals(400, r.statusCode());
    assertTrue(
        ApiClient.json(r)
            .get("message")
            .asText()
            .startsWith("timeInterval=123456 is not supported"));
  }

  @Test
  void timeIntervalIsRequired() {
    HttpResponse<String> r = create(Windows.days(Windows.MONDAY, 1));
    assertEquals(400, r.statusCode());
    assertTrue(ApiClient.json(r).get("message").asText().contains("timeInterval is required"));
  }

  @Test
  void tooManyBucketsReturnTheHydrationExceptionAsResult() {
    assertEquals(
        200,
        create(Windows.days(Windows.MONDAY, 31) + "&timeInterval=86400000").statusCode(),
        "a month in days: 31 buckets");
    assertEquals(
        200,
        create(Windows.days(Windows.MONDAY, 7) + "&timeInterval=43200000").statusCode(),
        "a week in 12 h: 14 buckets");
    HttpResponse<String> r = create(Windows.days(Windows.MONDAY, 7) + "&timeInterval=14400000");
    assertEquals(400, r.statusCode(), "a week in 4 h: 42 buckets");
    JsonNode body = ApiClient.json(r);
    assertEquals("FAIL", body.get("status").asText());
    assertEquals(
        "Unable to hydrate filter for export info: "
            + "com.lithium.socialweb.analytics.webapp.models.filter.HydrationException: "
            + "Too many buckets (42) requested. Select a larger interval?",
        body.get("result").asText());
  }
}
