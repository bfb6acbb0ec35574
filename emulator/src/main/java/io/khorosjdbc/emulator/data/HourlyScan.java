package io.khorosjdbc.emulator.data;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Streams events that are generated independently per UTC hour (already in time order within the
 * hour).
 */
public final class HourlyScan<E extends Event> implements Iterator<E> {
  private final LongFunction<List<E>> hourEvents;
  private final Predicate<E> select;
  private final long lastHour;
  private final Queue<E> ready = new ArrayDeque<>();
  private long nextHour;

  public HourlyScan(long from, long to, LongFunction<List<E>> hourEvents, Predicate<E> select) {
    this.hourEvents = hourEvents;
    this.select = select;
    this.nextHour = Math.floorDiv(from, ConversationFactory.HOUR);
    this.lastHour = Math.floorDiv(to, ConversationFactory.HOUR);
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && nextHour <= lastHour) {
      for (E e : hourEvents.apply(nextHour++)) {
        if (select.test(e)) {
          ready.add(e);
        }
      }
    }
    return !ready.isEmpty();
  }

  @Override
  public E next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }
}
