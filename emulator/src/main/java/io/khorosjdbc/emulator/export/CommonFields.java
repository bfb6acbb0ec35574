package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.data.Conversation;
import io.khorosjdbc.emulator.world.Agent;
import java.util.function.Function;

/** Columns shared by several exports, added once here instead of in every export. */
final class CommonFields {
  private CommonFields() {}

  /** Conversation attributes: id, priority, queue, team, network, author, creation time. */
  static <R> void conversation(Fields<R> f, Function<R, Conversation> c) {
    f.add("CONVERSATION_ID", r -> c.apply(r).id())
        .add("PRIORITY", r -> Integer.toString(c.apply(r).priority()))
        .add("WORKQUEUE_ID", r -> c.apply(r).queue().id())
        .add("WORKQUEUE_NAME", r -> c.apply(r).queue().name())
        .add("TEAM_ID", r -> c.apply(r).agent().team().idString())
        .add("TEAM_NAME", r -> c.apply(r).agent().team().name())
        .add("NETWORK", r -> c.apply(r).network())
        .add("AUTHOR_ID", r -> c.apply(r).author().id())
        .add("AUTHOR_HANDLE", r -> c.apply(r).author().handle())
        .add("CONVERSATION_CREATED_TIME", r -> SyntheticData.time(c.apply(r).created()));
  }

  /**
   * An agent's id and name under the given column prefix, e.g. AGENT_ID/AGENT_NAME or
   * APPROVER_ID/APPROVER_NAME.
   */
  static <R> void agent(Fields<R> f, String idColumn, String nameColumn, Function<R, Agent> a) {
    f.add(idColumn, r -> a.apply(r) == null ? null : a.apply(r).id())
        .add(nameColumn, r -> a.apply(r) == null ? null : a.apply(r).name());
  }
}
