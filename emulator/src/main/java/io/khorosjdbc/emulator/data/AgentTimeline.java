package io.khorosjdbc.emulator.data;

import io.khorosjdbc.emulator.world.Agent;
import io.khorosjdbc.emulator.world.BusinessHours;
import io.khorosjdbc.emulator.world.Rng;
import io.khorosjdbc.emulator.world.World;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The state changes of every agent, generated per (agent, UTC hour) independently, so any window
 * can be produced without replaying history. A state lasts until the agent's next change; the next
 * change is searched at most 72 hours ahead.
 */
public final class AgentTimeline {
  public static final long LOOKAHEAD_MILLIS = 72 * ConversationFactory.HOUR;
  private static final long HOUR = ConversationFactory.HOUR;

  /** Agent-state rows per day are about this share of rows-per-day. */
  private static final double SHARE_OF_ROWS = 0.5;

  /** One state change of one agent. */
  public record Change(long time, AgentStateKind state, boolean mobile, int ordinal) {}

  /** A stretch of time an agent spent in one state, clipped to a window. */
  public record Segment(long start, long end, AgentStateKind state, boolean mobile) {
    public long length() {
      return end - start;
    }
  }

  private final World world;
  private final double perAgentHour;

  public AgentTimeline(World world, int rowsPerDay) {
    this.world = world;
    this.perAgentHour = rowsPerDay * SHARE_OF_ROWS / 24.0 / World.AGENT_COUNT;
  }

  /** The agent's changes in this epoch hour, in time order. */
  public List<Change> changes(Agent agent, long hour) {
    Rng r = Rng.of(world.seed(), Rng.code("agent-states"), agent.index(), hour);
    int n = r.count(perAgentHour * BusinessHours.activity(hour));
    long[] offsets = new long[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = r.between(0, 3600) * 1000L;
    }
    Arrays.sort(offsets);
    List<Change> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          new Change(
              hour * HOUR + offsets[i], AgentStateKind.pick(r.nextDouble()), r.chance(0.15), i));
    }
    return out;
  }

  /** The first change strictly after {@code t}, or null if none within 72 hours. */
  public Change nextAfter(Agent agent, long t) {
    for (long h = Math.floorDiv(t, HOUR); h <= Math.floorDiv(t + LOOKAHEAD_MILLIS, HOUR); h++) {
      for (Change c : changes(agent, h)) {
        if (c.time() > t) {
          return c;
        }
      }
    }
    return null;
  }

  /** The last change strictly before {@code t}, or null if none within 72 hours. */
  public Change lastBefore(Agent agent, long t) {
    for (long h = Math.floorDiv(t, HOUR); h >= Math.floorDiv(t - LOOKAHEAD_MILLIS, HOUR); h--) {
      List<Change> cs = changes(agent, h);
      for (int i = cs.size() - 1; i >= 0; i--) {
        if (cs.get(i).time() < t) {
          return cs.get(i);
        }
      }
    }
    return null;
  }

  /** The raw_agent_states rows of {@code agents} that start in the hour, in time order. */
  public List<AgentState> rows(List<Agent> agents, long hour) {
    List<AgentState> rows = new ArrayList<>();
    for (Agent agent : agents) {
      for (Change change : changes(agent, hour)) {
        rows.add(row(agent, change));
      }
    }
    rows.sort(Comparator.comparingLong(AgentState::time).thenComparingLong(AgentState::key));
    return rows;
  }

  /** The change as a raw_agent_states row. */
  public AgentState row(Agent agent, Change c) {
    Change next = nextAfter(agent, c.time());
    Change previous = lastBefore(agent, c.time());
    long key = (Math.floorDiv(c.time(), HOUR) * 100 + agent.index()) * 100 + c.ordinal();
    return new AgentState(
        agent,
        c.time(),
        key,
        c.state(),
        c.mobile(),
        next == null ? -1 : next.time(),
        previous == null ? AgentStateKind.OFFLINE : previous.state());
  }

  /**
   * The agent's time in [from, to) split into states. Before the first known change the agent
   * counts as Offline; after the last change the state lasts to {@code to}.
   */
  public List<Segment> segments(Agent agent, long from, long to) {
    List<Segment> out = new ArrayList<>();
    Change before = lastBefore(agent, from);
    AgentStateKind state = before == null ? AgentStateKind.OFFLINE : before.state();
    boolean mobile = before != null && before.mobile();
    long start = from;
    for (long h = Math.floorDiv(from, HOUR); h <= Math.floorDiv(to - 1, HOUR); h++) {
      for (Change c : changes(agent, h)) {
        if (c.time() >= from && c.time() < to) {
          if (c.time() > start) {
            out.add(new Segment(start, c.time(), state, mobile));
          }
          start = c.time();
          state = c.state();
          mobile = c.mobile();
        }
      }
    }
    if (to > start) {
      out.add(new Segment(start, to, state, mobile));
    }
    return out;
  }
}
