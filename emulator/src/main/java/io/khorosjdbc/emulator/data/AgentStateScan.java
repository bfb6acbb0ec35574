package io.khorosjdbc.emulator.data;

import io.khorosjdbc.emulator.world.Agent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.function.LongPredicate;

/** Streams raw_agent_states rows hour by hour, all agents of an hour merged in time order; {@code select} tests the start time. */
public final class AgentStateScan implements Iterator<AgentState> {
    private final AgentTimeline timeline;
    private final List<Agent> agents;
    private final LongPredicate select;
    private final long lastHour;
    private final Queue<AgentState> ready = new ArrayDeque<>();
    private long nextHour;

    public AgentStateScan(AgentTimeline timeline, List<Agent> agents, long from, long to, LongPredicate select) {
        this.timeline = timeline;
        this.agents = agents;
        this.select = select;
        this.nextHour = Math.floorDiv(from, ConversationFactory.HOUR);
        this.lastHour = Math.floorDiv(to, ConversationFactory.HOUR);
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && nextHour <= lastHour) {
            List<AgentState> hour = new ArrayList<>();
            for (Agent a : agents) {
                for (AgentTimeline.Change c : timeline.changes(a, nextHour)) {
                    if (select.test(c.time())) {
                        hour.add(timeline.row(a, c));
                    }
                }
            }
            hour.sort(Comparator.comparingLong(AgentState::time).thenComparingLong(AgentState::key));
            ready.addAll(hour);
            nextHour++;
        }
        return !ready.isEmpty();
    }

    @Override
    public AgentState next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }
}
