package io.khorosjdbc.driver.export.cache;

import io.khorosjdbc.driver.format.ColumnBatch;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows of a typed copy ({@link TypedCopy}), kept as a {@link ColumnBatch} keeps them, except text
 * values that repeat too little to share one string: those are packed as UTF-8 bytes, so that a
 * million ids are a few arrays rather than two million objects for the garbage collector to move,
 * and become strings again when read ({@link #copyInto}).
 */
public final class CopyBatch {
  private final ColumnBatch values;

  /** Per text field with packed values: their bytes, else null. */
  private final byte[][] packed;

  /** Per text field with packed values, per row: where its packed value starts. */
  private final int[][] offsets;

  /** Per text field with packed values, per row: its length, or -1 when it is not packed. */
  private final int[][] lengths;

  /** Per text field: the bytes of {@link #packed} in use. */
  private final int[] used;

  CopyBatch(ColumnBatch.Kind[] kinds, int capacity) {
    this.values = new ColumnBatch(kinds, kinds.length, capacity);
    this.packed = new byte[kinds.length][];
    this.offsets = new int[kinds.length][];
    this.lengths = new int[kinds.length][];
    this.used = new int[kinds.length];
  }

  public int count() {
    return values.count();
  }

  boolean full() {
    return values.full();
  }

  /** Sets a field of the row being recorded to another batch's value. */
  void copy(int field, ColumnBatch from, int fromField, int fromRow) {
    values.copy(field, from, fromField, fromRow);
  }

  /** Sets a text field of the row being recorded to a string that other rows share. */
  void share(int field, String text) {
    values.set(field, text);
  }

  /**
   * Sets a text field of the row being recorded to packed text; returns the bytes it took (the
   * first in a field also makes the field's offsets and lengths).
   */
  int pack(int field, String text) {
    int made = 0;
    if (packed[field] == null) {
      int capacity = values.capacity();
      packed[field] = new byte[0];
      offsets[field] = new int[capacity];
      lengths[field] = new int[capacity];
      Arrays.fill(lengths[field], -1);
      made = 8 * capacity;
    }
    byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
    int start = used[field];
    int end = start + encoded.length;
    if (packed[field].length < end) {
      packed[field] = Arrays.copyOf(packed[field], Math.max(2 * packed[field].length, 4096 + end));
    }
    System.arraycopy(encoded, 0, packed[field], start, encoded.length);
    values.setNull(field);
    offsets[field][count()] = start;
    lengths[field][count()] = end - start;
    used[field] = end;
    return made + end - start;
  }

  /** The row being recorded is complete. */
  void endRow() {
    values.endRow();
  }

  /** Gives back the room packed text did not use: the batch is complete. */
  void seal() {
    for (int field = 0; field < packed.length; field++) {
      if (packed[field] != null) {
        packed[field] = Arrays.copyOf(packed[field], used[field]);
      }
    }
  }

  /** Sets field {@code toField} of the row {@code to} is filling to this batch's value. */
  public void copyInto(ColumnBatch to, int toField, int field, int row) {
    if (lengths[field] != null && lengths[field][row] >= 0) {
      to.set(
          toField,
          new String(
              packed[field], offsets[field][row], lengths[field][row], StandardCharsets.UTF_8));
    } else {
      to.copy(toField, values, field, row);
    }
  }
}
