package io.khorosjdbc.emulator.report;

import io.khorosjdbc.emulator.data.Conversation;
import io.khorosjdbc.emulator.world.Agent;
import io.khorosjdbc.emulator.world.BusinessHours;
import io.khorosjdbc.emulator.world.SmartView;
import java.util.Set;

/**
 * The row filters of one request. A null field means "not requested or not accepted by this
 * export", i.e. no filtering on it.
 *
 * @param includeDisabled null where the export does not accept {@code includeDisabled}; otherwise
 *     {@code false} (the default) hides rows of disabled agents
 * @param businessHours null = 24/7; true = only events in business hours; false = only outside
 * @param teamIds from {@code teamIds} (comma list) or, on the user export, repeated {@code teamId}
 */
public record Filters(
    Set<Integer> priorities,
    Set<String> queueIds,
    SmartView smartView,
    Set<String> teamIds,
    Boolean includeDisabled,
    Boolean businessHours,
    Set<String> agentIds,
    Set<String> campaignIds) {

  /**
   * Conversation-level filters: priority, work queue, smart view, and the assigned agent's team and
   * status.
   */
  public boolean conversation(Conversation c) {
    return (priorities == null || priorities.contains(c.priority()))
        && (queueIds == null || queueIds.contains(c.queue().id()))
        && (smartView == null || smartView.matches(c.queue().id(), c.priority()))
        && agent(c.agent());
  }

  /** Agent-level filters: team, agent id, disabled. */
  public boolean agent(Agent a) {
    return (teamIds == null || teamIds.contains(a.team().idString()))
        && (agentIds == null || agentIds.contains(a.id()))
        && (includeDisabled == null || includeDisabled || !a.disabled());
  }

  /**
   * For agent states: the agent filters plus work queue and smart view applied to the agent's home
   * queue.
   */
  public boolean agentWithQueue(Agent a) {
    String q = a.homeQueue().id();
    return agent(a)
        && (queueIds == null || queueIds.contains(q))
        && (smartView == null
            || smartView.queueIds().isEmpty()
            || smartView.queueIds().contains(q));
  }

  /** The business-hours filter; a smart view's own setting overrides the request's. */
  public boolean time(long t) {
    Boolean bh =
        smartView != null && smartView.businessHours() != null
            ? smartView.businessHours()
            : businessHours;
    return bh == null || BusinessHours.contains(t) == bh;
  }

  public boolean campaign(String campaignId) {
    return campaignIds == null || campaignIds.contains(campaignId);
  }
}
