package io.khorosjdbc.emulator.data;

import io.khorosjdbc.emulator.world.Agent;

/**
 * One entry of a conversation's history (conversation_history_action).
 *
 * @param number 1-based position within the conversation's history
 * @param actor the acting agent, or null for the system
 */
public record HistoryEntry(
    Conversation conversation,
    int number,
    String type,
    long time,
    Agent actor,
    String oldValue,
    String newValue)
    implements Event {
  @Override
  public long key() {
    return conversation.seq() * 10_000 + number;
  }
}
