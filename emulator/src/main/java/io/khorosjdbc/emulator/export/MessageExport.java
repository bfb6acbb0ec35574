package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.data.ConversationScan;
import io.khorosjdbc.emulator.data.Message;
import io.khorosjdbc.emulator.report.ReportRequest;
import io.khorosjdbc.emulator.world.Agent;
import io.khorosjdbc.emulator.world.Texts;
import java.util.Iterator;
import java.util.function.Predicate;

/**
 * The message-based exports, which differ only in which messages they select: incoming_post
 * (inbound), response (outbound), combined (both) and response_approval (outbound responses that
 * went through approval; the approval decision is the response's publication time). One message
 * keeps its id and text in all of them.
 */
final class MessageExport implements ExportSource<Message> {
  private final SyntheticData data;
  private final Predicate<Message> kind;

  private MessageExport(SyntheticData data, Predicate<Message> kind) {
    this.data = data;
    this.kind = kind;
  }

  static MessageExport incoming(SyntheticData data) {
    return new MessageExport(data, Message::inbound);
  }

  static MessageExport responses(SyntheticData data) {
    return new MessageExport(data, m -> !m.inbound());
  }

  static MessageExport combined(SyntheticData data) {
    return new MessageExport(data, m -> true);
  }

  static MessageExport approvals(SyntheticData data) {
    return new MessageExport(data, Message::needsApproval);
  }

  @Override
  public Iterator<Message> rows(ReportRequest req) {
    return new ConversationScan<>(
        data.conversations(),
        req.window().start(),
        req.window().last(),
        req.filters()::conversation,
        c -> c.messages(),
        m -> kind.test(m) && req.window().contains(m.time()) && req.filters().time(m.time()));
  }

  @Override
  public Fields<Message> fields(ReportRequest req) {
    Fields<Message> f = new Fields<>();
    CommonFields.conversation(f, Message::conversation);
    CommonFields.agent(
        f, "AGENT_ID", "AGENT_NAME", m -> m.inbound() ? null : m.conversation().agent());
    return f.add("MESSAGE_ID", Message::id)
        .add("POST_ID", Message::id)
        .add("RESPONSE_ID", Message::id)
        .add("DIRECTION", m -> m.inbound() ? "INBOUND" : "OUTBOUND")
        .add("MESSAGE_TIME", m -> SyntheticData.time(m.time()))
        .add("POST_TIME", m -> SyntheticData.time(m.time()))
        .add("RESPONSE_TIME", m -> SyntheticData.time(m.time()))
        .add("MESSAGE_TEXT", this::text)
        .add("POST_TEXT", this::text)
        .add("RESPONSE_TEXT", this::text)
        .add("IS_PRIVATE", m -> data.rng("IS_PRIVATE", m.key()).chance(0.3))
        .add("IS_FIRST_POST", m -> m.index() == 0)
        .add("IS_FIRST_RESPONSE", Message::firstResponse)
        .add("IS_APPROVAL_REQUIRED", Message::needsApproval)
        .add("LANGUAGE", m -> m.conversation().author().language())
        .add(
            "SENTIMENT_SCORE",
            m ->
                Math.round((data.rng("SENTIMENT_SCORE", m.key()).nextDouble() * 2 - 1) * 1000)
                    / 1000.0)
        .add("ATTACHMENT_COUNT", m -> (long) data.rng("ATTACHMENT_COUNT", m.key()).nextInt(3))
        .add(
            "POST_URL",
            m -> "https://social.example.com/" + m.conversation().network() + "/status/" + m.id())
        .add("RESPONSE_WAIT_MILLIS", m -> m.inbound() ? null : m.time() - m.previousInbound())
        .add("WORD_COUNT", m -> (long) text(m).split("\\s+").length)
        .add("CHARACTER_COUNT", m -> (long) text(m).codePointCount(0, text(m).length()))
        // response_approval
        .add("APPROVAL_ID", m -> m.needsApproval() ? Long.toString(m.key() * 10 + 7) : null)
        .add("REQUESTED_TIME", m -> SyntheticData.time(m.approvalRequested()))
        .add("APPROVAL_TIME", m -> m.needsApproval() ? SyntheticData.time(m.time()) : null)
        .add(
            "APPROVAL_STATUS",
            m -> m.needsApproval() ? (edited(m) ? "EDITED_AND_APPROVED" : "APPROVED") : null)
        .add("APPROVER_ID", m -> m.needsApproval() ? approver(m).id() : null)
        .add("APPROVER_NAME", m -> m.needsApproval() ? approver(m).name() : null)
        .add(
            "APPROVAL_WAIT_MILLIS",
            m -> m.needsApproval() ? m.time() - m.approvalRequested() : null)
        .add(
            "REVIEWER_COMMENT",
            m -> m.needsApproval() ? data.text("REVIEWER_COMMENT", m.key(), Texts::note) : null)
        .add("IS_EDITED", m -> m.needsApproval() ? edited(m) : null);
  }

  private String text(Message m) {
    return m.inbound()
        ? data.text("message-text", m.key(), Texts::inbound)
        : data.text(
            "message-text",
            m.key(),
            r -> Texts.reply(r, m.conversation().author().name().split(" ")[0]));
  }

  private boolean edited(Message m) {
    return data.rng("IS_EDITED", m.key()).chance(0.25);
  }

  /** The team lead of the writer's team approves (the first agent of each team is its lead). */
  private Agent approver(Message m) {
    return data.world().agents().get(m.conversation().agent().team().index());
  }
}
