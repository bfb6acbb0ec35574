package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.data.ConversationScan;
import io.khorosjdbc.emulator.data.HelpRequest;
import io.khorosjdbc.emulator.report.ReportRequest;
import io.khorosjdbc.emulator.report.Window;
import io.khorosjdbc.emulator.world.Texts;
import java.util.Iterator;
import java.util.List;

/**
 * The raw_expert_help export: agents asking experts for help; resolution is reported as of endTime.
 */
final class ExpertHelpExport implements ExportSource<HelpRequest> {
  private final SyntheticData data;

  ExpertHelpExport(SyntheticData data) {
    this.data = data;
  }

  @Override
  public Iterator<HelpRequest> rows(ReportRequest req) {
    return new ConversationScan<>(
        data.conversations(),
        req.window().start(),
        req.window().last(),
        req.filters()::conversation,
        c -> c.helpRequest() == null ? List.of() : List.of(c.helpRequest()),
        h -> req.window().contains(h.time()) && req.filters().time(h.time()));
  }

  @Override
  public Fields<HelpRequest> fields(ReportRequest req) {
    Window w = req.window();
    Fields<HelpRequest> f = new Fields<>();
    CommonFields.conversation(f, HelpRequest::conversation);
    CommonFields.agent(
        f, "REQUESTING_AGENT_ID", "REQUESTING_AGENT_NAME", h -> h.conversation().agent());
    CommonFields.agent(f, "EXPERT_AGENT_ID", "EXPERT_AGENT_NAME", HelpRequest::expert);
    return f.add("HELP_REQUEST_ID", h -> Long.toString(h.key()))
        .add("HELP_REQUEST_TIME", h -> SyntheticData.time(h.time()))
        .add("STATUS", h -> w.reached(h.resolved()) ? "RESOLVED" : "OPEN")
        .add(
            "RESOLVED_TIME", h -> w.reached(h.resolved()) ? SyntheticData.time(h.resolved()) : null)
        .add("RESOLUTION_MILLIS", h -> w.reached(h.resolved()) ? h.resolved() - h.time() : null)
        .add("REQUEST_NOTE", h -> data.text("REQUEST_NOTE", h.key(), Texts::note))
        .add("IS_ANSWERED", h -> w.reached(h.resolved()));
  }
}
