package io.khorosjdbc.driver.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Column names across their spellings. Nothing documents how the API spells CSV headers and JSON
 * keys: the API name ({@code CONVERSATION_ID}, {@code agent_name}), the UI's display name ({@code
 * Conversation ID}), or camelCase ({@code conversationId}, {@code respondingAgentName}). All of
 * them have the same {@link #key key}, so they bind to the same column. A few UI names differ from
 * the API name beyond spelling ("Assignee ID" is {@code ASSIGNED_AGENT_DISPLAY_ID}); those are
 * listed in the resource {@code catalog/ui-names.json} ({@link #apiNameOfUiName}).
 *
 * <p>{@link ColumnBinder} binds the fields of a file to the columns a query asked for with these
 * rules, and turns a header back into an API name when the driver learns a tenant's columns.
 */
public final class ColumnNames {

  private static final String UI_NAMES = "/io/khorosjdbc/driver/catalog/ui-names.json";

  private ColumnNames() {}

  /**
   * The key that all spellings of one name share: its letters and digits, upper-cased
   * (locale-independent); case, spaces, hyphens, underscores, camel humps and any other punctuation
   * do not count. {@code "Conversation ID"}, {@code "conversationId"}, {@code "conversation_id"}
   * and {@code "CONVERSATION_ID"} all give {@code CONVERSATIONID}.
   */
  public static String key(String name) {
    Objects.requireNonNull(name, "name");
    StringBuilder out = new StringBuilder(name.length());
    name.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
    return out.toString().toUpperCase(Locale.ROOT);
  }

  /** Whether two names are spellings of the same name (their {@link #key keys} are equal). */
  public static boolean sameName(String a, String b) {
    return key(a).equals(key(b));
  }

  /**
   * The name's words in upper snake case, the spelling of most API names: {@code "Conversation
   * ID"}, {@code "conversationId"} and {@code "conversation-id"} all give {@code CONVERSATION_ID}.
   * Words end at anything that is not a letter or digit, before a capital that follows a lower-case
   * letter or digit ({@code respondingAgentName}), and at the end of a run of capitals ({@code
   * agentURLHost} → {@code AGENT_URL_HOST}; a plural {@code s} stays with its acronym: {@code
   * tagIDs} → {@code TAG_IDS}). A name without any lower-case letter keeps its words: {@code
   * RESPONDINGAGENTNAME} stays as it is.
   */
  public static String upperSnake(String name) {
    Objects.requireNonNull(name, "name");
    StringBuilder out = new StringBuilder(name.length() + 8);
    int n = name.length();
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
          out.append('_');
        }
        continue;
      }
      if (i > 0 && startsWord(name, i) && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
      out.append(c);
    }
    int end = out.length();
    if (end > 0 && out.charAt(end - 1) == '_') {
      out.setLength(end - 1);
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  /** Whether the capital at {@code i} starts a new word of a camelCase name. */
  private static boolean startsWord(String name, int i) {
    char c = name.charAt(i);
    char previous = name.charAt(i - 1);
    if (!Character.isUpperCase(c)) {
      return false;
    }
    if (Character.isLowerCase(previous) || Character.isDigit(previous)) {
      return true; // conversation|Id, address2|Line
    }
    if (!Character.isUpperCase(previous)
        || i + 1 >= name.length()
        || !Character.isLowerCase(name.charAt(i + 1))) {
      return false;
    }
    // The last capital of an acronym that a lower-case word follows starts that word
    // (URL|Host), unless the lower case is just a plural "s" (IDs).
    boolean pluralS =
        name.charAt(i + 1) == 's'
            && (i + 2 >= name.length() || !Character.isLowerCase(name.charAt(i + 2)));
    return !pluralS;
  }

  /**
   * The API name a UI name stands for when the two differ beyond spelling, from the table in {@code
   * catalog/ui-names.json}: {@code "Assignee ID"} (in any spelling) gives {@code
   * ASSIGNED_AGENT_DISPLAY_ID}. Empty for every other name.
   */
  public static Optional<String> apiNameOfUiName(String name) {
    return Optional.ofNullable(UiNames.BY_KEY.get(key(name)));
  }

  /** The table of UI names that differ from their API name beyond spelling: UI name → API name. */
  public static Map<String, String> uiNames() {
    return UiNames.AS_WRITTEN;
  }

  private static final class UiNames {
    static final Map<String, String> AS_WRITTEN;
    static final Map<String, String> BY_KEY;

    static {
      Map<String, String> asWritten = new LinkedHashMap<>();
      Map<String, String> byKey = new LinkedHashMap<>();
      for (JsonNode entry : load().path("names")) {
        String ui = entry.path("ui").asText("");
        String api = entry.path("api").asText("");
        if (ui.isBlank() || api.isBlank()) {
          throw new IllegalStateException(
              UI_NAMES + ": every entry needs \"ui\" and \"api\": " + entry);
        }
        if (sameName(ui, api)) {
          throw new IllegalStateException(
              UI_NAMES + ": '" + ui + "' is a spelling of " + api + " and needs no entry");
        }
        String previous = byKey.putIfAbsent(key(ui), api);
        if (previous != null) {
          throw new IllegalStateException(UI_NAMES + ": '" + ui + "' is listed twice");
        }
        asWritten.put(ui, api);
      }
      AS_WRITTEN = Collections.unmodifiableMap(asWritten);
      BY_KEY = Map.copyOf(byKey);
    }

    private static JsonNode load() {
      try (InputStream in = ColumnNames.class.getResourceAsStream(UI_NAMES)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + UI_NAMES);
        }
        return new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
