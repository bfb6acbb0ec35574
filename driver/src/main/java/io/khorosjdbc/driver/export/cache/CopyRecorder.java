package io.khorosjdbc.driver.export.cache;

import io.khorosjdbc.driver.format.ColumnBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the typed values of each row a query reads from an export, for a {@link TypedCopy}. It
 * estimates the heap the copy takes as it goes and, past its budget, drops what it kept and keeps
 * nothing more: a copy is a shortcut, never a reason to run out of memory.
 *
 * <p>Export text is mostly a few values repeated (a status, a network, an agent's name): each text
 * column keeps one string per distinct value, up to {@value #DISTINCT_PER_COLUMN} of them; the
 * values past those (ids, mostly) are packed as bytes ({@link CopyBatch}), and a column whose
 * values rarely repeat stops looking them up ({@link SharedText}). The copy is then a few arrays
 * per batch: kept as strings, a million rows' ids were millions of objects, and the garbage
 * collector's work to keep them made the read that records the copy twice as slow.
 */
public final class CopyRecorder {
  private static final int BATCH = 4096;
  private static final int DISTINCT_PER_COLUMN = 4096;

  /**
   * What a String takes beyond its characters: its header, its array's header, and the reference.
   * Characters are counted as one byte each (Latin-1, how the JVM keeps most export text).
   */
  private static final int STRING_BYTES = 56;

  private final CopyLayout layout;
  private final ColumnBatch.Kind[] kinds;
  private final long budget;
  private final long fixedRowBytes;
  private final List<CopyBatch> batches = new ArrayList<>();

  /** Per text column, its distinct values so far; null for other columns. */
  private final SharedText[] distinct;

  private CopyBatch current;
  private long rows;
  private long bytes;
  private boolean overBudget;

  CopyRecorder(CopyLayout layout, long budget) {
    this.layout = layout;
    this.kinds = layout.kindArray();
    this.budget = budget;
    long fixed = 0;
    for (ColumnBatch.Kind kind : kinds) {
      fixed +=
          switch (kind) {
            case LONG, DOUBLE -> 9; // the value and its null flag
            case STRING, OBJECT -> 4;
          };
    }
    this.fixedRowBytes = fixed;
    this.distinct = new SharedText[kinds.length];
    for (int field = 0; field < kinds.length; field++) {
      if (kinds[field] == ColumnBatch.Kind.STRING) {
        distinct[field] = new SharedText(DISTINCT_PER_COLUMN);
      }
    }
  }

  /**
   * Keeps row {@code row} of {@code from}: the copy's field {@code i} is {@code from}'s field
   * {@code fields[i]}.
   */
  public void record(ColumnBatch from, int row, int[] fields) {
    if (overBudget) {
      return;
    }
    if (current == null || current.full()) {
      if (current != null) {
        current.seal();
      }
      current = new CopyBatch(kinds, BATCH);
      batches.add(current);
    }
    long rowBytes = fixedRowBytes;
    for (int field = 0; field < kinds.length; field++) {
      if (distinct[field] != null && from.valueAt(fields[field], row) instanceof String text) {
        String shared = distinct[field].share(text);
        if (shared == null) {
          rowBytes += current.pack(field, text);
        } else {
          current.share(field, shared);
          rowBytes += shared == text ? STRING_BYTES + text.length() : 0;
        }
      } else {
        current.copy(field, from, fields[field], row);
      }
    }
    current.endRow();
    rows++;
    bytes += rowBytes;
    if (bytes > budget) {
      overBudget = true;
      batches.clear();
      Arrays.fill(distinct, null);
      current = null;
    }
  }

  /** Keeps every row of {@code from}, as {@link #record} does. */
  public void recordAll(ColumnBatch from, int[] fields) {
    for (int row = 0; row < from.count() && !overBudget; row++) {
      record(from, row, fields);
    }
  }

  /** The copy of every row recorded, unless it outgrew the budget. */
  Optional<TypedCopy> copy() {
    if (current != null) {
      current.seal();
    }
    return overBudget ? Optional.empty() : Optional.of(new TypedCopy(layout, batches, rows, bytes));
  }
}
