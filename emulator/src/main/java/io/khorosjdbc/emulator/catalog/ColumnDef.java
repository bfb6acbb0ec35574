package io.khorosjdbc.emulator.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One column of an export as the catalog declares it.
 *
 * @param name        the API name, used in {@code reportMetrics}, JSON keys and (by default) CSV headers
 * @param displayName the title-cased name used for CSV headers with {@code --csv-header display}
 * @param type        the declared type
 * @param isDefault   whether the column is returned when no {@code reportMetrics} is given
 * @param jsonOnly    whether the column is left out of CSV output
 * @param anchor      whether the column's time selects the export's rows
 * @param description free text for humans
 */
public record ColumnDef(String name, String displayName, ColumnType type, boolean isDefault,
                        boolean jsonOnly, boolean anchor, String description) {
    public ColumnDef {
        requireNonNull(name, "name");
        requireNonNull(displayName, "displayName");
        requireNonNull(type, "type");
    }

    /** The "Conversation Id" style display name derived from an API name. */
    public static String displayNameOf(String apiName) {
        StringBuilder sb = new StringBuilder();
        for (String word : apiName.split("_")) {
            if (word.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
