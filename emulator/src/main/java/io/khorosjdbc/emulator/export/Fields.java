package io.khorosjdbc.emulator.export;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The columns the synthetic world knows for one row type, by name. Look-ups ignore case, so a
 * replaced catalog may spell {@code agent_id} or {@code AGENT_ID}. Values are Strings, Longs,
 * Doubles, Booleans or {@link java.time.Instant}s (timestamps); null means absent.
 */
public final class Fields<R> {
  private final Map<String, Function<R, Object>> byName = new HashMap<>();

  public Fields<R> add(String name, Function<R, Object> value) {
    byName.put(name.toUpperCase(Locale.ROOT), value);
    return this;
  }

  /** The accessor for this column, or null if the world does not know the name. */
  public Function<R, Object> get(String name) {
    return byName.get(name.toUpperCase(Locale.ROOT));
  }
}
