package io.khorosjdbc.driver.format;

import java.util.Locale;
import java.util.Objects;

/**
 * Matches column names across their spellings. Export headers and JSON keys may carry the API
 * name ({@code CONVERSATION_ID}, {@code agent_name}) or a display name ({@code Conversation Id},
 * {@code Agent Name}); all of them normalize to the same key.
 */
public final class ColumnNames {

    private ColumnNames() {
    }

    /**
     * Trims, upper-cases (locale-independent) and turns each run of spaces, hyphens and
     * underscores into one {@code '_'}: {@code " Agent-Name "} → {@code AGENT_NAME}.
     */
    public static String normalize(String name) {
        Objects.requireNonNull(name, "name");
        String trimmed = name.strip();
        StringBuilder out = new StringBuilder(trimmed.length());
        boolean inSeparator = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == ' ' || c == '-' || c == '_' || Character.isWhitespace(c)) {
                if (!inSeparator) {
                    out.append('_');
                }
                inSeparator = true;
            } else {
                out.append(c);
                inSeparator = false;
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
