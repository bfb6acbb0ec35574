package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.data.Conversation;
import io.khorosjdbc.emulator.data.ConversationScan;
import io.khorosjdbc.emulator.data.Event;
import io.khorosjdbc.emulator.report.ReportRequest;
import io.khorosjdbc.emulator.world.Author;
import java.util.Iterator;
import java.util.List;

/**
 * The author export: one row per conversation an author opened in the window, at the opening post's
 * time.
 */
final class AuthorExport implements ExportSource<AuthorExport.Activity> {
  private final SyntheticData data;

  AuthorExport(SyntheticData data) {
    this.data = data;
  }

  /** An author opening a conversation. */
  record Activity(Conversation c, Author author) implements Event {
    @Override
    public long time() {
      return c.created();
    }

    @Override
    public long key() {
      return c.seq();
    }
  }

  @Override
  public Iterator<Activity> rows(ReportRequest req) {
    return new ConversationScan<>(
        data.conversations(),
        req.window().start(),
        req.window().last(),
        req.filters()::conversation,
        c ->
            req.window().contains(c.created()) && req.filters().time(c.created())
                ? List.of(new Activity(c, c.author()))
                : List.of(),
        a -> true);
  }

  @Override
  public Fields<Activity> fields(ReportRequest req) {
    Fields<Activity> f = new Fields<>();
    CommonFields.conversation(f, Activity::c);
    return f.add("AUTHOR_NAME", a -> a.author().name())
        .add("ACTIVITY_TIME", a -> SyntheticData.time(a.time()))
        .add("FOLLOWER_COUNT", a -> a.author().followers())
        .add("IS_VERIFIED", a -> a.author().verified())
        .add(
            "FIRST_SEEN_TIME",
            a -> SyntheticData.time(Math.min(a.author().firstSeenMillis(), a.time())))
        .add("LOCATION", a -> a.author().location().isEmpty() ? null : a.author().location())
        .add("LANGUAGE", a -> a.author().language())
        .add("AUTHOR_BIO", a -> a.author().bio())
        .add("INFLUENCE_SCORE", a -> a.author().influence());
  }
}
