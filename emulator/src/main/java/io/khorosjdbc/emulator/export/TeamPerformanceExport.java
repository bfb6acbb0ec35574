package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.data.AgentTimeline;
import io.khorosjdbc.emulator.data.Conversation;
import io.khorosjdbc.emulator.data.Message;
import io.khorosjdbc.emulator.report.Filters;
import io.khorosjdbc.emulator.report.ReportRequest;
import io.khorosjdbc.emulator.report.TimeBuckets;
import io.khorosjdbc.emulator.report.Window;
import io.khorosjdbc.emulator.world.Agent;
import io.khorosjdbc.emulator.world.Team;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * team_performance (one row per team over the window) and team_performance_interval (one row per
 * team per timeInterval bucket), aggregated on the fly from the same conversations, messages and
 * agent states the event exports stream. Conversation filters narrow the counts; agent-state times
 * follow only the team and includeDisabled filters. Teams outside {@code teamIds} get no rows;
 * other teams get a row in every bucket, with zeros when idle.
 */
final class TeamPerformanceExport implements ExportSource<TeamMetrics> {
  private final SyntheticData data;
  private final boolean interval;

  TeamPerformanceExport(SyntheticData data, boolean interval) {
    this.data = data;
    this.interval = interval;
  }

  @Override
  public Iterator<TeamMetrics> rows(ReportRequest req) {
    Window w = req.window();
    Filters filters = req.filters();
    TimeBuckets buckets = interval ? req.buckets() : TimeBuckets.whole(w);
    List<Team> teams =
        data.world().teams().stream()
            .filter(t -> filters.teamIds() == null || filters.teamIds().contains(t.idString()))
            .toList();
    TeamMetrics[][] cells = new TeamMetrics[buckets.size()][data.world().teams().size()];
    for (int b = 0; b < buckets.size(); b++) {
      for (Team t : teams) {
        cells[b][t.index()] = new TeamMetrics(t, b, buckets.start(b), buckets.end(b));
      }
    }
    data.conversations()
        .forEachActive(
            w.start(),
            w.last(),
            c -> {
              if (filters.conversation(c)) {
                count(c, buckets, cells, filters);
              }
            });
    for (Agent a : data.world().agents()) {
      if (filters.agent(a)) {
        addStates(a, buckets, cells);
      }
    }
    List<TeamMetrics> rows = new ArrayList<>();
    for (TeamMetrics[] bucket : cells) {
      for (TeamMetrics m : bucket) {
        if (m != null) {
          rows.add(m);
        }
      }
    }
    return rows.iterator();
  }

  private static void count(
      Conversation c, TimeBuckets buckets, TeamMetrics[][] cells, Filters filters) {
    int team = c.agent().team().index();
    TeamMetrics created = cell(cells, buckets, team, c.created(), filters);
    if (created != null) {
      created.created++;
    }
    TeamMetrics closed = cell(cells, buckets, team, c.closed(), filters);
    if (closed != null) {
      closed.closed++;
      closed.handleMillis += c.closed() - c.created();
    }
    for (Message m : c.messages()) {
      TeamMetrics cell = cell(cells, buckets, team, m.time(), filters);
      if (cell == null) {
        continue;
      }
      if (m.inbound()) {
        cell.incoming++;
      } else {
        cell.responses++;
        cell.respondingAgents.add(c.agent().id());
        if (m.firstResponse()) {
          long wait = m.time() - c.created();
          cell.firstResponseWaitMillis += wait;
          cell.slaBreaches += wait > TeamMetrics.SLA_MILLIS ? 1 : 0;
        }
      }
    }
  }

  private static TeamMetrics cell(
      TeamMetrics[][] cells, TimeBuckets buckets, int team, long t, Filters filters) {
    int b = buckets.indexOf(t);
    return b < 0 || !filters.time(t) ? null : cells[b][team];
  }

  private void addStates(Agent a, TimeBuckets buckets, TeamMetrics[][] cells) {
    if (buckets.size() == 0) {
      return;
    }
    for (AgentTimeline.Segment s :
        data.agentStates().segments(a, buckets.start(0), buckets.end(buckets.size() - 1))) {
      for (int b = Math.max(0, buckets.indexOf(s.start()));
          b < buckets.size() && buckets.start(b) < s.end();
          b++) {
        TeamMetrics cell = cells[b][a.team().index()];
        long overlap = Math.min(s.end(), buckets.end(b)) - Math.max(s.start(), buckets.start(b));
        if (cell == null || overlap <= 0) {
          continue;
        }
        cell.loggedInMillis += s.state().loggedIn() ? overlap : 0;
        cell.availableMillis += s.state().type().equals("AVAILABLE") ? overlap : 0;
      }
    }
  }

  @Override
  public Fields<TeamMetrics> fields(ReportRequest req) {
    return new Fields<TeamMetrics>()
        .add("INTERVAL_START_TIME", m -> SyntheticData.time(m.bucketStart))
        .add("INTERVAL_END_TIME", m -> SyntheticData.time(m.bucketEnd))
        .add("TEAM_ID", m -> m.team.idString())
        .add("TEAM_UUID", m -> m.team.uuid())
        .add("TEAM_NAME", m -> m.team.name())
        .add("CONVERSATION_CREATED_COUNT", m -> m.created)
        .add("CONVERSATION_CLOSED_COUNT", m -> m.closed)
        .add("INCOMING_POST_COUNT", m -> m.incoming)
        .add("RESPONSE_COUNT", m -> m.responses)
        .add("ACTIVE_AGENT_COUNT", m -> (long) m.respondingAgents.size())
        .add("HANDLE_TIME_MILLIS", m -> m.handleMillis)
        .add("HANDLE_MILLIS_AVG", TeamMetrics::handleAverage)
        .add("FIRST_RESPONSE_WAIT_MILLIS", m -> m.firstResponseWaitMillis)
        .add("RESPONSE_RATE", TeamMetrics::responseRate)
        .add("SLA_BREACH_COUNT", m -> m.slaBreaches)
        .add("AVAILABLE_TIME_MILLIS", m -> m.availableMillis)
        .add("LOGGED_IN_TIME_MILLIS", m -> m.loggedInMillis);
  }
}
