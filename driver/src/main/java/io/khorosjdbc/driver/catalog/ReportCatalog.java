package io.khorosjdbc.driver.catalog;

import static io.khorosjdbc.driver.catalog.ParameterColumns.AGENT_ID;
import static io.khorosjdbc.driver.catalog.ParameterColumns.CAMPAIGN_ID;
import static io.khorosjdbc.driver.catalog.ParameterColumns.COMMON;
import static io.khorosjdbc.driver.catalog.ParameterColumns.CONVERSATION_REPORT_TYPE;
import static io.khorosjdbc.driver.catalog.ParameterColumns.INCLUDE_DISABLED;
import static io.khorosjdbc.driver.catalog.ParameterColumns.RAISE_LIMIT;
import static io.khorosjdbc.driver.catalog.ParameterColumns.TEAM_IDS;
import static io.khorosjdbc.driver.catalog.ParameterColumns.TIME_INTERVAL;
import static io.khorosjdbc.driver.catalog.ParameterColumns.USER_TEAM_ID;
import static io.khorosjdbc.driver.catalog.WindowRule.Semantics.event;

import io.khorosjdbc.driver.catalog.WindowRule.Semantics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The built-in knowledge about the 14 exports: ids, paths, accepted parameters (from the public API
 * reference's parameter matrix) and window semantics. Columns are not listed here: they are
 * discovered per tenant (see {@link SchemaResolver}) and typed by {@link KnownColumns}.
 */
public final class ReportCatalog {
  private static final long NINETY_DAYS = TimeUnit.DAYS.toMillis(90);

  private final Map<String, ReportDefinition> reports = new LinkedHashMap<>();

  private ReportCatalog() {}

  /** The catalog of the documented exports. */
  public static ReportCatalog builtIn() {
    ReportCatalog catalog = new ReportCatalog();
    catalog.care(
        "author",
        "Raw Author: authors active in the window (at most 90 days a request)",
        List.of(),
        event("ACTIVITY_TIME"),
        Optional.of(NINETY_DAYS));
    catalog.care(
        "combined",
        "Combined Raw: one row per conversation event",
        List.of(),
        event("MESSAGE_TIME"),
        Optional.empty());
    catalog.care(
        "conversation",
        "Raw Conversation: conversations open at the window's end, "
            + "or closed or created in it (API_CONVERSATION_REPORT_TYPE)",
        List.of(CONVERSATION_REPORT_TYPE),
        null,
        Optional.empty());
    catalog.care(
        "conversation_actions",
        "Conversation Actions: one row per action",
        List.of(),
        event("ACTION_TIME"),
        Optional.empty());
    catalog.care(
        "conversation_history_action",
        "Conversation History Action: the action history of conversations",
        List.of(RAISE_LIMIT),
        event("ACTION_TIME"),
        Optional.empty());
    catalog.care(
        "incoming_post",
        "Raw Incoming Post: one row per incoming post",
        List.of(),
        event("POST_TIME"),
        Optional.empty());
    catalog.care(
        "raw_agent_states",
        "Agent State: one row per agent state change",
        List.of(TEAM_IDS),
        event("state_start_time"),
        Optional.empty());
    catalog.care(
        "raw_expert_help",
        "Raw Help Request: one row per help request",
        List.of(),
        event("HELP_REQUEST_TIME").withValuesAsOfEnd(),
        Optional.empty());
    catalog.care(
        "response",
        "Raw Response: one row per agent response",
        List.of(),
        event("RESPONSE_TIME"),
        Optional.empty());
    catalog.care(
        "response_approval",
        "Raw Response Approval: one row per approval decision",
        List.of(TEAM_IDS, INCLUDE_DISABLED),
        event("APPROVAL_TIME"),
        Optional.empty());
    catalog.care(
        "team_performance",
        "Team Performance: one row per team, aggregated over the window",
        List.of(TEAM_IDS, INCLUDE_DISABLED),
        Semantics.of(WindowKind.AGGREGATE),
        Optional.empty());
    catalog.care(
        "team_performance_interval",
        "Team Performance Interval: one row per team and API_TIME_INTERVAL bucket",
        List.of(TEAM_IDS, INCLUDE_DISABLED, TIME_INTERVAL),
        Semantics.of(WindowKind.AGGREGATE),
        Optional.empty());
    catalog.add(
        new ReportDefinition(
            "user",
            "user",
            false,
            "User: one row per agent with totals over the window",
            List.of(USER_TEAM_ID, AGENT_ID, INCLUDE_DISABLED),
            WindowRule.always(Semantics.of(WindowKind.SNAPSHOT)),
            Optional.empty(),
            false));
    catalog.add(
        new ReportDefinition(
            "raw_brand_posts",
            "raw_brand_posts",
            true,
            "Raw Brand Post (Publishing): one row per brand post",
            List.of(CAMPAIGN_ID),
            WindowRule.always(event("PUBLISHED_TIME")),
            Optional.empty(),
            true));
    return catalog;
  }

  /** A Care export that accepts the common filters plus {@code extra}. */
  private void care(
      String id,
      String description,
      List<ParameterColumn> extra,
      Semantics semantics,
      Optional<Long> maxWindow) {
    List<ParameterColumn> parameters = new ArrayList<>(COMMON);
    parameters.addAll(extra);
    WindowRule rule = semantics != null ? WindowRule.always(semantics) : conversationRule();
    add(new ReportDefinition(id, id, false, description, parameters, rule, maxWindow, true));
  }

  /** Raw Conversation selects by close or creation time, or is a snapshot at the window's end. */
  private static WindowRule conversationRule() {
    return values ->
        switch (values.getOrDefault(CONVERSATION_REPORT_TYPE.name(), "OPEN_AT_END")) {
          case "CLOSED" -> event("CLOSED_TIME").withValuesAsOfEnd();
          case "CREATED" -> event("CREATED_TIME").withValuesAsOfEnd();
          default -> Semantics.of(WindowKind.SNAPSHOT);
        };
  }

  private void add(ReportDefinition definition) {
    reports.put(definition.table().toLowerCase(Locale.ROOT), definition);
  }

  public Collection<ReportDefinition> reports() {
    return reports.values();
  }

  public Optional<ReportDefinition> report(String table) {
    return Optional.ofNullable(reports.get(table.toLowerCase(Locale.ROOT)));
  }
}
