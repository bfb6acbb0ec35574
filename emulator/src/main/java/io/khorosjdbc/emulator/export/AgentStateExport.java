package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.data.AgentState;
import io.khorosjdbc.emulator.data.HourlyScan;
import io.khorosjdbc.emulator.report.ReportRequest;
import io.khorosjdbc.emulator.world.Agent;
import java.util.Iterator;
import java.util.List;

/**
 * The raw_agent_states export (lower snake case columns). Work-queue and smart-view filters apply
 * to the agent's home queue; priorities do not narrow agent states, which have none.
 */
final class AgentStateExport implements ExportSource<AgentState> {
  private final SyntheticData data;

  AgentStateExport(SyntheticData data) {
    this.data = data;
  }

  @Override
  public Iterator<AgentState> rows(ReportRequest req) {
    List<Agent> agents =
        data.world().agents().stream().filter(req.filters()::agentWithQueue).toList();
    return new HourlyScan<>(
        req.window().start(),
        req.window().last(),
        hour -> data.agentStates().rows(agents, hour),
        state -> req.window().contains(state.time()) && req.filters().time(state.time()));
  }

  @Override
  public Fields<AgentState> fields(ReportRequest req) {
    Fields<AgentState> f = new Fields<>();
    CommonFields.agent(f, "agent_id", "agent_name", AgentState::agent);
    return f.add("agent_email", s -> s.agent().email())
        .add("team_id", s -> s.agent().team().idString())
        .add("team_name", s -> s.agent().team().name())
        .add("state_name", s -> s.state().label())
        .add("state_type", s -> s.state().type())
        .add("state_start_time", s -> SyntheticData.time(s.time()))
        .add("state_end_time", s -> SyntheticData.time(s.end()))
        .add("state_duration_millis", s -> s.end() < 0 ? null : s.end() - s.time())
        .add("is_available", s -> s.state().type().equals("AVAILABLE"))
        .add("device_type", s -> s.mobile() ? "mobile" : "web")
        .add("workqueue_id", s -> s.agent().homeQueue().id())
        .add("is_disabled", s -> s.agent().disabled())
        .add("state_color", s -> s.state().color())
        .add("previous_state_name", s -> s.previous().label());
  }
}
