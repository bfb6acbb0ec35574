package io.khorosjdbc.emulator;

import io.khorosjdbc.emulator.catalog.ColumnDef;

/**
 * What the CSV header row holds: the API names ({@code CONVERSATION_ID}), the display names of the
 * UI ({@code Conversation ID}, {@code Assignee ID}) or camelCase ({@code conversationId}). The API
 * does not document which; a client must read all three.
 */
public enum CsvHeaderStyle {
  API,
  DISPLAY,
  CAMEL;

  /** The column's name in this style. */
  public String spell(ColumnDef column) {
    return switch (this) {
      case API -> column.name();
      case DISPLAY -> column.displayName();
      case CAMEL -> column.camelName();
    };
  }
}
