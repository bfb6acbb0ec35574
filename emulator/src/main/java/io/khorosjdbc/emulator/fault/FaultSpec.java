package io.khorosjdbc.emulator.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One rule of a fault spec {@code ROUTE:KIND[:PROBABILITY|xCOUNT]}: fire on every matching request,
 * on the next COUNT ones, or at random with the given probability (drawn from the emulator's seed).
 *
 * @param probability in (0, 1], or NaN when not random
 * @param count how many matching requests it fires on, or -1 for no limit
 */
public record FaultSpec(String route, FaultKind kind, double probability, int count) {
  public static final Set<String> ROUTES =
      Set.of("create", "status", "download", "file", "teams", "timezones");

  /** Parses a comma-separated spec; blank means no faults. */
  public static List<FaultSpec> parseAll(String spec) {
    List<FaultSpec> out = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String part : spec.split(",")) {
      if (!part.isBlank()) {
        out.add(parse(part.trim()));
      }
    }
    return out;
  }

  static FaultSpec parse(String s) {
    String[] p = s.split(":");
    if (p.length < 2 || p.length > 3) {
      throw new IllegalArgumentException(
          "bad fault '" + s + "'; expected ROUTE:KIND[:PROBABILITY|xCOUNT]");
    }
    String route = p[0].trim();
    if (!ROUTES.contains(route)) {
      throw new IllegalArgumentException(
          "bad fault '"
              + s
              + "': unknown route '"
              + route
              + "'; expected one of create|status|download|file|teams|timezones");
    }
    FaultKind kind = FaultKind.parse(p[1].trim());
    if (!kind.routes().contains(route)) {
      throw new IllegalArgumentException(
          "bad fault '"
              + s
              + "': "
              + kind.spelling()
              + " has no effect on route "
              + route
              + "; it applies to "
              + String.join("|", kind.routes().stream().sorted().toList()));
    }
    double probability = Double.NaN;
    int count = -1;
    if (p.length == 3) {
      String q = p[2].trim();
      try {
        if (q.startsWith("x")) {
          count = Integer.parseInt(q.substring(1));
          if (count < 1) {
            throw new NumberFormatException();
          }
        } else {
          probability = Double.parseDouble(q);
          if (!(probability > 0 && probability <= 1)) {
            throw new NumberFormatException();
          }
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "bad fault '"
                + s
                + "': '"
                + q
                + "' is neither a probability in (0, 1] nor xCOUNT with COUNT >= 1");
      }
    }
    return new FaultSpec(route, kind, probability, count);
  }
}
