package io.khorosjdbc.emulator.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The column catalog: which exports exist and which columns each returns. Loaded from the bundled
 * {@code catalog.json} resource or from a user's replacement file.
 */
public final class Catalog {
  /** Classpath location of the bundled catalog. */
  public static final String RESOURCE = "/io/khorosjdbc/emulator/catalog.json";

  private final Map<String, ExportDef> byPath;
  private final List<ExportDef> ordered;

  private Catalog(List<ExportDef> exports) {
    Map<String, ExportDef> m = new LinkedHashMap<>();
    for (ExportDef e : exports) {
      if (m.put(e.path(), e) != null) {
        throw new IllegalArgumentException("catalog declares export path '" + e.path() + "' twice");
      }
    }
    this.byPath = Map.copyOf(m);
    this.ordered = List.copyOf(exports);
  }

  /** The catalog bundled with the emulator. */
  public static Catalog bundled() {
    try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A catalog of these exports, in this order (e.g. one derived from a replayed capture). */
  public static Catalog of(List<ExportDef> exports) {
    return new Catalog(exports);
  }

  /** A catalog read from a file in the same format as the bundled one. */
  public static Catalog load(Path file) {
    try {
      return parse(new ObjectMapper().readTree(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read catalog " + file, e);
    }
  }

  private static Catalog parse(JsonNode root) {
    List<ExportDef> exports = new ArrayList<>();
    for (JsonNode e : required(root, "exports")) {
      String id = required(e, "id").asText();
      List<ColumnDef> columns = new ArrayList<>();
      for (JsonNode c : required(e, "columns")) {
        String name = required(c, "name").asText();
        columns.add(
            new ColumnDef(
                name,
                c.path("displayName").asText(ColumnDef.displayNameOf(name)),
                ColumnType.parse(c.path("type").asText("string")),
                c.path("default").asBoolean(true),
                c.path("jsonOnly").asBoolean(false),
                c.path("anchor").asBoolean(false),
                c.path("description").asText("")));
      }
      exports.add(
          new ExportDef(
              id, e.path("path").asText(id), columns, e.path("jobLatencyMillis").asLong(-1)));
    }
    return new Catalog(exports);
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("catalog: missing '" + field + "' in " + node);
    }
    return v;
  }

  /**
   * The export served at this path below {@code /report/}, e.g. {@code marketing/raw_brand_posts}.
   */
  public Optional<ExportDef> byPath(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  /** All exports in catalog order. */
  public List<ExportDef> exports() {
    return ordered;
  }
}
