package io.khorosjdbc.emulator;

import io.khorosjdbc.emulator.catalog.ColumnDef;

/**
 * What the keys of a JSON export's row objects are: the API names ({@code CONVERSATION_ID}), the
 * display names of the UI ({@code Conversation ID}) or camelCase ({@code respondingAgentName},
 * which a warehouse fed from the JSON {@code response} export suggests). The API does not document
 * which.
 */
public enum JsonKeyStyle {
  API,
  DISPLAY,
  CAMEL;

  /**
   * The column's name in this style: spelled as the CSV header style of the same name spells it.
   */
  public String spell(ColumnDef column) {
    return CsvHeaderStyle.valueOf(name()).spell(column);
  }
}
