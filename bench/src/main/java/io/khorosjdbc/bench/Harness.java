package io.khorosjdbc.bench;

import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the benches share: connections to an emulator, the column list pinned in a schema file (so
 * that no bench run contains a column-discovery export), draining a result set and the emulator's
 * journal.
 */
final class Harness {
  static final String TABLE = "conversation_actions";
  private static final DateTimeFormatter SQL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private Harness() {}

  /** A window as SQL and as epoch milliseconds; times are UTC. */
  record Window(LocalDateTime start, LocalDateTime end) {
    static Window of(String start, String end) {
      return new Window(LocalDateTime.parse(start), LocalDateTime.parse(end));
    }

    static Window days(String start, int days) {
      LocalDateTime s = LocalDateTime.parse(start);
      return new Window(s, s.plusDays(days));
    }

    String where() {
      return "WINDOW_START >= TIMESTAMP '"
          + sql(start)
          + "' AND WINDOW_END <= TIMESTAMP '"
          + sql(end)
          + "'";
    }

    long startMillis() {
      return start.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    long endMillis() {
      return end.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    double days() {
      return (endMillis() - startMillis()) / 86_400_000.0;
    }

    private static String sql(LocalDateTime t) {
      return SQL_TIME.format(t);
    }
  }

  /** The data columns of the table as the driver discovers them, pinned in a schema file. */
  record Schema(Path file, List<String> columns) {}

  /** Rows read and a checksum of the values, so that no value goes unread. */
  record Drained(long rows, long touched, long nanos) {
    double millis() {
      return nanos / 1e6;
    }
  }

  static Driver driver() throws SQLException {
    return DriverManager.getDriver("jdbc:khoros:");
  }

  private static volatile Set<String> properties;

  /** The connection properties the driver on the class path knows (feature detection). */
  static Set<String> driverProperties() throws SQLException {
    if (properties == null) {
      Set<String> keys = new HashSet<>();
      for (DriverPropertyInfo info : driver().getPropertyInfo("jdbc:khoros:", new Properties())) {
        keys.add(info.name);
      }
      properties = Set.copyOf(keys);
    }
    return properties;
  }

  static String url(String baseUrl, String companyKey) {
    return "jdbc:khoros:url=" + baseUrl + ";companyKey=" + companyKey;
  }

  static Connection connect(KhorosEmulator emu, Schema schema, Map<String, String> extra)
      throws SQLException {
    return connect(emu.baseUrl(), emu.companyKey(), emu.user(), emu.password(), schema, extra);
  }

  static Connection connect(
      String baseUrl,
      String companyKey,
      String user,
      String password,
      Schema schema,
      Map<String, String> extra)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    // Never touch the user's ~/.cache; the columns come from the pinned file, and only the
    // cache bench turns the export cache on (in a temporary directory): a cached repeat would
    // make every other measurement meaningless.
    props.setProperty("schemaCache", "false");
    if (driverProperties().contains("cache")) {
      props.setProperty("cache", "false");
    }
    // The tenant's state (request log, saved jobs, learned durations) lives in cacheDir even with
    // cache=false: a directory of its own per connection, unless the bench shares one on purpose,
    // so that no run writes to ~/.cache and no measurement attaches to an earlier one's job.
    if (driverProperties().contains("cacheDir") && !extra.containsKey("cacheDir")) {
      props.setProperty("cacheDir", freshDirectory(null, "state").toString());
    }
    // The rows that do not measure the request budget run against an emulator without a rate
    // limit, and pace nothing unless they say so.
    if (driverProperties().contains("requestBudget")
        && !extra.containsKey("requestBudget")
        && !extra.containsKey("maxRequestsPerSecond")) {
      props.setProperty("requestBudget", "off");
    }
    if (schema != null) {
      props.setProperty("schemaFile", schema.file().toString());
    }
    extra.forEach(props::setProperty);
    return driver().connect(url(baseUrl, companyKey), props);
  }

  private static Path scratch;

  /**
   * A new empty directory under {@code base}, or, when null, under a temporary directory of this
   * JVM that is deleted when it exits.
   */
  static synchronized Path freshDirectory(Path base, String prefix) {
    try {
      if (base == null) {
        if (scratch == null) {
          Path dir = Files.createTempDirectory("khoros-bench-state");
          Runtime.getRuntime().addShutdownHook(new Thread(() -> Bench.deleteTree(dir)));
          scratch = dir;
        }
        base = scratch;
      }
      return Files.createTempDirectory(base, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Discovers the table's columns once, the way a user's first query does, and writes them to a
   * schema file that every later connection uses.
   */
  static Schema pinSchema(Path dir) throws Exception {
    try (KhorosEmulator emu =
            KhorosEmulator.builder().jobLatencyMillis(0).rateLimit(RateLimit.OFF).build().start();
        Connection c = connect(emu, null, Map.of());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT * FROM "
                    + TABLE
                    + " WHERE "
                    + Window.of("2019-03-04T10:00", "2019-03-04T10:05").where())) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> names = new ArrayList<>();
      StringBuilder json = new StringBuilder("{\"" + TABLE + "\": [");
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String name = md.getColumnName(i);
        if (name.equals("WINDOW_START")) {
          break;
        }
        names.add(name);
        json.append(names.size() > 1 ? ", " : "")
            .append("{\"name\": \"")
            .append(name)
            .append("\", \"type\": \"")
            .append(typeName(md.getColumnType(i)))
            .append("\"}");
      }
      json.append("]}\n");
      Path file = dir.resolve("schema.json");
      Files.writeString(file, json);
      return new Schema(file, List.copyOf(names));
    }
  }

  private static String typeName(int sqlType) {
    return switch (sqlType) {
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> "TIMESTAMP";
      case Types.BIGINT, Types.INTEGER -> "BIGINT";
      case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.DECIMAL -> "DOUBLE";
      case Types.BOOLEAN -> "BOOLEAN";
      default -> "VARCHAR";
    };
  }

  /** Runs a query and reads every value of every row. */
  static Drained drain(Connection c, String sql) throws SQLException {
    long t0 = System.nanoTime();
    long rows = 0;
    long touched = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        rows++;
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          if (v != null) {
            touched += v.hashCode() & 1;
          }
        }
      }
    }
    return new Drained(rows, touched, System.nanoTime() - t0);
  }

  static String selectAll(Schema schema, Window w) {
    return "SELECT "
        + String.join(", ", schema.columns())
        + " FROM "
        + TABLE
        + " WHERE "
        + w.where();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static List<JournalEntry> route(List<JournalEntry> journal, String route) {
    return journal.stream().filter(e -> route.equals(e.route())).collect(Collectors.toList());
  }

  static Instant instant(long millis) {
    return Instant.ofEpochMilli(millis);
  }

  static void progress(String message) {
    System.err.println("[bench] " + message);
  }
}
