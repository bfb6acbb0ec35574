package io.khorosjdbc.examples.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark local[2] with the shaded driver on the class path, as {@code spark-submit --jars} gives
 * it; the emulator runs from its standalone jar in its own class loader (its Jackson is not
 * Spark's).
 */
class SparkPartitionedReadTest {
  static final LocalDateTime START = LocalDateTime.parse("2019-02-04T00:00:00");
  static final LocalDateTime END = LocalDateTime.parse("2019-02-08T00:00:00");
  static final int PARTITIONS = 4;

  static Object emulator;
  static Class<?> emulatorClass;
  static SparkSession spark;
  static String url;
  static Properties credentials = new Properties();

  @TempDir
  static Path cache;

  @BeforeAll
  static void start() throws Exception {
    Path jar = Path.of(System.getProperty("khoros.emulator.jar")).toAbsolutePath().normalize();
    assertTrue(Files.exists(jar), jar + ": build the emulator module first");
    URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
    emulatorClass = loader.loadClass("io.khorosjdbc.emulator.KhorosEmulator");
    Object builder = emulatorClass.getMethod("builder").invoke(null);
    builder.getClass().getMethod("jobLatencyMillis", long.class).invoke(builder, 300L);
    Class<?> rateLimit = loader.loadClass("io.khorosjdbc.emulator.RateLimit");
    builder.getClass().getMethod("rateLimit", rateLimit)
        .invoke(builder, rateLimit.getField("OFF").get(null));
    emulator = builder.getClass().getMethod("build").invoke(builder);
    emulatorClass.getMethod("start").invoke(emulator);
    url = "jdbc:khoros:url=" + emulatorClass.getMethod("baseUrl").invoke(emulator)
        + ";companyKey=demo;cache=false;pollInitialDelay=20ms;schemaCacheDir=" + cache;
    credentials.setProperty("user", "demo");
    credentials.setProperty("password", "demo");
    // As Spark does with the "driver" option; also fails loudly where DriverManager stays silent.
    Class.forName("io.khorosjdbc.driver.jdbc.KhorosDriver");
    spark = SparkSession.builder().master("local[2]").appName("khoros-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  @AfterAll
  static void stop() throws Exception {
    if (spark != null) {
      spark.stop();
    }
    if (emulator != null) {
      emulatorClass.getMethod("close").invoke(emulator);
    }
  }

  /** The emulator journal's create calls, in arrival order, and the index of the first file. */
  static List<String> routes() throws Exception {
    List<String> routes = new ArrayList<>();
    for (Object entry : (List<?>) emulatorClass.getMethod("journal").invoke(emulator)) {
      Method route = entry.getClass().getMethod("route");
      route.setAccessible(true);
      routes.add((String) route.invoke(entry));
    }
    return routes;
  }

  @Test
  void predicatesCoverTheRangeWithoutGaps() {
    assertArrayEquals(new String[] {
        "WINDOW_START >= TIMESTAMP '2019-02-04 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-06 00:00:00'",
        "WINDOW_START >= TIMESTAMP '2019-02-06 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-08 00:00:00'"},
        SparkPartitionedRead.windowPredicates(START, END, 2));
  }

  @Test
  void oneConcurrentExportPerPartitionAndTheSameRowsAsOneQuery() throws Exception {
    long unsplit;
    try (Connection c = DriverManager.getConnection(url, credentials);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM response WHERE WINDOW_START >= "
             + "TIMESTAMP '2019-02-04 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-08 00:00:00'")) {
      rs.next();
      unsplit = rs.getLong(1);
    }
    assertTrue(unsplit > 100, "enough rows to split: " + unsplit);

    Dataset<Row> rows = SparkPartitionedRead.read(spark, url, "response", credentials, START, END,
        PARTITIONS);
    assertEquals(PARTITIONS, rows.rdd().getNumPartitions());
    assertTrue(List.of(rows.columns()).contains("RESPONSE_TIME"), List.of(rows.columns())
        .toString());
    emulatorClass.getMethod("reset").invoke(emulator); // count only what the read does

    assertEquals(unsplit, rows.count(), "partitions add up to the unsplit query");

    List<String> routes = routes();
    assertEquals(PARTITIONS, routes.stream().filter("create"::equals).count(), routes.toString());
    int firstFile = routes.indexOf("download");
    assertTrue(firstFile < 0 || routes.subList(0, firstFile).stream().filter("create"::equals)
        .count() >= 2, "two tasks (local[2]) export at once: " + routes);
  }
}
