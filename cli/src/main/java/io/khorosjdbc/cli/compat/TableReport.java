package io.khorosjdbc.cli.compat;

import io.khorosjdbc.cli.compat.ValueFormats.ColumnFormat;
import io.khorosjdbc.driver.catalog.ColumnInfo;
import io.khorosjdbc.driver.catalog.KnownColumns;
import io.khorosjdbc.driver.catalog.ParameterColumns;
import io.khorosjdbc.driver.format.ColumnType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one table's probe means, compared with what the driver knows: the header style, each
 * column's spelling, type and format, the columns the driver's catalog lacks or the tenant did not
 * send, and whether the anchor column (the event time the driver chooses windows by) is there.
 */
record TableReport(
    TableProbe probe,
    String headerStyle,
    List<ColumnReport> columns,
    List<String> newColumns,
    List<String> notSent,
    List<Anchor> anchors,
    List<String> attention) {

  /**
   * One column as sent.
   *
   * @param name the header as the tenant sent it
   * @param apiName the name the driver knows it by (its catalog's spelling), else the name as sent
   *     (API style) or its key
   * @param known whether the driver's catalog knows the column
   * @param driverType how the driver types the column (catalog, else by name)
   */
  record ColumnReport(
      String name,
      String apiName,
      boolean known,
      ColumnType driverType,
      ColumnFormat format,
      double nullShare,
      int minLength,
      int maxLength,
      String distinct) {}

  /** An anchor column the driver expects, and the header that carries it (null: not found). */
  record Anchor(String column, String header) {
    boolean found() {
      return header != null;
    }
  }

  boolean failed() {
    return probe.error != null;
  }

  static TableReport of(
      TableProbe p, HeaderSpelling spelling, ValueFormats formats, KnownColumns known) {
    String table = p.table();
    Map<String, ColumnInfo> knownByKey = new HashMap<>();
    for (ColumnInfo c : known.columns(table)) {
      knownByKey.putIfAbsent(spelling.key(c.name()), c);
    }
    List<ColumnReport> columns = new ArrayList<>();
    List<String> newColumns = new ArrayList<>();
    List<String> attention = new ArrayList<>();
    Map<String, String> headerByKey = new HashMap<>();
    for (int i = 0; i < p.header.size(); i++) {
      String name = p.header.get(i);
      String key = spelling.key(name);
      headerByKey.putIfAbsent(key, name);
      ColumnInfo info = knownByKey.get(key);
      String apiName =
          info != null
              ? info.name()
              : spelling.styleOf(name).equals(HeaderSpelling.API) ? name : key;
      ColumnProfile profile = p.profiles.get(i);
      ColumnFormat format = formats.detect(key, profile.sample());
      ColumnType driverType = known.describe(table, apiName).type();
      columns.add(
          new ColumnReport(
              name,
              apiName,
              info != null,
              driverType,
              format,
              profile.nullShare(),
              profile.minLength(),
              profile.maxLength(),
              profile.distinctBand()));
      if (info == null) {
        newColumns.add(apiName);
      }
      mismatch(apiName, driverType, format).ifPresent(attention::add);
    }
    List<String> notSent = new ArrayList<>();
    for (ColumnInfo c : known.columns(table)) {
      // The API never puts JSON-only columns in a CSV file, so their absence says nothing.
      if (!c.jsonOnly() && !headerByKey.containsKey(spelling.key(c.name()))) {
        notSent.add(c.name());
      }
    }
    List<Anchor> anchors = new ArrayList<>();
    for (String anchor : anchorColumns(p)) {
      anchors.add(new Anchor(anchor, headerByKey.get(spelling.key(anchor))));
    }
    if (p.error == null && p.header.isEmpty()) {
      attention.add("the file had no header row");
    }
    return new TableReport(
        p,
        p.error != null ? HeaderSpelling.UNKNOWN : spelling.styleOf(p.header),
        columns,
        newColumns,
        notSent,
        anchors,
        attention);
  }

  /**
   * The columns the driver anchors this export's windows on: the event time of an event export; for
   * the conversation export the close and creation times its report types select by.
   */
  static Set<String> anchorColumns(TableProbe p) {
    Set<String> anchors = new LinkedHashSet<>();
    String typeColumn = ParameterColumns.CONVERSATION_REPORT_TYPE.name();
    for (Map<String, String> values :
        List.of(
            Map.<String, String>of(),
            Map.of(typeColumn, "CLOSED"),
            Map.of(typeColumn, "CREATED"))) {
      p.report.windowRule().semantics(values).anchorColumn().ifPresent(anchors::add);
    }
    return anchors;
  }

  /** Where the values will not read as the driver types the column. */
  private static Optional<String> mismatch(
      String column, ColumnType driverType, ColumnFormat format) {
    String type = format.type();
    if (type.equals("empty")) {
      return Optional.empty();
    }
    String problem =
        switch (driverType) {
          case TIMESTAMP ->
              type.equals("timestamp")
                  ? null
                  : "the values match no timestamp pattern the check knows";
          case BIGINT ->
              type.equals("long")
                  ? null
                  : type.equals("double")
                      ? "the values have decimals"
                      : "the values are not numbers";
          case DOUBLE ->
              type.equals("long") || type.equals("double") ? null : "the values are not numbers";
          case BOOLEAN ->
              type.equals("boolean") || type.equals("long")
                  ? null
                  : "the values are not true/false";
          case VARCHAR -> null;
        };
    return problem == null
        ? Optional.empty()
        : Optional.of(column + ": the driver reads it as " + driverType + ", but " + problem);
  }
}
