package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.data.Conversation;
import io.khorosjdbc.emulator.data.ConversationScan;
import io.khorosjdbc.emulator.data.Event;
import io.khorosjdbc.emulator.data.Message;
import io.khorosjdbc.emulator.report.ReportRequest;
import io.khorosjdbc.emulator.report.Window;
import io.khorosjdbc.emulator.world.Texts;
import java.util.Iterator;
import java.util.List;

/**
 * The conversation export. {@code conversationReportType} selects: OPEN_AT_END (default) = created
 * by endTime and not closed by then; CLOSED = closed in the window (ordered by close time); CREATED
 * = created in the window. Status, close time and counts describe the conversation as of endTime.
 */
final class ConversationExport implements ExportSource<ConversationExport.Snapshot> {
  private final SyntheticData data;

  ConversationExport(SyntheticData data) {
    this.data = data;
  }

  /** A conversation seen at the window's end. */
  static final class Snapshot implements Event {
    final Conversation c;
    final long time;
    final List<Message> seen;

    Snapshot(Conversation c, long time, Window w) {
      this.c = c;
      this.time = time;
      this.seen = c.messages().stream().filter(m -> w.reached(m.time())).toList();
    }

    @Override
    public long time() {
      return time;
    }

    @Override
    public long key() {
      return c.seq();
    }

    Message firstResponse() {
      return seen.stream().filter(Message::firstResponse).findFirst().orElse(null);
    }
  }

  @Override
  public Iterator<Snapshot> rows(ReportRequest req) {
    Window w = req.window();
    String type = req.conversationReportType();
    boolean byClose = type.equals("CLOSED");
    long from = type.equals("OPEN_AT_END") ? w.last() : w.start();
    return new ConversationScan<>(
        data.conversations(),
        from,
        w.last(),
        req.filters()::conversation,
        c -> {
          long t = byClose ? c.closed() : c.created();
          boolean selected =
              type.equals("OPEN_AT_END")
                  ? w.reached(c.created()) && !w.reached(c.closed())
                  : w.contains(t);
          return selected && req.filters().time(t) ? List.of(new Snapshot(c, t, w)) : List.of();
        },
        s -> true);
  }

  @Override
  public Fields<Snapshot> fields(ReportRequest req) {
    Window w = req.window();
    Fields<Snapshot> f = new Fields<>();
    CommonFields.conversation(f, s -> s.c);
    return f.add(
            "STATUS",
            s ->
                w.reached(s.c.closed())
                    ? "CLOSED"
                    : s.seen.get(s.seen.size() - 1).inbound() ? "OPEN" : "PENDING")
        .add("CREATED_TIME", s -> SyntheticData.time(s.c.created()))
        .add("CLOSED_TIME", s -> w.reached(s.c.closed()) ? SyntheticData.time(s.c.closed()) : null)
        .add(
            "FIRST_RESPONSE_TIME",
            s -> s.firstResponse() == null ? null : SyntheticData.time(s.firstResponse().time()))
        .add("ASSIGNED_AGENT_ID", s -> s.c.agent().id())
        .add("ASSIGNED_AGENT_DISPLAY_ID", s -> s.c.agent().displayId())
        .add("ASSIGNED_AGENT_NAME", s -> s.c.agent().name())
        .add("INCOMING_POST_COUNT", s -> s.seen.stream().filter(Message::inbound).count())
        .add("RESPONSE_COUNT", s -> s.seen.stream().filter(m -> !m.inbound()).count())
        .add(
            "HANDLE_TIME_MILLIS",
            s -> w.reached(s.c.closed()) ? s.c.closed() - s.c.created() : null)
        .add(
            "FIRST_RESPONSE_WAIT_MILLIS",
            s -> s.firstResponse() == null ? null : s.firstResponse().time() - s.c.created())
        .add("TAGS", s -> s.c.tags().length == 0 ? null : String.join(",", s.c.tags()))
        .add("SUBJECT", s -> data.text("SUBJECT", s.key(), Texts::inbound))
        .add("CSAT_SCORE", s -> w.reached(s.c.closed()) ? s.c.csat() : null);
  }
}
