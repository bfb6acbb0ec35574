package io.khorosjdbc.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import io.khorosjdbc.emulator.http.JournalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
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
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TimeZone;
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

  /**
   * The data columns of the table as the driver discovers them, pinned in a schema file, with the
   * SQL type the file gives each (TIMESTAMP, BIGINT, DOUBLE, BOOLEAN or VARCHAR).
   */
  record Schema(Path file, List<String> columns, Map<String, String> types) {
    /** The columns alone, for a reader that needs no types (every column VARCHAR). */
    Schema(Path file, List<String> columns) {
      this(file, columns, Map.of());
    }

    String type(String column) {
      return types.getOrDefault(column, "VARCHAR");
    }
  }

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

  /**
   * A connection to {@code replay} with the emulator's tenant and credentials (the replay checks
   * none).
   */
  static Connection connect(
      ReplayServer replay, KhorosEmulator emu, Schema schema, Map<String, String> extra)
      throws SQLException {
    return connect(replay.baseUrl(), emu.companyKey(), emu.user(), emu.password(), schema, extra);
  }

  /**
   * Properties for a scan whose job is ready at once (the replay's, or the emulator's with latency
   * 0): the first poll's wait must not count as reading. Against the replay, which serves the whole
   * window as one file, the window must not be split.
   */
  static Map<String, String> readyJobProperties(boolean replay) throws SQLException {
    Map<String, String> props = new HashMap<>();
    props.put("pollInitialDelay", "10ms");
    if (replay && driverProperties().contains("splitWindow")) {
      props.put("splitWindow", "none");
    }
    return props;
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
      Map<String, String> types = new LinkedHashMap<>();
      StringBuilder json = new StringBuilder("{\"" + TABLE + "\": [");
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String name = md.getColumnName(i);
        if (name.equals("WINDOW_START")) {
          break;
        }
        names.add(name);
        types.put(name, typeName(md.getColumnType(i)));
        json.append(names.size() > 1 ? ", " : "")
            .append("{\"name\": \"")
            .append(name)
            .append("\", \"type\": \"")
            .append(types.get(name))
            .append("\"}");
      }
      json.append("]}\n");
      Path file = dir.resolve("schema.json");
      Files.writeString(file, json);
      return new Schema(file, List.copyOf(names), Map.copyOf(types));
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

  /** A query's rows in a canonical form (see {@link #canonical}), sorted, and the time taken. */
  record Answer(List<String> rows, long nanos) {
    double millis() {
      return nanos / 1e6;
    }
  }

  /** Runs a query and keeps its rows in a form two engines' results can be compared in. */
  static Answer answer(Connection c, String sql) throws SQLException {
    long t0 = System.nanoTime();
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      while (rs.next()) {
        StringJoiner row = new StringJoiner(" | ");
        for (int i = 1; i <= n; i++) {
          // A TIMESTAMP is a wall clock: read it as UTC, so the JVM's zone shifts no engine's.
          boolean timestamp = md.getColumnType(i) == Types.TIMESTAMP;
          row.add(canonical(timestamp ? rs.getTimestamp(i, utc()) : rs.getObject(i)));
        }
        rows.add(row.toString());
      }
    }
    long nanos = System.nanoTime() - t0;
    Collections.sort(rows);
    return new Answer(List.copyOf(rows), nanos);
  }

  private static Calendar utc() {
    return Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC));
  }

  /**
   * A value as text that does not depend on the engine's Java types: numbers without trailing zeros
   * (a BIGINT sum and a HUGEINT one read alike), timestamps (read with a UTC calendar) as their UTC
   * date-time.
   */
  static String canonical(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Timestamp t) {
      return t.toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }

  /**
   * Collects the garbage the previous measurement left, so that its collection does not land on the
   * next contender's time.
   */
  static void settle() throws InterruptedException {
    System.gc();
    Thread.sleep(100);
  }

  /**
   * Keeps the heap's size across {@link #settle()}. After {@code System.gc()} the JVM gives memory
   * back (down to 80 MB here), and the next run through the driver then starts on a heap that must
   * grow again, paying page faults and a burst of young collections that a long-lived client
   * (DBeaver, a BI server, an application) does not. DuckDB's memory is native and unaffected.
   */
  static void keepHeapSize() {
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
        .setVMOption("MaxHeapFreeRatio", "100");
  }

  /**
   * A scan of a saved export through the driver: what it read, and null if its export request asked
   * for the file's columns and format, or what differed (then the figure is not valid).
   */
  record Replayed(Drained drained, String mismatch) {}

  /** Serves {@code file} from a {@link ReplayServer} and reads every value of {@code sql}. */
  static Replayed drainReplay(
      Path file, KhorosEmulator emu, Schema schema, Map<String, String> props, String sql)
      throws IOException, SQLException {
    try (ReplayServer replay = new ReplayServer(file);
        Connection c = connect(replay, emu, schema, props)) {
      Drained d = drain(c, sql);
      return new Replayed(d, replay.mismatch());
    }
  }

  /** The faster of two measurements; {@code best} may be null (none yet). */
  static Drained faster(Drained best, Drained d) {
    return best == null || d.nanos() < best.nanos() ? d : best;
  }

  /**
   * Two small scans against the emulator with these properties, so that the measured ones run
   * compiled code.
   */
  static void warmUp(KhorosEmulator emu, Schema schema, Map<String, String> props)
      throws SQLException {
    progress("warming up the driver with " + props);
    try (Connection c = connect(emu, schema, props)) {
      for (int i = 0; i < 2; i++) {
        drain(c, selectAll(schema, Window.of("2019-03-04T10:00", "2019-03-04T12:00")));
      }
    }
  }

  /** Full-size scans of saved bytes run before the timed ones ({@link #warmUpOnSavedBytes}). */
  static final int FULL_SIZE_WARM_UPS = 3;

  /** What a scan row's note says of the warm-up. */
  static String afterWarmUps() {
    return ", after " + FULL_SIZE_WARM_UPS + " untimed scans of the same bytes";
  }

  /**
   * Scans of a saved export that are not timed. The first large scans of a JVM pay once for what
   * later ones do not: the heap growing to its working size (each new page zeroed by the kernel:
   * one such scan here took 2-3.6 s where the next took 0.9 s) and the planner's code being
   * compiled. Two small warm-up scans do neither; the timed scans measure the steady state, as
   * DuckDB's repeated runs in the same process do.
   */
  static void warmUpOnSavedBytes(
      Path file, KhorosEmulator emu, Schema schema, Map<String, String> props, String sql)
      throws IOException, SQLException {
    for (int i = 0; i < FULL_SIZE_WARM_UPS; i++) {
      progress("full-size warm-up " + (i + 1) + "/" + FULL_SIZE_WARM_UPS + " on " + file);
      drainReplay(file, emu, schema, props, sql);
    }
  }

  /**
   * Runs a query and reads every value of every row. Counting the non-null values is enough to keep
   * every getObject call; hashing each value (as this once did) timed String.hashCode, a seventh of
   * the reading thread's work, which DuckDB's count(c) does not do.
   */
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
            touched++;
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
