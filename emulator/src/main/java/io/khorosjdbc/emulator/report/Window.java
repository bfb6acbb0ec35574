package io.khorosjdbc.emulator.report;

/**
 * The requested time window. Half-open [start, end) by default; [start, end] when the emulator runs
 * with {@code --end-inclusive}.
 */
public record Window(long start, long end, boolean endInclusive) {
  public boolean contains(long t) {
    return t >= start && reached(t);
  }

  /** Whether {@code t} lies at or before the window's end, i.e. has happened "as of endTime". */
  public boolean reached(long t) {
    return endInclusive ? t <= end : t < end;
  }

  /** The last millisecond inside the window (start - 1 for an empty half-open window). */
  public long last() {
    return endInclusive ? end : end - 1;
  }

  /** The exclusive end. */
  public long endExclusive() {
    return last() + 1;
  }
}
