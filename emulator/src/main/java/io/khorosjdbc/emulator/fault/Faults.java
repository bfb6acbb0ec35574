package io.khorosjdbc.emulator.fault;

import io.khorosjdbc.emulator.world.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * The active fault rules. Each arriving request asks {@link #fire} once; rules are tried in spec
 * order and the first that fires wins. A counted rule is used up by the requests it fires on,
 * whether or not the request would otherwise have succeeded.
 */
public final class Faults {
  private final long seed;
  private final List<FaultSpec> rules = new ArrayList<>();
  private final List<Integer> remaining = new ArrayList<>();
  private Rng random;
  private String spec = "";

  public Faults(long seed) {
    this.seed = seed;
    this.random = Rng.of(seed, Rng.code("faults"));
  }

  /** Replaces all rules (blank clears them) and restarts the random draws. */
  public synchronized void set(String newSpec) {
    List<FaultSpec> parsed = FaultSpec.parseAll(newSpec);
    rules.clear();
    remaining.clear();
    rules.addAll(parsed);
    parsed.forEach(r -> remaining.add(r.count()));
    random = Rng.of(seed, Rng.code("faults"));
    spec = newSpec == null ? "" : newSpec.trim();
  }

  public synchronized String spec() {
    return spec;
  }

  /** The fault to apply to this request of the given route, or null. */
  public synchronized FaultKind fire(String route) {
    for (int i = 0; i < rules.size(); i++) {
      FaultSpec r = rules.get(i);
      if (!r.route().equals(route)) {
        continue;
      }
      if (r.count() > 0) {
        if (remaining.get(i) > 0) {
          remaining.set(i, remaining.get(i) - 1);
          return r.kind();
        }
      } else if (Double.isNaN(r.probability()) || random.nextDouble() < r.probability()) {
        return r.kind();
      }
    }
    return null;
  }
}
