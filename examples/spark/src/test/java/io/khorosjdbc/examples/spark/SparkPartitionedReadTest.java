package io.khorosjdbc.examples.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.time.Duration;
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
 * Spark local[2] with the shaded driver on the class path, as {@code spark-submit --jars} gives it;
 * the emulator runs from its standalone jar in its own class loader (its Jackson is not Spark's).
 * The emulator enforces the documented limit with the window scaled tenfold (20 requests per 6 s
 * instead of per minute), and the tenant budget passed to the read is scaled the same way.
 */
class SparkPartitionedReadTest {
  static final LocalDateTime START = LocalDateTime.parse("2019-02-04T00:00:00");
  static final LocalDateTime END = LocalDateTime.parse("2019-02-08T00:00:00");
  static final int PARTITIONS = 4;

  /** The documented 20 per minute, ten times faster: the emulator's limit and the tenant budget. */
  static final int PERMITS = 20;

  static final Duration WINDOW = Duration.ofSeconds(6);
  static final String TENANT_BUDGET = "20/6s";

  static Object emulator;
  static Class<?> emulatorClass;
  static SparkSession spark;
  static String url;
  static Properties credentials = new Properties();

  @TempDir static Path cache;

  @BeforeAll
  static void start() throws Exception {
    Path jar = Path.of(System.getProperty("khoros.emulator.jar")).toAbsolutePath().normalize();
    assertTrue(Files.exists(jar), jar + ": build the emulator module first");
    URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    emulatorClass = loader.loadClass("io.khorosjdbc.emulator.KhorosEmulator");
    Object builder = emulatorClass.getMethod("builder").invoke(null);
    builder.getClass().getMethod("jobLatencyMillis", long.class).invoke(builder, 300L);
    Class<?> rateLimit = loader.loadClass("io.khorosjdbc.emulator.RateLimit");
    builder
        .getClass()
        .getMethod("rateLimit", rateLimit)
        .invoke(builder, rateLimit.getMethod("parse", String.class).invoke(null, TENANT_BUDGET));
    emulator = builder.getClass().getMethod("build").invoke(builder);
    emulatorClass.getMethod("start").invoke(emulator);
    url =
        "jdbc:khoros:url="
            + emulatorClass.getMethod("baseUrl").invoke(emulator)
            + ";companyKey=demo;cache=false;pollInitialDelay=20ms;schemaCacheDir="
            + cache
            + ";cacheDir="
            + cache; // the budget's shared log, saved jobs and durations too
    credentials.setProperty("user", "demo");
    credentials.setProperty("password", "demo");
    // As Spark does with the "driver" option; also fails loudly where DriverManager stays silent.
    Class.forName("io.khorosjdbc.driver.jdbc.KhorosDriver");
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("khoros-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
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

  /** One journal entry: arrival (epoch ms), route and the HTTP status sent. */
  record Request(long time, String route, int status) {}

  /** The emulator's journal, in arrival order. */
  static List<Request> journal() throws Exception {
    List<Request> requests = new ArrayList<>();
    for (Object entry : (List<?>) emulatorClass.getMethod("journal").invoke(emulator)) {
      requests.add(
          new Request(
              (long) accessor(entry, "time"),
              (String) accessor(entry, "route"),
              (int) accessor(entry, "status")));
    }
    return requests;
  }

  private static Object accessor(Object record, String name) throws Exception {
    Method method = record.getClass().getMethod(name);
    method.setAccessible(true);
    return method.invoke(record);
  }

  /** The most API requests (everything but the pre-signed file fetches) in any one window. */
  static int mostApiRequestsInAWindow(List<Request> requests, Duration window) {
    long[] times =
        requests.stream()
            .filter(r -> !r.route().equals("file"))
            .mapToLong(Request::time)
            .sorted()
            .toArray();
    int most = 0;
    for (int first = 0, last = 0; first < times.length; first++) {
      while (last < times.length && times[last] < times[first] + window.toMillis()) {
        last++;
      }
      most = Math.max(most, last - first);
    }
    return most;
  }

  @Test
  void predicatesCoverTheRangeWithoutGaps() {
    assertArrayEquals(
        new String[] {
          "WINDOW_START >= TIMESTAMP '2019-02-04 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-06 00:00:00'",
          "WINDOW_START >= TIMESTAMP '2019-02-06 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-08 00:00:00'"
        },
        SparkPartitionedRead.windowPredicates(START, END, 2));
  }

  @Test
  void eachTaskGetsItsShareOfTheTenantBudgetRoundedDown() {
    Duration minute = Duration.ofMinutes(1);
    assertEquals(
        "10/1m",
        SparkPartitionedRead.budgetPerTask(20, minute, 2),
        "the defaults: 7 partitions on local[2]");
    assertEquals("20/1m", SparkPartitionedRead.budgetPerTask(20, minute, 1));
    assertEquals("6/1m", SparkPartitionedRead.budgetPerTask(20, minute, 3));
    assertEquals(
        "2/1m", SparkPartitionedRead.budgetPerTask(20, minute, 8), "4 executors x 2 cores");
    assertEquals("1/1m", SparkPartitionedRead.budgetPerTask(20, minute, 20));
    assertEquals("1/1m", SparkPartitionedRead.budgetPerTask(20, minute, 50), "at least 1");
    assertEquals("5/1m", SparkPartitionedRead.budgetPerTask(10, minute, 2));
    assertEquals("2/1m", SparkPartitionedRead.budgetPerTask(5, Duration.ofSeconds(60), 2));
    assertEquals("10/6s", SparkPartitionedRead.budgetPerTask(20, Duration.ofSeconds(6), 2));
    assertEquals("10/600ms", SparkPartitionedRead.budgetPerTask(20, Duration.ofMillis(600), 2));
    assertEquals("50/1h", SparkPartitionedRead.budgetPerTask(100, Duration.ofHours(1), 2));
    assertEquals("10/90s", SparkPartitionedRead.budgetPerTask(20, Duration.ofSeconds(90), 2));

    assertEquals("10/1m", SparkPartitionedRead.budgetPerTask("20/1m", 2));
    assertEquals("2/1m", SparkPartitionedRead.budgetPerTask("5/60s", 2));
    assertEquals("off", SparkPartitionedRead.budgetPerTask("off", 2));
    assertThrows(
        IllegalArgumentException.class, () -> SparkPartitionedRead.budgetPerTask("20 a minute", 2));
    assertThrows(
        IllegalArgumentException.class, () -> SparkPartitionedRead.budgetPerTask(20, minute, 0));
    assertThrows(
        IllegalArgumentException.class, () -> SparkPartitionedRead.budgetPerTask(0, minute, 2));
  }

  @Test
  void theTasksUrlCarriesTheShareAndMayNotSetItsOwn() {
    assertEquals(2, SparkPartitionedRead.concurrentTasks(spark, 7), "local[2]");
    assertEquals(1, SparkPartitionedRead.concurrentTasks(spark, 1), "one partition, one task");
    assertEquals(
        "jdbc:khoros:companyKey=demo;requestBudget=10/1m",
        SparkPartitionedRead.taskUrl(
            "jdbc:khoros:companyKey=demo",
            "20/1m",
            SparkPartitionedRead.concurrentTasks(spark, 7)));
    assertEquals(
        "jdbc:khoros:companyKey=demo;requestBudget=6/6s",
        SparkPartitionedRead.taskUrl("jdbc:khoros:companyKey=demo;", "20/6s", 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> SparkPartitionedRead.taskUrl(url + ";requestBudget=20/1m", "20/1m", 2));
  }

  @Test
  void theSameRowsAsOneQueryWithinTheScaledRateLimit() throws Exception {
    long unsplit;
    try (Connection c =
            DriverManager.getConnection(url + ";requestBudget=" + TENANT_BUDGET, credentials);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM response WHERE WINDOW_START >= "
                    + "TIMESTAMP '2019-02-04 00:00:00' AND WINDOW_END <= TIMESTAMP '2019-02-08 00:00:00'")) {
      rs.next();
      unsplit = rs.getLong(1);
    }
    assertTrue(unsplit > 100, "enough rows to split: " + unsplit);

    int concurrent = SparkPartitionedRead.concurrentTasks(spark, PARTITIONS);
    assertEquals(2, concurrent, "local[2]");
    assertEquals("10/6s", SparkPartitionedRead.budgetPerTask(TENANT_BUDGET, concurrent));
    Dataset<Row> rows =
        SparkPartitionedRead.read(
            spark, url, "response", credentials, START, END, PARTITIONS, TENANT_BUDGET, concurrent);
    assertEquals(PARTITIONS, rows.rdd().getNumPartitions());
    assertTrue(
        List.of(rows.columns()).contains("RESPONSE_TIME"), List.of(rows.columns()).toString());
    List<Request> before = journal();
    emulatorClass.getMethod("reset").invoke(emulator); // count only what the read does

    long started = System.nanoTime();
    assertEquals(unsplit, rows.count(), "partitions add up to the unsplit query");
    long readMillis = (System.nanoTime() - started) / 1_000_000;

    List<Request> read = journal();
    List<String> routes = read.stream().map(Request::route).toList();
    assertEquals(PARTITIONS, routes.stream().filter("create"::equals).count(), routes.toString());
    int firstFile = routes.indexOf("download");
    assertTrue(
        firstFile < 0
            || routes.subList(0, firstFile).stream().filter("create"::equals).count() >= 2,
        "two tasks (local[2]) export at once: " + routes);

    List<Request> all = new ArrayList<>(before);
    all.addAll(read);
    assertEquals(
        List.of(),
        all.stream().filter(r -> r.status() == 429).toList(),
        "no request refused for the rate limit");
    int most = mostApiRequestsInAWindow(all, WINDOW);
    assertTrue(
        most <= PERMITS,
        "at most " + PERMITS + " API requests in any " + WINDOW + ", saw " + most + ": " + all);
    // The tasks' share reached their connections: here both tasks share one JVM, so one budget.
    int mostInRead = mostApiRequestsInAWindow(read, WINDOW);
    assertTrue(
        mostInRead <= PERMITS / concurrent,
        "the read keeps to the tasks' share of "
            + PERMITS / concurrent
            + " in any "
            + WINDOW
            + ", saw "
            + mostInRead
            + ": "
            + read);
    System.out.println(
        "read "
            + unsplit
            + " rows in "
            + readMillis
            + " ms; "
            + all.size()
            + " requests, at most "
            + most
            + " API requests in any "
            + WINDOW.toSeconds()
            + " s, "
            + mostInRead
            + " during the read");
  }
}
