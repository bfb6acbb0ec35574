package io.khorosjdbc.cli.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.khorosjdbc.driver.jdbc.ConnectionConfig;
import io.khorosjdbc.driver.jdbc.KhorosDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sanitized capture {@code khoros-sql --check --save FILE} writes, for bug reports and for the
 * emulator's {@code --replay}. It describes a tenant without its data: per table the column names
 * as sent (names are not values), per column the type guess, detected format, null share, length
 * range and a distinct-count band, the header style, a row-count band, and per export the job time
 * and the status shapes seen. It never holds values, row counts, credentials, the company key, the
 * host, URLs, job ids or error messages (only their kind, such as {@code HTTP 403}).
 *
 * <p>Format version {@value #VERSION}; a reader must check {@code format} and {@code version}.
 */
public final class Capture {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "khoros-jdbc compatibility capture";

  /** The format version; raise it when a reader of the old version would misread the file. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectNode root;

  private Capture(ObjectNode root) {
    this.root = root;
  }

  static Capture of(List<TableReport> reports, ConnectionConfig config) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    KhorosDriver driver = new KhorosDriver();
    root.put("tool", "khoros-sql " + driver.getMajorVersion() + "." + driver.getMinorVersion());
    ObjectNode requested = root.putObject("requested");
    requested.put("window", "PT1H");
    requested.put("reportFormat", "csv");
    requested.put("reportMetrics", "none (the tenant's default columns)");
    requested.put("locale", config.apiLocale());
    requested.put("timezone", config.apiTimeZone().getId());
    ArrayNode tables = root.putArray("tables");
    for (TableReport r : reports) {
      tables.add(table(r));
    }
    return new Capture(root);
  }

  private static ObjectNode table(TableReport r) {
    TableProbe p = r.probe();
    ObjectNode t = JSON.createObjectNode();
    t.put("table", p.table());
    t.put("exportId", p.report.exportId());
    t.put("marketing", p.report.marketing());
    if (p.error != null) {
      t.put("error", p.errorKind);
    } else {
      t.put("headerStyle", r.headerStyle());
      t.put("rows", ColumnProfile.band(p.rows));
    }
    ArrayNode anchors = t.putArray("anchors");
    for (TableReport.Anchor a : r.anchors()) {
      ObjectNode anchor = anchors.addObject();
      anchor.put("column", a.column());
      anchor.put("found", a.found());
      if (a.found()) {
        anchor.put("header", a.header());
      }
    }
    ObjectNode job = t.putObject("job");
    job.put("readyMillis", p.readyMillis);
    job.put("lastRunningMillis", p.lastRunningMillis);
    job.put("polls", p.polls);
    job.put("requests", p.requests);
    ObjectNode shapes = job.putObject("statusShapes");
    p.statusShapes.forEach(shapes::put);
    ArrayNode detailKeys = job.putArray("detailKeys");
    p.detailKeys.forEach(detailKeys::add);
    ObjectNode http = job.putObject("httpErrors");
    p.httpErrors.forEach((code, n) -> http.put(Integer.toString(code), n));
    ObjectNode transport = job.putObject("transportErrors");
    p.transportErrors.forEach(transport::put);
    if (p.error == null) {
      ArrayNode columns = t.putArray("columns");
      for (TableReport.ColumnReport c : r.columns()) {
        ObjectNode column = columns.addObject();
        column.put("name", c.name());
        column.put("apiName", c.apiName());
        column.put("known", c.known());
        column.put("driverType", c.driverType().name());
        column.put("type", c.format().type());
        column.put("format", c.format().format());
        column.put("nullShare", c.nullShare());
        ObjectNode length = column.putObject("length");
        length.put("min", c.minLength());
        length.put("max", c.maxLength());
        column.put("distinct", c.distinct());
      }
      ArrayNode newColumns = t.putArray("newColumns");
      r.newColumns().forEach(newColumns::add);
      ArrayNode notSent = t.putArray("notSent");
      r.notSent().forEach(notSent::add);
    }
    return t;
  }

  /** The capture as JSON text. */
  public String json() {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the capture to {@code file}, replacing it. */
  public void save(Path file) throws IOException {
    Files.writeString(file, json(), StandardCharsets.UTF_8);
  }
}
