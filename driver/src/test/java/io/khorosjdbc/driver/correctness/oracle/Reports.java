package io.khorosjdbc.driver.correctness.oracle;

import io.khorosjdbc.driver.correctness.oracle.Sql.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The oracle's knowledge of the tables, transcribed from docs/sql-reference.md ("Tables", "API
 * parameters") and docs/emulator.md (paths, parameter names): which export a table runs, its anchor
 * column for each parameter combination, and its API_* pseudo-columns with their types, defaults
 * and encodings. Data columns are not listed: they come from the server.
 */
public final class Reports {
  private Reports() {}

  /** An API_* pseudo-column: SQL type, the value rows carry when unconstrained, allowed values. */
  public record Param(String name, Type type, String defaultValue, List<String> allowed) {
    /** The API parameters for a value (canonical text); the default sends nothing. */
    Map<String, String> encode(String table, String value) {
      if (value.equals(defaultValue) && !name.equals("API_TIME_INTERVAL")) {
        return Map.of();
      }
      return switch (name) {
        case "API_BUSINESS_HOURS" ->
            Map.of(
                "enableBusinessHour",
                "true",
                "businessHourType",
                value.equals("INSIDE") ? "true" : "false");
        case "API_PRIORITY" -> Map.of("priorities", value);
        case "API_SMART_VIEW_ID" -> Map.of("smartViewId", value);
        case "API_WORKQUEUE_ID" -> Map.of("workqueueIds", value);
        case "API_TEAM_ID" -> Map.of(table.equals("user") ? "teamId" : "teamIds", value);
        case "API_AGENT_ID" -> Map.of("agentId", value);
        case "API_INCLUDE_DISABLED" -> Map.of("includeDisabled", value);
        case "API_CONVERSATION_REPORT_TYPE" -> Map.of("conversationReportType", value);
        case "API_TIME_INTERVAL" -> Map.of("timeInterval", value);
        case "API_RAISE_LIMIT" -> Map.of("raiselimit", value);
        case "API_CAMPAIGN_ID" -> Map.of("campaignId", value);
        default -> throw new IllegalArgumentException(name);
      };
    }

    /** The canonical text of a literal, or empty when the driver must refuse the value. */
    Optional<String> canonical(Object literal) {
      String text = String.valueOf(literal).trim();
      if (!allowed.isEmpty()) {
        return allowed.contains(text) ? Optional.of(text) : Optional.empty();
      }
      return switch (type) {
        case BIGINT -> {
          try {
            yield Optional.of(Long.toString(Long.parseLong(text)));
          } catch (NumberFormatException e) {
            yield Optional.empty();
          }
        }
        case BOOLEAN -> Optional.of(text.toLowerCase(Locale.ROOT));
        default -> text.isEmpty() ? Optional.empty() : Optional.of(text);
      };
    }
  }

  static final Param BUSINESS_HOURS =
      new Param("API_BUSINESS_HOURS", Type.VARCHAR, "ALL", List.of("ALL", "INSIDE", "OUTSIDE"));
  static final Param PRIORITY =
      new Param("API_PRIORITY", Type.BIGINT, null, List.of("0", "1", "2", "3", "4", "5"));
  static final Param SMART_VIEW = new Param("API_SMART_VIEW_ID", Type.VARCHAR, null, List.of());
  static final Param WORKQUEUE = new Param("API_WORKQUEUE_ID", Type.VARCHAR, null, List.of());
  static final Param TEAM = new Param("API_TEAM_ID", Type.BIGINT, null, List.of());
  static final Param AGENT = new Param("API_AGENT_ID", Type.VARCHAR, null, List.of());
  static final Param INCLUDE_DISABLED =
      new Param("API_INCLUDE_DISABLED", Type.BOOLEAN, "false", List.of());
  static final Param REPORT_TYPE =
      new Param(
          "API_CONVERSATION_REPORT_TYPE",
          Type.VARCHAR,
          "OPEN_AT_END",
          List.of("OPEN_AT_END", "CLOSED", "CREATED"));
  static final Param TIME_INTERVAL =
      new Param("API_TIME_INTERVAL", Type.BIGINT, "86400000", List.of());
  static final Param RAISE_LIMIT = new Param("API_RAISE_LIMIT", Type.BOOLEAN, "false", List.of());
  static final Param CAMPAIGN = new Param("API_CAMPAIGN_ID", Type.VARCHAR, null, List.of());

  private static final List<Param> CARE = List.of(BUSINESS_HOURS, PRIORITY, SMART_VIEW, WORKQUEUE);

  /** Window kinds of the "Tables" table: events (with an anchor), snapshot or aggregate. */
  public enum Kind {
    EVENT,
    SNAPSHOT,
    AGGREGATE
  }

  /** One table: export path, anchor column (events), parameter columns in documented order. */
  public record Report(String table, String path, Kind kind, String anchor, List<Param> params) {
    public String sqlName() {
      return table.equals("user") ? "\"user\"" : table;
    }

    public Optional<Param> param(String name) {
      return params.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Columns whose comparisons may choose a window (the anchor for some parameter value). */
    public List<String> anchorCandidates() {
      return table.equals("conversation")
          ? List.of("CLOSED_TIME", "CREATED_TIME")
          : anchor == null ? List.of() : List.of(anchor);
    }

    /** The anchor for one combination of parameter values (canonical text, defaults filled). */
    public Optional<String> anchorFor(Map<String, String> values) {
      if (table.equals("conversation")) {
        return switch (values.get(REPORT_TYPE.name())) {
          case "CLOSED" -> Optional.of("CLOSED_TIME");
          case "CREATED" -> Optional.of("CREATED_TIME");
          default -> Optional.empty();
        };
      }
      return Optional.ofNullable(anchor);
    }

    /** A branch of this kind and anchor may be merged with overlapping ones (event exports). */
    public boolean eventFor(Map<String, String> values) {
      return anchorFor(values).isPresent();
    }
  }

  private static List<Param> care(Param... extra) {
    List<Param> all = new java.util.ArrayList<>(CARE);
    all.addAll(List.of(extra));
    return List.copyOf(all);
  }

  public static final Map<String, Report> ALL;

  static {
    Map<String, Report> m = new LinkedHashMap<>();
    put(m, new Report("author", "author", Kind.EVENT, "ACTIVITY_TIME", care()));
    put(m, new Report("combined", "combined", Kind.EVENT, "MESSAGE_TIME", care()));
    put(m, new Report("conversation", "conversation", Kind.SNAPSHOT, null, care(REPORT_TYPE)));
    put(
        m,
        new Report(
            "conversation_actions", "conversation_actions", Kind.EVENT, "ACTION_TIME", care()));
    put(
        m,
        new Report(
            "conversation_history_action",
            "conversation_history_action",
            Kind.EVENT,
            "ACTION_TIME",
            care(RAISE_LIMIT)));
    put(m, new Report("incoming_post", "incoming_post", Kind.EVENT, "POST_TIME", care()));
    put(
        m,
        new Report(
            "raw_agent_states", "raw_agent_states", Kind.EVENT, "state_start_time", care(TEAM)));
    put(
        m,
        new Report("raw_expert_help", "raw_expert_help", Kind.EVENT, "HELP_REQUEST_TIME", care()));
    put(m, new Report("response", "response", Kind.EVENT, "RESPONSE_TIME", care()));
    put(
        m,
        new Report(
            "response_approval",
            "response_approval",
            Kind.EVENT,
            "APPROVAL_TIME",
            care(TEAM, INCLUDE_DISABLED)));
    put(
        m,
        new Report(
            "team_performance",
            "team_performance",
            Kind.AGGREGATE,
            null,
            care(TEAM, INCLUDE_DISABLED)));
    put(
        m,
        new Report(
            "team_performance_interval",
            "team_performance_interval",
            Kind.AGGREGATE,
            null,
            care(TEAM, INCLUDE_DISABLED, TIME_INTERVAL)));
    put(m, new Report("user", "user", Kind.SNAPSHOT, null, List.of(TEAM, AGENT, INCLUDE_DISABLED)));
    put(
        m,
        new Report(
            "raw_brand_posts",
            "marketing/raw_brand_posts",
            Kind.EVENT,
            "PUBLISHED_TIME",
            List.of(CAMPAIGN)));
    ALL = java.util.Collections.unmodifiableMap(m);
  }

  private static void put(Map<String, Report> m, Report r) {
    m.put(r.table(), r);
  }

  /** Data column types by name, docs/sql-reference.md "Types". */
  public static Type typeOf(String column) {
    String n = column.toUpperCase(Locale.ROOT);
    if (n.endsWith("_TIME") || n.endsWith("_DATE")) {
      return Type.TIMESTAMP;
    }
    if (n.endsWith("_MILLIS") || n.endsWith("_COUNT")) {
      return Type.BIGINT;
    }
    if (n.startsWith("IS_")) {
      return Type.BOOLEAN;
    }
    if (n.endsWith("_SCORE") || n.endsWith("_RATE") || n.endsWith("_AVG")) {
      return Type.DOUBLE;
    }
    return Type.VARCHAR;
  }
}
