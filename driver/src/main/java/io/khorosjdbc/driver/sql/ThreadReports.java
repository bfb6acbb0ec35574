package io.khorosjdbc.driver.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What code deep inside Calcite reports to the statement executing on its thread, where the
 * statement is not at hand (a scan's warning, the scan a result is read from). Reports made while
 * nothing collects them are dropped.
 *
 * @param <E> one report
 */
final class ThreadReports<E> {
  private final ThreadLocal<List<E>> collecting = new ThreadLocal<>();

  /** Reports to the execution running on this thread, if one collects. */
  void report(E item) {
    List<E> items = collecting.get();
    if (items != null) {
      items.add(item);
    }
  }

  /** The result of an execution and what was reported while it ran. */
  record Collected<T, E>(T result, List<E> items) {}

  <T> Collected<T, E> collect(Callable<T> execution) throws Exception {
    List<E> outer = collecting.get();
    List<E> items = new ArrayList<>();
    collecting.set(items);
    try {
      return new Collected<>(execution.call(), items);
    } finally {
      collecting.set(outer);
    }
  }
}
