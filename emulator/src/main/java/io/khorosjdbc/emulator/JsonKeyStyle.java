package io.khorosjdbc.emulator;

import io.khorosjdbc.emulator.catalog.ColumnDef;

/**
 * What the keys of a JSON export's row objects are: the API names ({@code CONVERSATION_ID}), the
 * display names of the UI ({@code Conversation ID}) or camelCase ({@code respondingAgentName}, which
 * a warehouse fed from the JSON {@code response} export suggests). The API does not document which.
 */
public enum JsonKeyStyle {
    API, DISPLAY, CAMEL;

    /** The column's name in this style. */
    public String spell(ColumnDef column) {
        return switch (this) {
            case API -> column.name();
            case DISPLAY -> column.displayName();
            case CAMEL -> column.camelName();
        };
    }
}
