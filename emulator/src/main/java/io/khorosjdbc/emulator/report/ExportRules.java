package io.khorosjdbc.emulator.report;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which parameters each export accepts: the per-export matrix of the API reference. {@code teamIds}
 * is also accepted on raw_agent_states, whose reference page lists it although the generic text
 * says it applies only to team_performance, team_performance_interval and response_approval.
 * Exports that a replaced catalog invents accept the common parameters and the time zone.
 */
public final class ExportRules {
  static final Set<String> COMMON =
      Set.of("companyKey", "startTime", "endTime", "reportFormat", "locale", "reportMetrics");
  static final Set<String> ZONE = Set.of("timezone", "timezoneOffset");
  static final Set<String> CARE =
      union(
          ZONE,
          Set.of(
              "enableBusinessHour",
              "businessHourType",
              "priorities",
              "smartViewId",
              "workqueueIds"));
  private static final Set<String> TEAMS = Set.of("teamIds", "includeDisabled");

  private static final Map<String, Set<String>> SPECIFIC =
      Map.ofEntries(
          Map.entry("author", CARE),
          Map.entry("combined", CARE),
          Map.entry("conversation", union(CARE, Set.of("conversationReportType"))),
          Map.entry("conversation_actions", CARE),
          Map.entry("conversation_history_action", union(CARE, Set.of("raiselimit"))),
          Map.entry("incoming_post", CARE),
          Map.entry("raw_agent_states", union(CARE, Set.of("teamIds"))),
          Map.entry("raw_expert_help", CARE),
          Map.entry("response", CARE),
          Map.entry("response_approval", union(CARE, TEAMS)),
          Map.entry("team_performance", union(CARE, TEAMS)),
          Map.entry("team_performance_interval", union(CARE, TEAMS, Set.of("timeInterval"))),
          Map.entry("user", Set.of("includeDisabled", "agentId", "teamId")),
          Map.entry("raw_brand_posts", union(ZONE, Set.of("campaignId"))));

  private ExportRules() {}

  /**
   * The parameters this export interprets; any other parameter is ignored (or refused in strict
   * mode).
   */
  public static Set<String> accepted(String exportId) {
    return union(COMMON, SPECIFIC.getOrDefault(exportId, ZONE));
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    return Stream.of(sets).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
  }
}
