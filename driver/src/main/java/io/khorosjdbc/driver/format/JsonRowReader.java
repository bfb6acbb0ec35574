package io.khorosjdbc.driver.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Streams a JSON export: a top-level array of flat objects, one per row, keyed by column name
 * (API or display spelling, matched by {@link ColumnNames#normalize normalized} name). Keys may
 * come in any order; a missing key is {@code null}. Strings, numbers and booleans are returned as
 * their text. Only one row is held in memory at a time.
 *
 * <p>On a constructor failure the stream is closed.
 */
public final class JsonRowReader implements RowReader {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    /** Keys repeat on every row; remembering their position saves a normalize per value, up to a bound. */
    private static final int MAX_CACHED_KEYS = 4096;
    private static final int NOT_REQUESTED = -1;

    private final JsonParser parser;
    private final String sourceName;
    private final Map<String, Integer> positionByNormalizedName = new HashMap<>();
    private final Map<String, Integer> positionByKey = new HashMap<>();
    private final String[] values;
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
        this.values = new String[Objects.requireNonNull(columns, "columns").size()];
        for (int i = 0; i < values.length; i++) {
            positionByNormalizedName.put(ColumnNames.normalize(columns.get(i)), i);
        }
        try {
            this.parser = FACTORY.createParser(in);
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new IOException(sourceName + ": expected a JSON array of row objects but found "
                        + describe(first));
            }
        } catch (JsonProcessingException e) {
            in.close();
            throw new IOException(sourceName + ": expected a JSON array of row objects but the body is not JSON: "
                    + e.getOriginalMessage(), e);
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
            throw new IOException(sourceName + ": invalid JSON near row " + rowNumber + ": "
                    + e.getOriginalMessage(), e);
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
            throw new IOException(sourceName + ": row " + rowNumber + " should be a JSON object but is "
                    + describe(token));
        }
        Arrays.fill(values, null);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String value = scalarValue(parser.nextToken(), key);
            int position = positionOf(key);
            if (position != NOT_REQUESTED) {
                values[position] = value == null || value.isEmpty() ? null : value;
            }
        }
        return true;
    }

    private String scalarValue(JsonToken token, String key) throws IOException {
        return switch (token) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> null;
            default -> throw new IOException(sourceName + ": row " + rowNumber + ", key '" + key
                    + "' holds " + describe(token) + "; export rows must be flat (strings, numbers, booleans)");
        };
    }

    private int positionOf(String key) {
        Integer cached = positionByKey.get(key);
        if (cached != null) {
            return cached;
        }
        int position = positionByNormalizedName.getOrDefault(ColumnNames.normalize(key), NOT_REQUESTED);
        if (positionByKey.size() < MAX_CACHED_KEYS) {
            positionByKey.put(key, position);
        }
        return position;
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
