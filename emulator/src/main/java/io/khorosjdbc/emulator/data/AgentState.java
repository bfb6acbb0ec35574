package io.khorosjdbc.emulator.data;

import io.khorosjdbc.emulator.world.Agent;

/**
 * An agent entering a state (raw_agent_states).
 *
 * @param end when the agent left the state, or -1 if not within {@link
 *     AgentTimeline#LOOKAHEAD_MILLIS}
 * @param previous the state before this one
 */
public record AgentState(
    Agent agent,
    long time,
    long key,
    AgentStateKind state,
    boolean mobile,
    long end,
    AgentStateKind previous)
    implements Event {}
