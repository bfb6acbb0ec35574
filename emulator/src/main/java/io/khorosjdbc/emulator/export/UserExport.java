package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.catalog.ColumnDef;
import io.khorosjdbc.emulator.data.AgentStateKind;
import io.khorosjdbc.emulator.data.AgentTimeline;
import io.khorosjdbc.emulator.data.Event;
import io.khorosjdbc.emulator.data.Message;
import io.khorosjdbc.emulator.report.ReportRequest;
import io.khorosjdbc.emulator.report.Window;
import io.khorosjdbc.emulator.world.Agent;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The user export: one row per agent (filters agentId, teamId, includeDisabled). As the reference
 * says, startTime/endTime only affect the "Total Time" columns, which sum the agent's states within
 * the window.
 */
final class UserExport implements ExportSource<UserExport.Totals> {
  private final SyntheticData data;

  UserExport(SyntheticData data) {
    this.data = data;
  }

  /** One agent's totals over the window. */
  static final class Totals implements Event {
    final Agent agent;
    final long windowStart;
    long loggedIn;
    long green;
    long yellow;
    long red;
    long mobile;
    long lastLogin = -1;
    Long responses;

    Totals(Agent agent, long windowStart) {
      this.agent = agent;
      this.windowStart = windowStart;
    }

    @Override
    public long time() {
      return windowStart;
    }

    @Override
    public long key() {
      return agent.index();
    }
  }

  @Override
  public Iterator<Totals> rows(ReportRequest req) {
    Window w = req.window();
    Map<String, Long> responses =
        req.columns().stream().map(ColumnDef::name).anyMatch("RESPONSE_COUNT"::equalsIgnoreCase)
            ? responsesByAgent(w)
            : null;
    return data.world().agents().stream()
        .filter(req.filters()::agent)
        .map(
            a -> {
              Totals t = new Totals(a, w.start());
              AgentStateKind previous = null;
              for (AgentTimeline.Segment s :
                  data.agentStates().segments(a, w.start(), w.endExclusive())) {
                long len = s.length();
                t.loggedIn += s.state().loggedIn() ? len : 0;
                t.mobile += s.state().loggedIn() && s.mobile() ? len : 0;
                String color = s.state().color();
                t.green += "GREEN".equals(color) ? len : 0;
                t.yellow += "YELLOW".equals(color) ? len : 0;
                t.red += "RED".equals(color) ? len : 0;
                if (previous == AgentStateKind.OFFLINE && s.state().loggedIn()) {
                  t.lastLogin = s.start();
                }
                previous = s.state();
              }
              t.responses = responses == null ? null : responses.getOrDefault(a.id(), 0L);
              return t;
            })
        .iterator();
  }

  private Map<String, Long> responsesByAgent(Window w) {
    Map<String, Long> counts = new HashMap<>();
    data.conversations()
        .forEachActive(
            w.start(),
            w.last(),
            c -> {
              for (Message m : c.messages()) {
                if (!m.inbound() && w.contains(m.time())) {
                  counts.merge(c.agent().id(), 1L, Long::sum);
                }
              }
            });
    return counts;
  }

  @Override
  public Fields<Totals> fields(ReportRequest req) {
    return new Fields<Totals>()
        .add("AGENT_ID", t -> t.agent.id())
        .add("AGENT_NAME", t -> t.agent.name())
        .add("EMAIL", t -> t.agent.email())
        .add("AGENT_DISPLAY_ID", t -> t.agent.displayId())
        .add("TEAM_ID", t -> t.agent.team().idString())
        .add("TEAM_NAME", t -> t.agent.team().name())
        .add("ROLE", t -> t.agent.role())
        .add("IS_DISABLED", t -> t.agent.disabled())
        .add("CREATED_DATE", t -> SyntheticData.time(t.agent.createdMillis()))
        .add("LAST_LOGIN_TIME", t -> SyntheticData.time(t.lastLogin))
        .add("LOCALE", t -> t.agent.locale())
        .add("RESPONSE_COUNT", t -> t.responses)
        .add("TOTAL_CONSOLE_LOGGED_IN_TIME_MILLIS", t -> t.loggedIn)
        .add("TOTAL_GREEN_STATE_TIME_MILLIS", t -> t.green)
        .add("TOTAL_YELLOW_STATE_TIME_MILLIS", t -> t.yellow)
        .add("TOTAL_RED_STATE_TIME_MILLIS", t -> t.red)
        .add("TOTAL_MOBILE_TIME_MILLIS", t -> t.mobile);
  }
}
