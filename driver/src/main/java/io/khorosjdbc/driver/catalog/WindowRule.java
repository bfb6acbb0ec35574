package io.khorosjdbc.driver.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * What a report's window means for one combination of API parameter values: its {@link WindowKind}
 * and, for event exports, the anchor column whose time the API selects rows by. The conversation
 * export, for example, is a snapshot by default but an event export anchored on its close time when
 * asked for {@code CLOSED} conversations.
 */
@FunctionalInterface
public interface WindowRule {

  /**
   * The semantics of one export; {@code anchorColumn} is empty unless the kind is EVENT. {@code
   * valuesAsOfEnd} marks event exports whose rows are selected by their anchor time but carry state
   * as of the window's end (a conversation's status, a help request's resolution): such a window
   * may start later but must not end earlier or be cut, or those values change.
   */
  record Semantics(WindowKind kind, Optional<String> anchorColumn, boolean valuesAsOfEnd) {
    public static Semantics event(String anchorColumn) {
      return new Semantics(WindowKind.EVENT, Optional.of(anchorColumn), false);
    }

    public static Semantics of(WindowKind kind) {
      return new Semantics(kind, Optional.empty(), false);
    }

    /** The same semantics, with values reported as of the window's end. */
    public Semantics withValuesAsOfEnd() {
      return new Semantics(kind, anchorColumn, true);
    }

    /** Whether cutting the window into pieces returns exactly the whole window's rows. */
    public boolean splittable() {
      return kind == WindowKind.EVENT && !valuesAsOfEnd;
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
