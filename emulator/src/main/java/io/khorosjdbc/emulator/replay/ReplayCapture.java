package io.khorosjdbc.emulator.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compatibility capture as {@code khoros-sql --check --save FILE} writes it: per table the
 * columns a tenant sent (names only), what their values looked like (type, format, null share,
 * length range, distinct-count band), the header style, the row-count band and the job time. It
 * holds no values, credentials or hosts. Only the fields replay needs are read; unknown fields are
 * ignored, so newer captures of the same {@link #VERSION} still load.
 *
 * @param version the capture format version
 * @param tables the tables whose export succeeded, in capture order
 */
public record ReplayCapture(int version, List<Table> tables) {
  /** The value of the capture's {@code format} field. */
  public static final String FORMAT = "khoros-jdbc compatibility capture";

  /** The capture format version this emulator reads. */
  public static final int VERSION = 1;

  public ReplayCapture {
    tables = List.copyOf(tables);
  }

  /**
   * One table of the capture.
   *
   * @param table the driver's table name
   * @param exportId the API export id
   * @param marketing whether it is a Publishing export under {@code /report/marketing/}
   * @param headerStyle {@code api}, {@code display}, {@code camel}, {@code mixed} or {@code
   *     unknown}
   * @param rows the row-count band of the one-hour export ({@code 0}, {@code 1}, {@code 2-10}, ...)
   * @param anchorColumn the header of the first anchor column the capture found (the driver chooses
   *     windows by it), or null
   * @param readyMillis create to the first status that said COMPLETED, or -1
   * @param lastRunningMillis create to the last status that said RUNNING, or -1
   * @param statusShapes {@code result}'s form per job state seen, e.g. RUNNING → array
   * @param columns the columns in header order
   * @param notSent columns the driver knows that the tenant's default set lacks
   */
  public record Table(
      String table,
      String exportId,
      boolean marketing,
      String headerStyle,
      String rows,
      String anchorColumn,
      long readyMillis,
      long lastRunningMillis,
      Map<String, String> statusShapes,
      List<Column> columns,
      List<String> notSent) {
    public Table {
      statusShapes = Map.copyOf(statusShapes);
      columns = List.copyOf(columns);
      notSent = List.copyOf(notSent);
    }

    /** The job time to replay: the middle of the interval in which the job became ready, or -1. */
    public long jobMillis() {
      if (readyMillis < 0) {
        return -1;
      }
      return lastRunningMillis < 0 ? readyMillis : (readyMillis + lastRunningMillis) / 2;
    }
  }

  /**
   * One column of a captured table.
   *
   * @param name the header exactly as the tenant sent it
   * @param apiName the API name the driver matched it to (used for {@code reportMetrics})
   * @param type {@code string}, {@code text}, {@code timestamp}, {@code long}, {@code double},
   *     {@code boolean} or {@code empty} (no value seen)
   * @param format for timestamps a java.time pattern or {@code epoch-millis}; for numbers {@code
   *     plain}, {@code grouped}, {@code decimal-comma} or {@code grouped-decimal-comma}; for
   *     booleans the spellings, e.g. {@code true/false}; else empty
   * @param nullShare the share of empty values, 0 to 1
   * @param minLength the shortest value in characters (0 when none was seen)
   * @param maxLength the longest value in characters
   * @param distinct the distinct-count band ({@code 0}, {@code 1}, {@code 2-10}, {@code 11-100},
   *     {@code 101-1000}, {@code >1000})
   */
  public record Column(
      String name,
      String apiName,
      String type,
      String format,
      double nullShare,
      int minLength,
      int maxLength,
      String distinct) {}

  /** Reads a capture file, with messages that say what is wrong with it. */
  public static ReplayCapture read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the capture " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(
          file
              + " is not a capture (expected \"format\": \""
              + FORMAT
              + "\", as khoros-sql --check --save writes)");
    }
    int version = root.path("version").asInt(-1);
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "capture "
              + file
              + " has format version "
              + version
              + "; this emulator reads version "
              + VERSION);
    }
    List<Table> tables = new ArrayList<>();
    for (JsonNode t : root.path("tables")) {
      if (t.hasNonNull("error") || !t.path("columns").isArray()) {
        continue; // the export failed: nothing to replay
      }
      List<Column> columns = new ArrayList<>();
      for (JsonNode c : t.path("columns")) {
        String name = required(c, "name", file);
        columns.add(
            new Column(
                name,
                c.path("apiName").asText(name),
                c.path("type").asText("string"),
                c.path("format").asText(""),
                c.path("nullShare").asDouble(0),
                c.path("length").path("min").asInt(1),
                c.path("length").path("max").asInt(12),
                c.path("distinct").asText(">1000")));
      }
      Map<String, String> shapes = new LinkedHashMap<>();
      t.path("job")
          .path("statusShapes")
          .properties()
          .forEach(e -> shapes.put(e.getKey(), e.getValue().asText()));
      List<String> notSent = new ArrayList<>();
      t.path("notSent").forEach(n -> notSent.add(n.asText()));
      String table = required(t, "table", file);
      String anchor = null;
      for (JsonNode a : t.path("anchors")) {
        if (a.path("found").asBoolean(false) && anchor == null) {
          anchor = a.path("header").asText(null);
        }
      }
      tables.add(
          new Table(
              table,
              t.path("exportId").asText(table),
              t.path("marketing").asBoolean(false),
              t.path("headerStyle").asText("api"),
              t.path("rows").asText("11-100"),
              anchor,
              t.path("job").path("readyMillis").asLong(-1),
              t.path("job").path("lastRunningMillis").asLong(-1),
              shapes,
              columns,
              notSent));
    }
    return new ReplayCapture(version, tables);
  }

  private static String required(JsonNode node, String field, Path file) {
    String v = node.path(field).asText("");
    if (v.isEmpty()) {
      throw new IllegalArgumentException(
          "capture " + file + ": missing '" + field + "' in " + node);
    }
    return v;
  }
}
