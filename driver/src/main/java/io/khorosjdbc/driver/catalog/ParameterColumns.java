package io.khorosjdbc.driver.catalog;

import io.khorosjdbc.driver.format.ColumnType;
import java.util.List;
import java.util.Map;

/** The API parameters that the driver exposes as {@code API_*} pseudo-columns. */
public final class ParameterColumns {
  private ParameterColumns() {}

  /** Allowed {@code timeInterval} values (ms) as documented; larger values mean monthly buckets. */
  public static final List<String> TIME_INTERVALS =
      List.of(
          "300000",
          "600000",
          "900000",
          "1800000",
          "3600000",
          "7200000",
          "14400000",
          "28800000",
          "43200000",
          "86400000",
          "604800000");

  public static final ParameterColumn BUSINESS_HOURS =
      new ParameterColumn(
          "API_BUSINESS_HOURS",
          ColumnType.VARCHAR,
          "Business-hours filter: ALL (24/7, default), INSIDE or OUTSIDE business hours"
              + " (enableBusinessHour/businessHourType)",
          "ALL",
          List.of("ALL", "INSIDE", "OUTSIDE"),
          value ->
              switch (value) {
                case "INSIDE" ->
                    Map.of(
                        "enableBusinessHour", List.of("true"), "businessHourType", List.of("true"));
                case "OUTSIDE" ->
                    Map.of(
                        "enableBusinessHour",
                        List.of("true"),
                        "businessHourType",
                        List.of("false"));
                default -> Map.of();
              },
          false);

  public static final ParameterColumn PRIORITY =
      ParameterColumn.simple(
          "API_PRIORITY",
          ColumnType.BIGINT,
          "priorities",
          "Conversation priority filter, 0-5 (priorities); IN runs one export per value",
          null,
          List.of("0", "1", "2", "3", "4", "5"));

  public static final ParameterColumn SMART_VIEW_ID =
      ParameterColumn.simple(
          "API_SMART_VIEW_ID",
          ColumnType.VARCHAR,
          "smartViewId",
          "Smart view filter (smartViewId); one per export",
          null,
          List.of());

  public static final ParameterColumn WORKQUEUE_ID =
      ParameterColumn.simple(
          "API_WORKQUEUE_ID",
          ColumnType.VARCHAR,
          "workqueueIds",
          "Work queue filter (workqueueIds); IN runs one export per value",
          null,
          List.of());

  public static final ParameterColumn TEAM_IDS =
      ParameterColumn.simple(
          "API_TEAM_ID",
          ColumnType.BIGINT,
          "teamIds",
          "Team filter (teamIds); IN runs one export per value",
          null,
          List.of());

  /** The user export spells its team filter {@code teamId} (repeated). */
  public static final ParameterColumn USER_TEAM_ID =
      ParameterColumn.simple(
          "API_TEAM_ID",
          ColumnType.BIGINT,
          "teamId",
          "Team filter (teamId); IN runs one export per value",
          null,
          List.of());

  public static final ParameterColumn AGENT_ID =
      ParameterColumn.simple(
          "API_AGENT_ID",
          ColumnType.VARCHAR,
          "agentId",
          "Agent filter (agentId); IN runs one export per value",
          null,
          List.of());

  public static final ParameterColumn INCLUDE_DISABLED =
      ParameterColumn.simple(
          "API_INCLUDE_DISABLED",
          ColumnType.BOOLEAN,
          "includeDisabled",
          "Include disabled (turned-off) agents (includeDisabled), default FALSE",
          "false",
          List.of());

  public static final ParameterColumn CONVERSATION_REPORT_TYPE =
      ParameterColumn.simple(
          "API_CONVERSATION_REPORT_TYPE",
          ColumnType.VARCHAR,
          "conversationReportType",
          "Which conversations the window selects: OPEN_AT_END (default), CLOSED or CREATED",
          "OPEN_AT_END",
          List.of("OPEN_AT_END", "CLOSED", "CREATED"));

  public static final ParameterColumn TIME_INTERVAL =
      ParameterColumn.simple(
              "API_TIME_INTERVAL",
              ColumnType.BIGINT,
              "timeInterval",
              "Bucket size in ms (timeInterval), default 86400000 (one day); above one week means monthly",
              "86400000",
              List.of())
          .alwaysSent();

  public static final ParameterColumn RAISE_LIMIT =
      ParameterColumn.simple(
          "API_RAISE_LIMIT",
          ColumnType.BOOLEAN,
          "raiselimit",
          "Raise the per-conversation action cap from 500 to 2,000 (raiselimit), default FALSE",
          "false",
          List.of());

  public static final ParameterColumn CAMPAIGN_ID =
      ParameterColumn.simple(
          "API_CAMPAIGN_ID",
          ColumnType.VARCHAR,
          "campaignId",
          "Publishing campaign filter (campaignId; the name is not documented by Khoros)",
          null,
          List.of());

  /** The filters that every Care export except {@code user} accepts. */
  static final List<ParameterColumn> COMMON =
      List.of(BUSINESS_HOURS, PRIORITY, SMART_VIEW_ID, WORKQUEUE_ID);
}
