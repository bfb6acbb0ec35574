package io.khorosjdbc.emulator.data;

/**
 * Anything an export emits as a row: it has a time that orders the rows and a key that breaks ties.
 */
public interface Event {
  /** Event time in epoch milliseconds (whole seconds); rows are emitted in this order. */
  long time();

  /**
   * A key unique within the export, stable across runs; breaks ties between equal times and seeds
   * per-row values.
   */
  long key();
}
