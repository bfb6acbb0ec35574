package io.khorosjdbc.emulator.data;

/**
 * An inbound post or an outbound agent response of a conversation. The same message id appears as
 * POST_ID (incoming_post), RESPONSE_ID (response) and MESSAGE_ID (combined).
 *
 * @param index position among the conversation's messages
 * @param previousInbound time of the latest inbound message before this one
 * @param firstResponse whether this is the conversation's first outbound message
 * @param approvalRequested for responses that went through approval: when it was requested, else -1
 */
public record Message(
    Conversation conversation,
    int index,
    long time,
    boolean inbound,
    long previousInbound,
    boolean firstResponse,
    long approvalRequested)
    implements Event {
  @Override
  public long key() {
    return conversation.seq() * 100 + index;
  }

  public String id() {
    return Long.toString(key());
  }

  public boolean needsApproval() {
    return approvalRequested >= 0;
  }
}
