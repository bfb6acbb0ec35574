package io.khorosjdbc.driver.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Streams a JSON export: a top-level array of flat objects, one per row, keyed by column name in
 * any spelling (API name, display name, camelCase; see {@link ColumnBinder}). Keys may come in any
 * order; a missing key is {@code null}. Strings, numbers and booleans are returned as their text.
 * Only one row is held in memory at a time.
 *
 * <p>Two different keys of one row that name the same requested column are an error naming both,
 * unless one is a spelling of the column and the other only a UI name of it (the spelling wins). On
 * a constructor failure the stream is closed.
 */
public final class JsonRowReader implements RowReader {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /**
   * Keys repeat on every row; remembering their binding saves a lookup per value, up to a bound.
   */
  private static final int MAX_CACHED_KEYS = 4096;

  /** Cached for a key that binds to no requested column. */
  private static final ColumnBinder.Binding NOT_REQUESTED = new ColumnBinder.Binding(-1, false);

  private final JsonParser parser;
  private final String sourceName;
  private final ColumnBinder binder;
  private final Map<String, ColumnBinder.Binding> bindingByKey = new HashMap<>();

  /**
   * Per position of a key in a row: the key seen there last, as the parser matches it, and its
   * binding. Rows repeat their keys in the same order: the parser compares the next name's bytes
   * with the expected key's instead of decoding and hashing it, and the key's binding is then found
   * by reference.
   */
  private SerializableString[] keyAt = new SerializableString[16];

  private ColumnBinder.Binding[] bindingAt = new ColumnBinder.Binding[16];
  private final String[] values;

  /**
   * The key that set each value in the current row ({@code null}: none yet), to find two keys for
   * one column.
   */
  private final String[] setBy;

  /** Whether that key was a UI name of the column rather than a spelling of it. */
  private final boolean[] setByUiName;

  /** The requested columns that repeat an earlier one's name: they copy its value. */
  private final int[] repeats;

  private long rowNumber;
  private boolean finished;

  /**
   * @param in the export file; closed by {@link #close()}
   * @param columns the columns to read
   * @param sourceName names the file in error messages, e.g. the report
   * @throws IOException if the input does not start with a JSON array
   */
  public JsonRowReader(InputStream in, List<String> columns, String sourceName) throws IOException {
    Objects.requireNonNull(in, "in");
    this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
    this.binder = new ColumnBinder(Objects.requireNonNull(columns, "columns"));
    this.values = new String[columns.size()];
    this.setBy = new String[columns.size()];
    this.setByUiName = new boolean[columns.size()];
    this.repeats =
        IntStream.range(0, columns.size()).filter(i -> binder.firstOfName(i) != i).toArray();
    try {
      this.parser = FACTORY.createParser(in);
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_ARRAY) {
        throw new IOException(
            sourceName + ": expected a JSON array of row objects but found " + describe(first));
      }
    } catch (JsonProcessingException e) {
      in.close();
      throw new IOException(
          sourceName
              + ": expected a JSON array of row objects but the body is not JSON: "
              + e.getOriginalMessage(),
          e);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  @Override
  public boolean next() throws IOException {
    if (finished) {
      return false;
    }
    try {
      return readRow();
    } catch (JsonProcessingException e) {
      throw new IOException(
          sourceName + ": invalid JSON near row " + rowNumber + ": " + e.getOriginalMessage(), e);
    }
  }

  private boolean readRow() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.END_ARRAY) {
      finished = true;
      return false;
    }
    rowNumber++;
    if (token != JsonToken.START_OBJECT) {
      throw new IOException(
          sourceName + ": row " + rowNumber + " should be a JSON object but is " + describe(token));
    }
    Arrays.fill(values, null);
    Arrays.fill(setBy, null);
    int position = 0;
    for (String key = nextKey(position); key != null; key = nextKey(position)) {
      String value = scalarValue(parser.nextToken(), key);
      ColumnBinder.Binding binding = bindingAt(position++, key);
      if (binding != NOT_REQUESTED && takes(binding, key)) {
        values[binding.column()] = value == null || value.isEmpty() ? null : value;
      }
    }
    for (int repeat : repeats) {
      values[repeat] = values[binder.firstOfName(repeat)];
    }
    return true;
  }

  /**
   * Whether {@code key}'s value goes to its column: no other key of this row gave it a value, or a
   * weaker one did.
   */
  private boolean takes(ColumnBinder.Binding binding, String key) throws IOException {
    int column = binding.column();
    String earlier = setBy[column];
    if (earlier == null || earlier.equals(key) || setByUiName[column] && !binding.viaUiName()) {
      setBy[column] = key;
      setByUiName[column] = binding.viaUiName();
      return true;
    }
    if (binding.viaUiName() && !setByUiName[column]) {
      return false; // a spelling of the column already gave it a value
    }
    throw new IOException(
        sourceName
            + ": row "
            + rowNumber
            + " has the keys '"
            + earlier
            + "' and '"
            + key
            + "', which both name column "
            + binder.columns().get(column)
            + ", so the driver cannot tell which to read");
  }

  private String scalarValue(JsonToken token, String key) throws IOException {
    return switch (token) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NULL -> null;
      default ->
          throw new IOException(
              sourceName
                  + ": row "
                  + rowNumber
                  + ", key '"
                  + key
                  + "' holds "
                  + describe(token)
                  + "; export rows must be flat (strings, numbers, booleans)");
    };
  }

  /** The row's next key, or null at the end of the row object. */
  private String nextKey(int position) throws IOException {
    if (position < keyAt.length && keyAt[position] != null) {
      if (parser.nextFieldName(keyAt[position])) {
        return keyAt[position].getValue();
      }
    } else {
      parser.nextToken();
    }
    return parser.currentToken() == JsonToken.FIELD_NAME ? parser.currentName() : null;
  }

  private ColumnBinder.Binding bindingAt(int position, String key) {
    if (position < keyAt.length && keyAt[position] != null && keyAt[position].getValue() == key) {
      return bindingAt[position];
    }
    ColumnBinder.Binding binding = bindingOf(key);
    if (position < MAX_CACHED_KEYS) {
      if (position >= keyAt.length) {
        keyAt = Arrays.copyOf(keyAt, Math.max(position + 1, keyAt.length * 2));
        bindingAt = Arrays.copyOf(bindingAt, keyAt.length);
      }
      keyAt[position] = new SerializedString(key);
      bindingAt[position] = binding;
    }
    return binding;
  }

  private ColumnBinder.Binding bindingOf(String key) {
    ColumnBinder.Binding cached = bindingByKey.get(key);
    if (cached != null) {
      return cached;
    }
    ColumnBinder.Binding binding = binder.bind(key);
    if (binding == null) {
      binding = NOT_REQUESTED;
    }
    if (bindingByKey.size() < MAX_CACHED_KEYS) {
      bindingByKey.put(key, binding);
    }
    return binding;
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "end of input";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.toString();
    };
  }

  @Override
  public String get(int i) {
    return values[i];
  }

  @Override
  public long rowNumber() {
    return rowNumber;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
