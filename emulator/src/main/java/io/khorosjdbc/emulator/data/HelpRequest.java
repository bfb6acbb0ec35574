package io.khorosjdbc.emulator.data;

import io.khorosjdbc.emulator.world.Agent;

/** An agent's request for expert help on a conversation (raw_expert_help). */
public record HelpRequest(Conversation conversation, long time, long resolved, Agent expert)
    implements Event {
  @Override
  public long key() {
    return conversation.seq() * 10 + 1;
  }
}
