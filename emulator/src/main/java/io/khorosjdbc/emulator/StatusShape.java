package io.khorosjdbc.emulator;

/**
 * The form of {@code result} in status responses. The docs show both: an object in the completed
 * example (and in the one known client), a one-element array in the running and failed examples.
 * {@link #DOCUMENTED} reproduces exactly that mix, so a client must cope with both in one job's
 * life; {@link #OBJECT} and {@link #ARRAY} keep one form throughout.
 */
public enum StatusShape {
  /** Always an object. */
  OBJECT,
  /** Always a one-element array. */
  ARRAY,
  /**
   * As in the documentation's examples: an object when COMPLETED, a one-element array while RUNNING
   * and when FAILED.
   */
  DOCUMENTED;

  /**
   * Whether a status response for a job that is (or is not) COMPLETED wraps its result in an array.
   */
  public boolean isArray(boolean completed) {
    return this == ARRAY || this == DOCUMENTED && !completed;
  }
}
