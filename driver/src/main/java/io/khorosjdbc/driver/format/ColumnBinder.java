package io.khorosjdbc.driver.format;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Binds the fields of an export file (CSV header fields, JSON keys) to a list of columns, whatever
 * their spelling: a field binds to the column whose name has the same {@link ColumnNames#key key}
 * ({@code Conversation ID}, {@code conversationId} and {@code CONVERSATION_ID} all bind to {@code
 * CONVERSATION_ID}). A field that matches no column so binds through the table of UI names ({@code
 * Assignee ID} to {@code ASSIGNED_AGENT_DISPLAY_ID}), if that column is in the list.
 *
 * <p>The readers use it to find the columns a query asked for, and the column discovery to turn a
 * tenant's header back into API names, so both follow the same rules.
 */
public final class ColumnBinder {

  /**
   * How one field binds.
   *
   * @param column the index of the column in the binder's list (the first, if the list names a
   *     column twice)
   * @param viaUiName whether the field is a UI name of the column rather than a spelling of it; a
   *     field that is a spelling wins over one that is a UI name
   */
  public record Binding(int column, boolean viaUiName) {}

  private final List<String> columns;
  private final Map<String, Binding> byKey = new HashMap<>();
  private final boolean lowerCase;

  /**
   * @param columns the column names, as the API spells them
   */
  public ColumnBinder(List<String> columns) {
    this.columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    for (int i = 0; i < this.columns.size(); i++) {
      byKey.putIfAbsent(ColumnNames.key(this.columns.get(i)), new Binding(i, false));
    }
    this.lowerCase =
        !this.columns.isEmpty()
            && this.columns.stream().allMatch(c -> c.equals(c.toLowerCase(Locale.ROOT)));
  }

  /** The columns fields are bound to. */
  public List<String> columns() {
    return columns;
  }

  /** How {@code field} binds to a column of the list, or {@code null} when it binds to none. */
  public Binding bind(String field) {
    Binding spelled = byKey.get(ColumnNames.key(field));
    if (spelled != null) {
      return spelled;
    }
    return ColumnNames.apiNameOfUiName(field)
        .map(api -> byKey.get(ColumnNames.key(api)))
        .map(b -> new Binding(b.column(), true))
        .orElse(null);
  }

  /**
   * The index of the first column of the list with the same name as column {@code i} (usually
   * {@code i}).
   */
  public int firstOfName(int i) {
    return byKey.get(ColumnNames.key(columns.get(i))).column();
  }

  /**
   * The API name a header field stands for: the list's spelling of the column it binds to; else the
   * API name the table of UI names gives; else the field itself if it is already written as an API
   * name (words joined by underscores, in one case); else its {@link ColumnNames#upperSnake words},
   * in lower case when every column of the list is (as {@code raw_agent_states}'s are): {@code
   * "Conversation Id"} → {@code CONVERSATION_ID}, {@code "respondingAgentName"} → {@code
   * RESPONDING_AGENT_NAME}.
   */
  public String apiName(String field) {
    String name = field.strip();
    Binding binding = bind(name);
    if (binding != null) {
      return columns.get(binding.column());
    }
    Optional<String> ui = ColumnNames.apiNameOfUiName(name);
    if (ui.isPresent()) {
      return ui.get();
    }
    if (isWrittenAsApiName(name)) {
      return name;
    }
    String words = ColumnNames.upperSnake(name);
    return lowerCase ? words.toLowerCase(Locale.ROOT) : words;
  }

  private static boolean isWrittenAsApiName(String name) {
    if (name.isEmpty()
        || !name.chars().allMatch(c -> c == '_' || (c < 128 && Character.isLetterOrDigit(c)))) {
      return false;
    }
    return name.equals(name.toUpperCase(Locale.ROOT)) || name.equals(name.toLowerCase(Locale.ROOT));
  }
}
