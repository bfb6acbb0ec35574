package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.data.ConversationScan;
import io.khorosjdbc.emulator.data.HistoryEntry;
import io.khorosjdbc.emulator.report.ReportRequest;
import io.khorosjdbc.emulator.world.Texts;
import java.util.Iterator;

/**
 * The conversation_history_action export: every recorded change of each conversation, capped per
 * conversation at 500 entries (2,000 with {@code raiselimit=true}); the cap keeps the earliest
 * entries.
 */
final class HistoryExport implements ExportSource<HistoryEntry> {
  private final SyntheticData data;

  HistoryExport(SyntheticData data) {
    this.data = data;
  }

  @Override
  public Iterator<HistoryEntry> rows(ReportRequest req) {
    return new ConversationScan<>(
        data.conversations(),
        req.window().start(),
        req.window().last(),
        req.filters()::conversation,
        c -> c.history(req.historyLimit()),
        h -> req.window().contains(h.time()) && req.filters().time(h.time()));
  }

  @Override
  public Fields<HistoryEntry> fields(ReportRequest req) {
    Fields<HistoryEntry> f = new Fields<>();
    CommonFields.conversation(f, HistoryEntry::conversation);
    return f.add("HISTORY_ACTION_ID", h -> Long.toString(h.key()))
        .add("ACTION_TIME", h -> SyntheticData.time(h.time()))
        .add("ACTION_TYPE", HistoryEntry::type)
        .add("ACTION_INDEX", h -> Integer.toString(h.number()))
        .add("ACTOR_ID", h -> h.actor() == null ? "system" : h.actor().id())
        .add("ACTOR_NAME", h -> h.actor() == null ? "System" : h.actor().name())
        .add("OLD_VALUE", h -> h.oldValue().isEmpty() ? null : h.oldValue())
        .add("NEW_VALUE", h -> h.newValue().isEmpty() ? null : h.newValue())
        .add(
            "NOTE_TEXT",
            h ->
                h.type().equals("NOTE_ADDED") ? data.text("NOTE_TEXT", h.key(), Texts::note) : null)
        .add("IS_INTERNAL", h -> h.type().equals("NOTE_ADDED") || h.type().equals("VIEWED"));
  }
}
