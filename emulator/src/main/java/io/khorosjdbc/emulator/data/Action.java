package io.khorosjdbc.emulator.data;

import io.khorosjdbc.emulator.world.Agent;

/**
 * A conversation action (conversation_actions): CREATE, ASSIGN, RESPOND, TAG or CLOSE.
 *
 * @param agent the acting agent, or null for system actions
 * @param previous time of the conversation's previous action, or -1 for the first
 */
public record Action(
    Conversation conversation, int index, String type, long time, Agent agent, long previous)
    implements Event {
  @Override
  public long key() {
    return conversation.seq() * 100 + index;
  }
}
