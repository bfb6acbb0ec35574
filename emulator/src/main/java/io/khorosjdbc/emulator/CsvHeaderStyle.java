package io.khorosjdbc.emulator;

/** What the CSV header row holds: the API names ({@code CONVERSATION_ID}) or display names ({@code Conversation Id}). */
public enum CsvHeaderStyle {
    API, DISPLAY
}
