package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.data.Action;
import io.khorosjdbc.emulator.data.ConversationScan;
import io.khorosjdbc.emulator.report.ReportRequest;
import java.util.Iterator;

/**
 * The conversation_actions export: CREATE, ASSIGN, RESPOND (one per response), TAG and CLOSE of
 * each conversation.
 */
final class ActionExport implements ExportSource<Action> {
  private final SyntheticData data;

  ActionExport(SyntheticData data) {
    this.data = data;
  }

  @Override
  public Iterator<Action> rows(ReportRequest req) {
    return new ConversationScan<>(
        data.conversations(),
        req.window().start(),
        req.window().last(),
        req.filters()::conversation,
        c -> c.actions(),
        a -> req.window().contains(a.time()) && req.filters().time(a.time()));
  }

  @Override
  public Fields<Action> fields(ReportRequest req) {
    Fields<Action> f = new Fields<>();
    CommonFields.conversation(f, Action::conversation);
    CommonFields.agent(f, "AGENT_ID", "AGENT_NAME", Action::agent);
    return f.add("ACTION_ID", a -> Long.toString(a.key()))
        .add("ACTION_TYPE", Action::type)
        .add("ACTION_TIME", a -> SyntheticData.time(a.time()))
        .add("ACTION_DETAIL", ActionExport::detail)
        .add("IS_AUTOMATED", a -> a.agent() == null)
        .add("SINCE_PREVIOUS_ACTION_MILLIS", a -> a.previous() < 0 ? null : a.time() - a.previous())
        .add("TAG_NAME", a -> a.type().equals("TAG") ? a.conversation().tags()[0] : null);
  }

  private static String detail(Action a) {
    return switch (a.type()) {
      case "CREATE" -> "Conversation created from " + a.conversation().network() + " post";
      case "ASSIGN" ->
          "Assigned to " + a.agent().name() + " (" + a.conversation().queue().name() + ")";
      case "RESPOND" -> "Replied, \"public\" response";
      case "TAG" -> "Tagged: " + String.join(", ", a.conversation().tags());
      default -> "Closed by " + a.agent().name();
    };
  }
}
