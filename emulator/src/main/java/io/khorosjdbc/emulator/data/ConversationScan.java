package io.khorosjdbc.emulator.data;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Streams events of conversations in event-time order. Conversations are visited by creation hour,
 * starting 14 days before the window; their selected events wait in a heap until no conversation
 * created later can produce an earlier event (events never precede their conversation's creation).
 * Memory is bounded by the events pending at any time, not by the window.
 */
public final class ConversationScan<E extends Event> implements Iterator<E> {
  static final Comparator<Event> ORDER =
      Comparator.comparingLong(Event::time).thenComparingLong(Event::key);

  private final ConversationFactory factory;
  private final long from;
  private final long lastHour;
  private final Predicate<Conversation> conversations;
  private final Function<Conversation, List<E>> events;
  private final Predicate<E> select;
  private final PriorityQueue<E> pending = new PriorityQueue<>(ORDER);
  private final Queue<E> ready = new ArrayDeque<>();
  private long nextHour;

  /**
   * @param from earliest event time of interest
   * @param to latest event time of interest
   * @param conversations which conversations contribute at all (filters)
   * @param events the conversation's events of the wanted kind
   * @param select which of those events are rows (window, business hours)
   */
  public ConversationScan(
      ConversationFactory factory,
      long from,
      long to,
      Predicate<Conversation> conversations,
      Function<Conversation, List<E>> events,
      Predicate<E> select) {
    this.factory = factory;
    this.from = from;
    this.lastHour = Math.floorDiv(to, ConversationFactory.HOUR);
    this.conversations = conversations;
    this.events = events;
    this.select = select;
    this.nextHour = ConversationFactory.firstHour(from);
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && (nextHour <= lastHour || !pending.isEmpty())) {
      if (nextHour <= lastHour) {
        scan(nextHour++);
      }
      long settled = nextHour <= lastHour ? nextHour * ConversationFactory.HOUR : Long.MAX_VALUE;
      while (!pending.isEmpty() && pending.peek().time() < settled) {
        ready.add(pending.poll());
      }
    }
    return !ready.isEmpty();
  }

  private void scan(long hour) {
    for (Conversation c : factory.createdInHour(hour, from)) {
      if (conversations.test(c)) {
        for (E e : events.apply(c)) {
          if (select.test(e)) {
            pending.add(e);
          }
        }
      }
    }
  }

  @Override
  public E next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }
}
