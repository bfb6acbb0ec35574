package io.khorosjdbc.driver.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.khorosjdbc.driver.format.ColumnType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the driver knows about columns before asking the server: types and descriptions of the
 * column names the public docs mention (and a few the driver's authors chose to describe), from the
 * resource {@code known-columns.json}. Columns it does not know are typed by {@link ColumnTyping}.
 */
public final class KnownColumns {
  private static final String RESOURCE = "known-columns.json";

  private final Map<String, List<ColumnInfo>> byTable;

  KnownColumns(Map<String, List<ColumnInfo>> byTable) {
    this.byTable = Map.copyOf(byTable);
  }

  /** The columns of the resource, read once: the result is immutable, so connections share it. */
  public static KnownColumns builtIn() {
    return BuiltIn.INSTANCE;
  }

  private static final class BuiltIn {
    static final KnownColumns INSTANCE = load();
  }

  private static KnownColumns load() {
    try (InputStream in = KnownColumns.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new KnownColumns(parse(new ObjectMapper().readTree(in)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@code {"table": [{"name", "type"?, "description"?, "jsonOnly"?}, ...], ...}}. */
  static Map<String, List<ColumnInfo>> parse(JsonNode root) {
    Map<String, List<ColumnInfo>> tables = new HashMap<>();
    for (Map.Entry<String, JsonNode> table : root.properties()) {
      List<ColumnInfo> columns = new ArrayList<>();
      for (JsonNode column : table.getValue()) {
        String name = column.path("name").asText();
        if (name.isEmpty()) {
          throw new IllegalArgumentException(
              "a column of table '" + table.getKey() + "' has no \"name\"");
        }
        columns.add(
            new ColumnInfo(
                name,
                typeOf(column, name),
                column.path("description").asText(""),
                column.path("jsonOnly").asBoolean(false)));
      }
      tables.put(table.getKey().toLowerCase(Locale.ROOT), List.copyOf(columns));
    }
    return tables;
  }

  private static ColumnType typeOf(JsonNode column, String name) {
    String type = column.path("type").asText("");
    if (type.isEmpty()) {
      return ColumnTyping.fromName(name);
    }
    try {
      return ColumnType.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "column '"
              + name
              + "' has unknown type '"
              + type
              + "'; use one of VARCHAR, BIGINT, DOUBLE, BOOLEAN, TIMESTAMP",
          e);
    }
  }

  public List<ColumnInfo> columns(String table) {
    return byTable.getOrDefault(table.toLowerCase(Locale.ROOT), List.of());
  }

  public Optional<ColumnInfo> column(String table, String name) {
    return columns(table).stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The catalog's entry for a discovered column name, or one typed by its name. */
  public ColumnInfo describe(String table, String name) {
    return column(table, name)
        .map(known -> new ColumnInfo(name, known.type(), known.description(), known.jsonOnly()))
        .orElseGet(() -> new ColumnInfo(name, ColumnTyping.fromName(name), "", false));
  }
}
