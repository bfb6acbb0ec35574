package org.apache.calcite.jdbc;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Makes a Calcite connection's registry of open statements safe for concurrent use. Calcite keeps
 * it in a plain {@code HashMap} (Avatica's own maps are concurrent), so threads that share one
 * connection and open or close statements at the same time can lose an entry; a statement then
 * fails with {@code AssertionError: no statement}. JDBC lets applications share a connection
 * between threads, so the map is swapped for a concurrent one when the connection opens. It lives
 * in Calcite's package because the connection's {@code server} field is package-private.
 */
public final class ConcurrentStatementRegistry {
  private static final String FIELD = "statementMap";

  private ConcurrentStatementRegistry() {}

  /** Replaces the registry of a Calcite connection; other connections are left alone. */
  public static void install(CalciteConnection connection) {
    if (!(connection instanceof CalciteConnectionImpl calcite)) {
      return;
    }
    Object server = calcite.server;
    try {
      // Calcite's server class is private and its map final: reflection is the only way in.
      Field registry = server.getClass().getDeclaredField(FIELD);
      registry.setAccessible(true);
      if (registry.get(server) instanceof Map<?, ?> map && !(map instanceof ConcurrentMap)) {
        registry.set(server, new ConcurrentHashMap<>(map));
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot make Calcite's statement registry thread-safe "
              + "(has "
              + server.getClass().getName()
              + "."
              + FIELD
              + " changed?): "
              + e,
          e);
    }
  }
}
