package io.khorosjdbc.driver.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * What a report's window means for one combination of API parameter values: its {@link WindowKind}
 * and, for event exports, the anchor column whose time the API selects rows by. The conversation
 * export, for example, is a snapshot by default but an event export anchored on its close time
 * when asked for {@code CLOSED} conversations.
 */
@FunctionalInterface
public interface WindowRule {

  /** The semantics of one export; {@code anchorColumn} is empty unless the kind is EVENT. */
  record Semantics(WindowKind kind, Optional<String> anchorColumn) {
    public static Semantics event(String anchorColumn) {
      return new Semantics(WindowKind.EVENT, Optional.of(anchorColumn));
    }

    public static Semantics of(WindowKind kind) {
      return new Semantics(kind, Optional.empty());
    }
  }

  /**
   * @param parameterValues the API parameter pseudo-column values of the export, by column name
   *     (absent parameters are not in the map)
   */
  Semantics semantics(Map<String, String> parameterValues);

  static WindowRule always(Semantics semantics) {
    return values -> semantics;
  }
}
