package io.khorosjdbc.driver.export;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hand-over from a thread that works ahead (parsing rows, taking bytes off the wire) to
 * the one thread that consumes: the producer waits for room, and stops waiting once the consumer
 * has closed, since nobody will take what it holds.
 *
 * @param <T> what is handed over
 */
final class Handoff<T> {
  private final BlockingQueue<T> ready;
  private volatile boolean closed;

  Handoff(int capacity) {
    this.ready = new ArrayBlockingQueue<>(capacity);
  }

  /** Waits for room; gives up when the consumer closed. */
  void hand(T item) {
    try {
      while (!closed && !ready.offer(item, 50, TimeUnit.MILLISECONDS)) {
        // the consumer is busy with earlier items
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The next item, waiting for it. */
  T take() throws InterruptedException {
    return ready.take();
  }

  boolean closed() {
    return closed;
  }

  /** The consumer stops: items waiting are dropped, the producer stops waiting. */
  void close() {
    closed = true;
    ready.clear();
  }
}
