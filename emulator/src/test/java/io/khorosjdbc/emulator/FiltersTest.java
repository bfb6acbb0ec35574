package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.emulator.world.Agent;
import io.khorosjdbc.emulator.world.BusinessHours;
import io.khorosjdbc.emulator.world.SmartView;
import io.khorosjdbc.emulator.world.World;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every documented filter really selects rows, and only on the exports that accept it. */
class FiltersTest {
  @RegisterExtension
  static final KhorosEmulatorExtension EMU =
      new KhorosEmulatorExtension(
          KhorosEmulator.builder().rowsPerDay(600).rateLimit(RateLimit.OFF));

  static final World WORLD = new World(42);
  static final String TWO_DAYS = Windows.days(Windows.MONDAY, 2);

  private static List<Map<String, String>> rows(String exportPath, String query) {
    return ApiClient.jsonRows(new ApiClient(EMU.emulator()).groundTruth(exportPath, query));
  }

  private static Set<String> values(List<Map<String, String>> rows, String column) {
    return rows.stream().map(r -> r.get(column)).collect(Collectors.toSet());
  }

  private static long millis(String sqlTime) {
    return LocalDateTime.parse(sqlTime.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  @Test
  void prioritiesKeepOnlyTheListedPriorities() {
    List<Map<String, String>> all = rows("conversation_actions", TWO_DAYS);
    List<Map<String, String>> high = rows("conversation_actions", TWO_DAYS + "&priorities=4%2C5");
    assertFalse(high.isEmpty());
    assertTrue(high.size() < all.size());
    assertEquals(Set.of("4", "5"), values(high, "PRIORITY"));
    assertEquals(
        all.stream().filter(r -> Set.of("4", "5").contains(r.get("PRIORITY"))).toList(), high);
  }

  @Test
  void workqueueIdsKeepOnlyThoseQueues() {
    String q0 = WORLD.queues().get(0).id();
    String q3 = WORLD.queues().get(3).id();
    List<Map<String, String>> rows =
        rows("response", TWO_DAYS + "&workqueueIds=" + q0 + "%2C" + q3);
    assertEquals(Set.of(q0, q3), values(rows, "WORKQUEUE_ID"));
  }

  @Test
  void aSmartViewSelectsItsQueuesPrioritiesAndBusinessHours() {
    SmartView highPriority = WORLD.smartViews().get(0);
    assertEquals(
        Set.of("4", "5"),
        values(rows("incoming_post", TWO_DAYS + "&smartViewId=" + highPriority.id()), "PRIORITY"));
    SmartView queues = WORLD.smartViews().get(1);
    assertEquals(
        queues.queueIds(),
        values(rows("incoming_post", TWO_DAYS + "&smartViewId=" + queues.id()), "WORKQUEUE_ID"));
    SmartView vipBusinessHours = WORLD.smartViews().get(3);
    List<Map<String, String>> vip =
        rows("incoming_post", TWO_DAYS + "&smartViewId=" + vipBusinessHours.id());
    assertFalse(vip.isEmpty());
    assertTrue(vip.stream().allMatch(r -> BusinessHours.contains(millis(r.get("POST_TIME")))));
  }

  @Test
  void businessHoursSelectEventsInsideOrOutsideMondayToFridayNineToFiveUtc() {
    List<Map<String, String>> inside =
        rows("incoming_post", TWO_DAYS + "&enableBusinessHour=true&businessHourType=true");
    List<Map<String, String>> outside =
        rows("incoming_post", TWO_DAYS + "&enableBusinessHour=true&businessHourType=false");
    assertFalse(inside.isEmpty());
    assertFalse(outside.isEmpty());
    assertTrue(inside.stream().allMatch(r -> BusinessHours.contains(millis(r.get("POST_TIME")))));
    assertTrue(outside.stream().noneMatch(r -> BusinessHours.contains(millis(r.get("POST_TIME")))));
    assertEquals(rows("incoming_post", TWO_DAYS).size(), inside.size() + outside.size());
    assertEquals(
        rows("incoming_post", TWO_DAYS).size(),
        rows("incoming_post", TWO_DAYS + "&enableBusinessHour=true").size(),
        "without businessHourType the export is 24/7");
  }

  @Test
  void teamIdsSelectTeamsWhereAcceptedAndAreIgnoredElsewhere() {
    String team = WORLD.teams().get(2).idString();
    assertEquals(
        Set.of(team),
        values(
            rows("response_approval", TWO_DAYS + "&includeDisabled=true&teamIds=" + team),
            "TEAM_ID"));
    assertEquals(
        Set.of(team), values(rows("raw_agent_states", TWO_DAYS + "&teamIds=" + team), "team_id"));
    assertEquals(
        List.of(team),
        rows("team_performance", TWO_DAYS + "&teamIds=" + team).stream()
            .map(r -> r.get("TEAM_ID"))
            .toList());
    assertEquals(
        rows("response", TWO_DAYS),
        rows("response", TWO_DAYS + "&teamIds=" + team),
        "response does not accept teamIds");
  }

  @Test
  void includeDisabledShowsDisabledAgentsOnlyWhenTrue() {
    Set<String> disabled =
        WORLD.agents().stream().filter(Agent::disabled).map(Agent::id).collect(Collectors.toSet());
    assertFalse(disabled.isEmpty());
    List<Map<String, String>> users = rows("user", TWO_DAYS);
    assertEquals(World.AGENT_COUNT - disabled.size(), users.size());
    assertEquals(Set.of("false"), values(users, "IS_DISABLED"));
    assertEquals(World.AGENT_COUNT, rows("user", TWO_DAYS + "&includeDisabled=true").size());

    List<Map<String, String>> approvals =
        rows("response_approval", TWO_DAYS + "&includeDisabled=true");
    assertTrue(approvals.stream().anyMatch(r -> disabled.contains(r.get("AGENT_ID"))));
    assertTrue(
        rows("response_approval", TWO_DAYS).stream()
            .noneMatch(r -> disabled.contains(r.get("AGENT_ID"))));
  }

  @Test
  void theUserExportFiltersByRepeatedAgentIdAndTeamId() {
    String a = WORLD.agents().get(0).id();
    String b = WORLD.agents().get(1).id();
    assertEquals(
        Set.of(a, b),
        values(rows("user", TWO_DAYS + "&agentId=" + a + "&agentId=" + b), "AGENT_ID"));
    String t1 = WORLD.teams().get(0).idString();
    String t2 = WORLD.teams().get(1).idString();
    assertEquals(
        Set.of(t1, t2),
        values(rows("user", TWO_DAYS + "&teamId=" + t1 + "&teamId=" + t2), "TEAM_ID"));
  }

  @Test
  void campaignIdSelectsBrandPostsOfThatCampaign() {
    String campaign = WORLD.campaigns().get(0).id();
    List<Map<String, String>> posts =
        rows(
            "marketing/raw_brand_posts",
            Windows.days(Windows.MONDAY, 7) + "&campaignId=" + campaign);
    assertFalse(posts.isEmpty());
    assertEquals(Set.of(campaign), values(posts, "CAMPAIGN_ID"));
  }

  @Test
  void theWindowSelectsRowsByTheirAnchorTimeInOrder() {
    List<Map<String, String>> oneDay = rows("response", Windows.days(Windows.MONDAY, 1));
    List<Map<String, String>> twoDays = rows("response", TWO_DAYS);
    List<Map<String, String>> nextDay =
        rows("response", Windows.days(Windows.MONDAY + Windows.DAY, 1));
    assertEquals(twoDays.size(), oneDay.size() + nextDay.size());
    assertEquals(twoDays.subList(0, oneDay.size()), oneDay);
    List<Long> times = twoDays.stream().map(r -> millis(r.get("RESPONSE_TIME"))).toList();
    assertTrue(
        times.stream().allMatch(t -> t >= Windows.MONDAY && t < Windows.MONDAY + 2 * Windows.DAY));
    assertEquals(times.stream().sorted().toList(), times, "rows come in event-time order");
  }

  @Test
  void anyRecentWindowHasDataToo() {
    long now = System.currentTimeMillis();
    assertFalse(
        rows("conversation_actions", "startTime=" + (now - 7 * Windows.DAY) + "&endTime=" + now)
            .isEmpty());
  }

  @Test
  void idsJoinAcrossExports() {
    Set<String> conversations =
        values(
            rows(
                "conversation",
                TWO_DAYS + "&conversationReportType=CREATED&reportMetrics=CONVERSATION_ID"),
            "CONVERSATION_ID");
    List<Map<String, String>> firstResponses =
        rows("response", TWO_DAYS).stream()
            .filter(r -> r.get("IS_FIRST_RESPONSE").equals("true"))
            .toList();
    assertTrue(
        firstResponses.stream().anyMatch(r -> conversations.contains(r.get("CONVERSATION_ID"))));
    Set<String> responseIds = values(rows("response", TWO_DAYS), "RESPONSE_ID");
    assertTrue(
        responseIds.containsAll(
            values(rows("response_approval", TWO_DAYS + "&includeDisabled=true"), "RESPONSE_ID")));
  }

  @Test
  void timezoneAndTimezoneOffsetOnlyChangeHowTimesArePrinted() {
    List<Map<String, String>> utc = rows("response", Windows.days(Windows.MONDAY, 1));
    List<Map<String, String>> chicago =
        rows("response", Windows.days(Windows.MONDAY, 1) + "&timezone=America/Chicago");
    List<Map<String, String>> plusOne =
        rows("response", Windows.days(Windows.MONDAY, 1) + "&timezoneOffset=3600000");
    assertEquals(utc.size(), chicago.size());
    assertEquals(
        6 * 3_600_000L,
        millis(utc.get(0).get("RESPONSE_TIME")) - millis(chicago.get(0).get("RESPONSE_TIME")));
    assertEquals(
        -3_600_000L,
        millis(utc.get(0).get("RESPONSE_TIME")) - millis(plusOne.get(0).get("RESPONSE_TIME")));
    assertNotEquals(utc, chicago);
  }
}
