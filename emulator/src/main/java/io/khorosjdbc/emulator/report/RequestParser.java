package io.khorosjdbc.emulator.report;

import io.khorosjdbc.emulator.catalog.ColumnDef;
import io.khorosjdbc.emulator.catalog.ExportDef;
import io.khorosjdbc.emulator.world.SmartView;
import io.khorosjdbc.emulator.world.World;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the merged parameters of a create (or ground-truth) request into a {@link ReportRequest},
 * refusing bad values with a 400 whose message names the parameter, the value and what is allowed.
 * Parameters an export does not accept are ignored, unless strict mode refuses them.
 */
public final class RequestParser {
  static final long DAY = 86_400_000L;
  private static final Pattern LOCALE = Pattern.compile("(en|es|fr|de|tr)([_-][A-Za-z]{2})?");
  private static final List<String> REPORT_TYPES = List.of("OPEN_AT_END", "CLOSED", "CREATED");

  /** The knobs of the emulator that change how requests are read. */
  public record Settings(
      boolean endInclusive,
      boolean authorHistoryCheck,
      boolean strictParams,
      int bucketCap,
      LongSupplier clock) {}

  private final World world;
  private final Settings settings;

  public RequestParser(World world, Settings settings) {
    this.world = world;
    this.settings = settings;
  }

  public ReportRequest parse(ExportDef export, Params p) {
    Set<String> accepted = ExportRules.accepted(export.id());
    if (settings.strictParams()) {
      for (String name : p.asMap().keySet()) {
        if (!accepted.contains(name)) {
          throw ApiException.badRequest(
              "parameter '"
                  + name
                  + "' is not accepted by export '"
                  + export.id()
                  + "'; accepted: "
                  + String.join(", ", new TreeSet<>(accepted)));
        }
      }
    }
    long start = epochMillis(p, "startTime");
    long end = epochMillis(p, "endTime");
    if (end < start) {
      throw ApiException.badRequest(
          "endTime=" + end + " is before startTime=" + start + "; endTime must be >= startTime");
    }
    Window window = new Window(start, end, settings.endInclusive());
    if (export.id().equals("author")) {
      checkAuthorWindow(window);
    }
    boolean csv = format(p);
    if (p.first("locale").isPresent() && !LOCALE.matcher(p.first("locale").get()).matches()) {
      throw ApiException.badRequest(
          "locale="
              + p.first("locale").get()
              + " is not supported; allowed: en, es, fr, de, tr (optionally with a country, e.g. en_US)");
    }
    Locale locale =
        p.first("locale").map(l -> Locale.forLanguageTag(l.replace('_', '-'))).orElse(null);
    ZoneId zone = accepted.contains("timezone") ? zone(p) : ZoneOffset.UTC;
    Filters filters = filters(p, accepted);
    String reportType =
        accepted.contains("conversationReportType")
            ? oneOf(p, "conversationReportType", REPORT_TYPES, "OPEN_AT_END")
            : null;
    TimeBuckets buckets = null;
    if (accepted.contains("timeInterval")) {
      String raw =
          p.first("timeInterval")
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          "timeInterval is required for "
                              + export.id()
                              + "; allowed values (ms): "
                              + TimeBuckets.ALLOWED));
      buckets = TimeBuckets.of(window, number("timeInterval", raw), zone, settings.bucketCap());
    }
    int historyLimit = accepted.contains("raiselimit") && bool(p, "raiselimit", false) ? 2000 : 500;
    return new ReportRequest(
        export,
        window,
        csv,
        columns(export, p, csv),
        zone,
        filters,
        reportType,
        buckets,
        historyLimit,
        locale);
  }

  private void checkAuthorWindow(Window w) {
    if (w.endExclusive() - w.start() > 90 * DAY) {
      throw ApiException.badRequest(
          "the author export allows at most 90 days between startTime and endTime; got "
              + (w.endExclusive() - w.start()) / (double) DAY
              + " days");
    }
    if (settings.authorHistoryCheck()) {
      long limit =
          Instant.ofEpochMilli(settings.clock().getAsLong())
              .atZone(ZoneOffset.UTC)
              .minusMonths(18)
              .toInstant()
              .toEpochMilli();
      if (w.start() < limit) {
        throw ApiException.badRequest(
            "startTime="
                + w.start()
                + " ("
                + Instant.ofEpochMilli(w.start())
                + ") is more than 18 months ago; the author export keeps only the last 18 months (earliest allowed: "
                + limit
                + " = "
                + Instant.ofEpochMilli(limit)
                + ")");
      }
    }
  }

  private static long epochMillis(Params p, String name) {
    String raw =
        p.first(name)
            .orElseThrow(() -> ApiException.badRequest(name + " is required (epoch milliseconds)"));
    return number(name, raw);
  }

  private static long number(String name, String raw) {
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          name
              + "="
              + raw
              + " is not a number; expected an integer (epoch milliseconds for times)");
    }
  }

  /**
   * json (the documented default) or csv; upper case is tolerated because one official example
   * sends CSV.
   */
  private static boolean format(Params p) {
    String f = p.first("reportFormat").orElse("json");
    if (!f.equalsIgnoreCase("json") && !f.equalsIgnoreCase("csv")) {
      throw ApiException.badRequest("reportFormat=" + f + " is not supported; allowed: json, csv");
    }
    return f.equalsIgnoreCase("csv");
  }

  /**
   * {@code timezone} (a zone id) wins over {@code timezoneOffset} (milliseconds east of UTC);
   * default UTC.
   */
  private static ZoneId zone(Params p) {
    if (p.first("timezone").isPresent()) {
      String id = p.first("timezone").get();
      try {
        return ZoneId.of(id);
      } catch (DateTimeException e) {
        throw ApiException.badRequest(
            "timezone="
                + id
                + " is not a known time-zone id; see /api/public/config/timezones (e.g. UTC, America/Chicago)");
      }
    }
    if (p.first("timezoneOffset").isPresent()) {
      long ms = number("timezoneOffset", p.first("timezoneOffset").get());
      try {
        return ZoneOffset.ofTotalSeconds(Math.toIntExact(ms / 1000));
      } catch (DateTimeException | ArithmeticException e) {
        throw ApiException.badRequest(
            "timezoneOffset="
                + ms
                + " is out of range; allowed: -64800000 to 64800000 (ms east of UTC)");
      }
    }
    return ZoneOffset.UTC;
  }

  private Filters filters(Params p, Set<String> accepted) {
    Set<Integer> priorities = null;
    if (accepted.contains("priorities") && p.has("priorities")) {
      priorities = new LinkedHashSet<>();
      for (String v : p.list("priorities")) {
        try {
          int n = Integer.parseInt(v);
          if (n < 0 || n > 5) {
            throw new NumberFormatException();
          }
          priorities.add(n);
        } catch (NumberFormatException e) {
          throw ApiException.badRequest(
              "priorities contains '"
                  + v
                  + "'; allowed: a comma-separated list of 0, 1, 2, 3, 4, 5");
        }
      }
    }
    SmartView view = accepted.contains("smartViewId") ? smartView(p) : null;
    Boolean bh = accepted.contains("enableBusinessHour") ? businessHours(p) : null;
    Set<String> teams =
        accepted.contains("teamIds")
            ? ids(p, "teamIds", p.list("teamIds"))
            : accepted.contains("teamId") ? ids(p, "teamId", p.list("teamId")) : null;
    Boolean includeDisabled =
        accepted.contains("includeDisabled") ? bool(p, "includeDisabled", false) : null;
    return new Filters(
        priorities,
        set(accepted, p, "workqueueIds"),
        view,
        teams,
        includeDisabled,
        bh,
        set(accepted, p, "agentId"),
        set(accepted, p, "campaignId"));
  }

  private static Set<String> set(Set<String> accepted, Params p, String name) {
    return accepted.contains(name) && p.has(name) ? new LinkedHashSet<>(p.list(name)) : null;
  }

  /** Team ids are integers (as /api/public/teams lists them). */
  private static Set<String> ids(Params p, String name, List<String> values) {
    if (!p.has(name)) {
      return null;
    }
    for (String v : values) {
      if (!v.matches("-?\\d+")) {
        throw ApiException.badRequest(
            name + " contains '" + v + "'; team ids are integers, see /api/public/teams");
      }
    }
    return new LinkedHashSet<>(values);
  }

  private SmartView smartView(Params p) {
    if (!p.has("smartViewId")) {
      return null;
    }
    List<String> ids = p.list("smartViewId");
    if (ids.size() != 1) {
      throw ApiException.badRequest(
          "smartViewId="
              + String.join(",", p.all("smartViewId"))
              + ": exactly one smart view id is allowed");
    }
    return world
        .smartView(ids.get(0))
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "smartViewId="
                        + ids.get(0)
                        + " is not a smart view of this company; known: "
                        + world.smartViews().stream()
                            .map(SmartView::id)
                            .collect(Collectors.joining(", "))));
  }

  /** null = 24/7; businessHourType needs enableBusinessHour=true, as the reference says. */
  private static Boolean businessHours(Params p) {
    boolean enabled = bool(p, "enableBusinessHour", false);
    if (!p.has("businessHourType")) {
      return null;
    }
    boolean type = bool(p, "businessHourType", false);
    if (!enabled) {
      throw ApiException.badRequest(
          "businessHourType=" + type + " requires enableBusinessHour=true");
    }
    return type;
  }

  private static boolean bool(Params p, String name, boolean dflt) {
    String v = p.first(name).orElse(null);
    if (v == null) {
      return dflt;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v.toLowerCase(Locale.ROOT));
    }
    throw ApiException.badRequest(name + "=" + v + " is not a boolean; allowed: true, false");
  }

  private static String oneOf(Params p, String name, List<String> allowed, String dflt) {
    String v = p.first(name).orElse(dflt);
    if (!allowed.contains(v)) {
      throw ApiException.badRequest(
          name + "=" + v + " is not supported; allowed: " + String.join(", ", allowed));
    }
    return v;
  }

  /**
   * The default set in catalog order, or exactly the reportMetrics in their order; jsonOnly columns
   * never in CSV.
   */
  private static List<ColumnDef> columns(ExportDef export, Params p, boolean csv) {
    List<ColumnDef> chosen = new ArrayList<>();
    if (p.has("reportMetrics")) {
      Set<String> seen = new LinkedHashSet<>();
      for (String name : p.list("reportMetrics")) {
        ColumnDef c =
            export
                .column(name)
                .orElseThrow(
                    () ->
                        ApiException.badRequest(
                            "reportMetrics="
                                + name
                                + " is not a column of export '"
                                + export.id()
                                + "'; valid names: "
                                + export.columns().stream()
                                    .map(ColumnDef::name)
                                    .collect(Collectors.joining(", "))));
        if (seen.add(name)) {
          chosen.add(c);
        }
      }
    } else {
      chosen.addAll(export.defaultColumns());
    }
    return csv ? chosen.stream().filter(c -> !c.jsonOnly()).toList() : chosen;
  }
}
