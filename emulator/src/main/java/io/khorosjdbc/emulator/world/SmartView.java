package io.khorosjdbc.emulator.world;

import java.util.Set;

/**
 * A smart view: a saved selection of work queues and/or priorities. An empty set means "any".
 *
 * @param businessHours when non-null, the view's own business-hour setting, which overrides the
 *     request's {@code enableBusinessHour}/{@code businessHourType}
 */
public record SmartView(
    String id, String name, Set<String> queueIds, Set<Integer> priorities, Boolean businessHours) {
  public boolean matches(String queueId, int priority) {
    return (queueIds.isEmpty() || queueIds.contains(queueId))
        && (priorities.isEmpty() || priorities.contains(priority));
  }
}
