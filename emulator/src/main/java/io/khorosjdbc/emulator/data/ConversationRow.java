package io.khorosjdbc.emulator.data;

/**
 * A conversation as one row of an export: the conversation export (ordered by creation or, for
 * {@code CLOSED}, by close time) and the author export (one row per conversation an author opened).
 */
public record ConversationRow(Conversation conversation, long time) implements Event {
    @Override
    public long key() {
        return conversation.seq();
    }
}
