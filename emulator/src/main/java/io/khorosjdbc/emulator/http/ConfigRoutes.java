package io.khorosjdbc.emulator.http;

import io.khorosjdbc.emulator.world.Team;
import io.khorosjdbc.emulator.world.World;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/** The lookup routes: {@code /api/public/config/timezones} and {@code /api/public/teams}. */
final class ConfigRoutes {
  /** The time zones the emulated tenant offers (a representative subset of the real list). */
  private static final List<String> ZONES =
      List.of(
          "Etc/GMT+12",
          "Pacific/Pago_Pago",
          "Pacific/Honolulu",
          "America/Anchorage",
          "America/Los_Angeles",
          "America/Denver",
          "America/Phoenix",
          "America/Chicago",
          "America/Mexico_City",
          "America/New_York",
          "America/Bogota",
          "America/Halifax",
          "America/Sao_Paulo",
          "America/Argentina/Buenos_Aires",
          "Atlantic/Azores",
          "UTC",
          "Europe/London",
          "Europe/Dublin",
          "Europe/Paris",
          "Europe/Berlin",
          "Europe/Madrid",
          "Europe/Istanbul",
          "Africa/Cairo",
          "Africa/Johannesburg",
          "Europe/Moscow",
          "Asia/Dubai",
          "Asia/Karachi",
          "Asia/Kolkata",
          "Asia/Kathmandu",
          "Asia/Dhaka",
          "Asia/Bangkok",
          "Asia/Singapore",
          "Asia/Shanghai",
          "Asia/Tokyo",
          "Australia/Adelaide",
          "Australia/Sydney",
          "Pacific/Auckland",
          "Pacific/Apia");

  private final World world;

  ConfigRoutes(World world) {
    this.world = world;
  }

  void timezones(Call call) throws IOException {
    Locale locale =
        Locale.forLanguageTag(call.params().first("locale").orElse("en").replace('_', '-'));
    List<Map<String, Object>> result = new ArrayList<>();
    for (String id : ZONES) {
      TimeZone tz = TimeZone.getTimeZone(ZoneId.of(id));
      int offset = tz.getRawOffset();
      Map<String, Object> z = new LinkedHashMap<>();
      z.put("id", id);
      z.put("name", tz.getDisplayName(false, TimeZone.LONG, locale));
      z.put("shortName", tz.getDisplayName(false, TimeZone.SHORT, locale));
      z.put(
          "offsetString",
          String.format(
              "%s%02d:%02d",
              offset < 0 ? "-" : "+",
              Math.abs(offset) / 3_600_000,
              Math.abs(offset) / 60_000 % 60));
      z.put("offsetMillis", offset);
      result.add(z);
    }
    result.sort(Comparator.comparingInt(z -> (Integer) z.get("offsetMillis")));
    call.pass(result);
  }

  void teams(Call call) throws IOException {
    List<Map<String, Object>> result = new ArrayList<>();
    for (Team t : world.teams()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("uuid", t.uuid());
      m.put("teamId", t.teamId());
      m.put("name", t.name());
      m.put("description", null);
      m.put("numberOfMembers", world.members(t).size());
      result.add(m);
    }
    call.pass(result);
  }
}
