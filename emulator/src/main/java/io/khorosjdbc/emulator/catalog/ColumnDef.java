package io.khorosjdbc.emulator.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Set;

/**
 * One column of an export as the catalog declares it.
 *
 * @param name the API name, used in {@code reportMetrics}, JSON keys and (by default) CSV headers
 * @param displayName the name the UI shows ("Conversation ID", "Assignee ID"), used for CSV headers
 *     with {@code --csv-header display} and JSON keys with {@code --json-keys display}
 * @param type the declared type
 * @param isDefault whether the column is returned when no {@code reportMetrics} is given
 * @param jsonOnly whether the column is left out of CSV output
 * @param anchor whether the column's time selects the export's rows
 * @param description free text for humans
 */
public record ColumnDef(
    String name,
    String displayName,
    ColumnType type,
    boolean isDefault,
    boolean jsonOnly,
    boolean anchor,
    String description) {
  public ColumnDef {
    requireNonNull(name, "name");
    requireNonNull(displayName, "displayName");
    requireNonNull(type, "type");
  }

  /** Words a UI writes in capitals ("Conversation ID", "Post URL"). */
  private static final Set<String> ACRONYMS = Set.of("ID", "URL", "UUID", "SLA", "CSAT");

  /** The camelCase spelling of the API name: {@code CONVERSATION_ID} → {@code conversationId}. */
  public String camelName() {
    StringBuilder sb = new StringBuilder();
    for (String word : name.split("_")) {
      if (word.isEmpty()) {
        continue;
      }
      String lower = word.toLowerCase(Locale.ROOT);
      sb.append(
          sb.length() == 0 ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
    }
    return sb.toString();
  }

  /**
   * The display name a catalog entry without one gets: the words of the API name, title-cased, with
   * acronyms in capitals ({@code CONVERSATION_ID} → "Conversation ID").
   */
  public static String displayNameOf(String apiName) {
    StringBuilder sb = new StringBuilder();
    for (String word : apiName.split("_")) {
      if (word.isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      String upper = word.toUpperCase(Locale.ROOT);
      sb.append(
          ACRONYMS.contains(upper)
              ? upper
              : Character.toUpperCase(word.charAt(0)) + word.substring(1).toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }
}
