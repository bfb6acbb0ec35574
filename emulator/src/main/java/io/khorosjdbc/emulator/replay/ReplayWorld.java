package io.khorosjdbc.emulator.replay;

import io.khorosjdbc.emulator.catalog.Catalog;
import io.khorosjdbc.emulator.catalog.ColumnDef;
import io.khorosjdbc.emulator.catalog.ColumnType;
import io.khorosjdbc.emulator.catalog.ExportDef;
import io.khorosjdbc.emulator.export.ExportSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A synthetic world shaped like a captured tenant: the captured tables with the columns it sent (in
 * its spelling and order, as its default set), its value formats, row volumes and job times; every
 * other export as the base catalog has it.
 */
public final class ReplayWorld {
  private final ReplayCapture capture;
  private final double timeScale;

  private ReplayWorld(ReplayCapture capture, double timeScale) {
    this.capture = capture;
    this.timeScale = timeScale;
  }

  /**
   * @param timeScale multiplies every captured job time (1 = as captured; 0.01 turns minutes into a
   *     test's fraction of a second)
   */
  public static ReplayWorld load(Path captureFile, double timeScale) {
    return new ReplayWorld(ReplayCapture.read(captureFile), timeScale);
  }

  public ReplayCapture capture() {
    return capture;
  }

  /** The base catalog with every captured table replaced by its captured definition. */
  public Catalog catalog(Catalog base) {
    Map<String, ExportDef> byId = new LinkedHashMap<>();
    for (ExportDef e : base.exports()) {
      byId.put(e.id(), e);
    }
    for (ReplayCapture.Table t : capture.tables()) {
      byId.put(t.exportId(), export(t, Optional.ofNullable(byId.get(t.exportId()))));
    }
    return Catalog.of(new ArrayList<>(byId.values()));
  }

  private ExportDef export(ReplayCapture.Table t, Optional<ExportDef> base) {
    boolean apiHeaders =
        ReplayStyles.csvHeader(t.headerStyle()) == io.khorosjdbc.emulator.CsvHeaderStyle.API;
    List<ColumnDef> columns = new ArrayList<>();
    for (ReplayCapture.Column c : t.columns()) {
      // The header is served exactly as captured, whichever header switch prints it.
      String name = apiHeaders ? c.name() : c.apiName();
      String display = apiHeaders ? ColumnDef.displayNameOf(c.name()) : c.name();
      columns.add(
          new ColumnDef(
              name,
              display,
              type(c.type()),
              true,
              false,
              c.name().equals(t.anchorColumn()),
              "replayed: " + c.type() + (c.format().isEmpty() ? "" : " " + c.format())));
    }
    for (Map.Entry<String, ColumnType> n : notSent(t, base).entrySet()) {
      columns.add(
          new ColumnDef(
              n.getKey(),
              ColumnDef.displayNameOf(n.getKey()),
              n.getValue(),
              false,
              false,
              false,
              "known to the driver, not in the captured tenant's default set"));
    }
    long jobMillis = t.jobMillis();
    String path = t.marketing() ? "marketing/" + t.exportId() : t.exportId();
    return new ExportDef(
        t.exportId(), path, columns, jobMillis < 0 ? -1 : Math.round(jobMillis * timeScale));
  }

  /** Sources that serve the captured tables; the key is the export id. */
  public Map<String, ExportSource<?>> sources(Catalog base, long seed) {
    Map<String, ExportSource<?>> sources = new HashMap<>();
    for (ReplayCapture.Table t : capture.tables()) {
      sources.put(
          t.exportId(),
          new ReplayExport(
              t,
              notSent(
                  t, base.exports().stream().filter(e -> e.id().equals(t.exportId())).findFirst()),
              seed));
    }
    return sources;
  }

  /**
   * Columns the tenant did not send by default, typed as the base catalog types them (else as
   * strings).
   */
  private static Map<String, ColumnType> notSent(ReplayCapture.Table t, Optional<ExportDef> base) {
    Map<String, ColumnType> out = new LinkedHashMap<>();
    for (String name : t.notSent()) {
      boolean sent =
          t.columns().stream()
              .anyMatch(c -> c.apiName().equalsIgnoreCase(name) || c.name().equalsIgnoreCase(name));
      if (!sent) {
        out.put(
            name,
            base.flatMap(
                    e ->
                        e.columns().stream()
                            .filter(c -> c.name().equalsIgnoreCase(name))
                            .findFirst())
                .map(ColumnDef::type)
                .orElse(ColumnType.STRING));
      }
    }
    return out;
  }

  private static ColumnType type(String captured) {
    return switch (captured.toLowerCase(Locale.ROOT)) {
      case "timestamp" -> ColumnType.TIMESTAMP;
      case "long" -> ColumnType.LONG;
      case "double" -> ColumnType.DOUBLE;
      case "boolean" -> ColumnType.BOOLEAN;
      case "text" -> ColumnType.TEXT;
      default -> ColumnType.STRING;
    };
  }

  /** The header style most captured tables showed. */
  public String headerStyle() {
    return dominant(
        capture.tables().stream().map(ReplayCapture.Table::headerStyle).toList(), "api");
  }

  /** The timestamp format most captured timestamp columns showed, or empty. */
  public Optional<String> timestampFormat() {
    List<String> formats =
        capture.tables().stream()
            .flatMap(t -> t.columns().stream())
            .filter(c -> c.type().equals("timestamp") && !c.format().isEmpty())
            .map(ReplayCapture.Column::format)
            .toList();
    return formats.isEmpty() ? Optional.empty() : Optional.of(dominant(formats, ""));
  }

  /** Every status shape the capture saw, per job state. */
  public Map<String, String> statusShapes() {
    Map<String, String> all = new LinkedHashMap<>();
    capture.tables().forEach(t -> t.statusShapes().forEach(all::putIfAbsent));
    return all;
  }

  private static String dominant(List<String> values, String none) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    values.forEach(v -> counts.merge(v, 1, Integer::sum));
    return counts.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(none);
  }
}
