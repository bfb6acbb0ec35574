package io.khorosjdbc.driver.format;

/**
 * Rows laid out column by column: BIGINT and TIMESTAMP values in {@code long} arrays, DOUBLE values
 * in {@code double} arrays, text and anything else as objects. A file's reading thread fills one
 * while the query's thread reads the one before: numbers then cross between the cores as a few
 * arrays instead of one object per value, and become objects ({@code Long}, a {@code Timestamp})
 * only on the thread that asks for them, if it asks at all.
 *
 * <p>A batch is filled row by row ({@link #set}..., then {@link #endRow()}), each field of a row
 * set once, by one thread and read only after it was handed over; it is not thread-safe. A new
 * batch's null flags are all false, so only a null value writes one.
 */
public final class ColumnBatch {
  /** How one field's values are kept. */
  public enum Kind {
    /** BIGINT, and TIMESTAMP as epoch milliseconds of the wall clock. */
    LONG,
    DOUBLE,
    /** VARCHAR read from the export: every value is a String or null. */
    STRING,
    /** Any other value, e.g. a BOOLEAN or a pseudo-column's. */
    OBJECT;

    /** How values of a data column of this type are kept. */
    public static Kind of(ColumnType type) {
      return switch (type) {
        case BIGINT, TIMESTAMP -> LONG;
        case DOUBLE -> DOUBLE;
        case VARCHAR -> STRING;
        case BOOLEAN -> OBJECT;
      };
    }
  }

  private final Kind[] kinds;
  private final long[][] longs;
  private final double[][] doubles;
  private final Object[][] objects;

  /** Per LONG or DOUBLE field: which rows are null. */
  private final boolean[][] nulls;

  private final int outputs;
  private final int capacity;
  private int count;

  /**
   * @param kinds per field, how its values are kept
   * @param outputs how many fields, from the first, a row hands on ({@link #row}); the others are
   *     for the filling thread's own use
   */
  public ColumnBatch(Kind[] kinds, int outputs, int capacity) {
    this.kinds = kinds.clone();
    this.outputs = outputs;
    this.capacity = capacity;
    this.longs = new long[kinds.length][];
    this.doubles = new double[kinds.length][];
    this.objects = new Object[kinds.length][];
    this.nulls = new boolean[kinds.length][];
    for (int field = 0; field < kinds.length; field++) {
      switch (kinds[field]) {
        case LONG -> longs[field] = new long[capacity];
        case DOUBLE -> doubles[field] = new double[capacity];
        case STRING, OBJECT -> objects[field] = new Object[capacity];
      }
      if (objects[field] == null) {
        nulls[field] = new boolean[capacity];
      }
    }
  }

  /** Complete rows, numbered from 0. */
  public int count() {
    return count;
  }

  /** How many rows it holds at most. */
  public int capacity() {
    return capacity;
  }

  public boolean full() {
    return count == capacity;
  }

  /** The row being filled is complete. */
  public void endRow() {
    count++;
  }

  /** Sets a field of the row being filled; its kind must be LONG. */
  public void setLong(int field, long value) {
    longs[field][count] = value;
  }

  /** Sets a field of the row being filled; its kind must be DOUBLE. */
  public void setDouble(int field, double value) {
    doubles[field][count] = value;
  }

  /** Sets a field of the row being filled to null, whatever its kind. */
  public void setNull(int field) {
    if (nulls[field] != null) {
      nulls[field][count] = true;
    } else {
      objects[field][count] = null;
    }
  }

  /**
   * Sets a field of the row being filled to a value in Calcite's representation of its type ({@code
   * Long} for LONG, {@code Double} for DOUBLE).
   */
  public void set(int field, Object value) {
    if (value == null) {
      setNull(field);
      return;
    }
    switch (kinds[field]) {
      case LONG -> setLong(field, (Long) value);
      case DOUBLE -> setDouble(field, (Double) value);
      case STRING, OBJECT -> objects[field][count] = value;
    }
  }

  /**
   * Sets a field of the row being filled to the value of {@code fromField} in row {@code fromRow}
   * of {@code from}; both fields must be of the same kind.
   */
  public void copy(int field, ColumnBatch from, int fromField, int fromRow) {
    switch (kinds[field]) {
      case LONG -> {
        longs[field][count] = from.longs[fromField][fromRow];
        nulls[field][count] = from.nulls[fromField][fromRow];
      }
      case DOUBLE -> {
        doubles[field][count] = from.doubles[fromField][fromRow];
        nulls[field][count] = from.nulls[fromField][fromRow];
      }
      case STRING, OBJECT -> objects[field][count] = from.objects[fromField][fromRow];
    }
  }

  public boolean isNull(int field, int row) {
    return nulls[field] != null ? nulls[field][row] : objects[field][row] == null;
  }

  /** A LONG field's value, or a number kept as an object; not for a null value. */
  public long longAt(int field, int row) {
    return longs[field] != null ? longs[field][row] : ((Number) objects[field][row]).longValue();
  }

  /**
   * A field's value in Calcite's representation ({@code Long}, {@code Double}, ...), or null; the
   * row may be the one being filled.
   */
  public Object valueAt(int field, int row) {
    return switch (kinds[field]) {
      case LONG -> nulls[field][row] ? null : Long.valueOf(longs[field][row]);
      case DOUBLE -> nulls[field][row] ? null : Double.valueOf(doubles[field][row]);
      case STRING, OBJECT -> objects[field][row];
    };
  }

  /**
   * A row as Calcite's enumerables hand it on (the fields handed on): the value itself for one
   * field, else an array.
   */
  public Object row(int row) {
    if (outputs == 1) {
      return valueAt(0, row);
    }
    Object[] values = new Object[outputs];
    for (int field = 0; field < outputs; field++) {
      values[field] = valueAt(field, row);
    }
    return values;
  }
}
