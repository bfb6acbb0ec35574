package io.khorosjdbc.examples.spark;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark reading one export table through the driver, split into one partition per time window: each
 * predicate becomes one Spark task and one export job on the server, run concurrently.
 *
 * <pre>
 * spark-submit --jars driver/target/khoros-jdbc.jar --class
 *   io.khorosjdbc.examples.spark.SparkPartitionedRead app.jar \
 *   'jdbc:khoros:url=http://127.0.0.1:8089;companyKey=demo' response 2019-02-01 2019-02-08 7 \
 *   [TENANT_BUDGET [CONCURRENT_TASKS]]
 * </pre>
 *
 * <h2>The request budget</h2>
 *
 * <p>Khoros allows 20 API requests per minute per tenant, shared by every client of the tenant. The
 * driver's {@code requestBudget} (default {@code 20/1m}) keeps to it: one budget for every
 * connection of the tenant in a JVM, and, through a lock file in {@code cacheDir}, for every
 * process of the user on one machine. Executors on different machines share no JVM and no file, so
 * each would spend the whole 20 a minute: four executors would send up to 80 and get 429s. So each
 * task's connection gets a share, set in its URL ({@link #taskUrl}):
 *
 * <pre>
 * requestBudget per task = floor(tenant budget / tasks that run at once), at least 1
 * tasks that run at once = min(partitions, local[N] cores or
 *                              spark.executor.instances x spark.executor.cores / spark.task.cpus)
 * </pre>
 *
 * <p>The defaults, 7 one-day partitions on {@code local[2]}: 2 tasks at once, so {@code
 * requestBudget=10/1m} ({@link #budgetPerTask}), and the read stays within 20 a minute. On one
 * machine the division is not what keeps the read within the limit: the tasks' connections share
 * one budget in the JVM (and other processes through {@code cacheDir}) anyway, so there it only
 * slows the read. It makes the same job also right on a cluster, where executors on different
 * machines cannot share a lock: each spends its own share, and the shares add up to at most the
 * tenant's budget. Because the tasks of one executor share their JVM's budget, dividing by tasks is
 * conservative by the executor's cores: 4 executors of 2 cores give each task {@code 20/8 = 2/1m},
 * and each executor's two tasks together send 2 a minute, 8 in all. Pass the number of executors as
 * {@code CONCURRENT_TASKS} ({@code 5/1m} each, 20 in all) to use the whole budget. More executors
 * than the tenant's permits cannot be kept within the limit by any budget (each may send one
 * request at once): use fewer executors or partitions.
 *
 * <p>The Spark driver also connects once, to learn the table's columns (a small export when they
 * are not in {@code schemaCacheDir}); on a cluster, count it as one more task, or pin the columns
 * with {@code schemaFile}. The tenant budget is an argument (or the system property {@code
 * khoros.tenantBudget}), so a test against a scaled limit ({@code 20/6s}) or a tenant whose other
 * clients need part of the budget can pass less. The tasks at once come from the Spark
 * configuration ({@link #concurrentTasks}) unless given (argument or system property {@code
 * khoros.concurrentTasks}).
 */
public final class SparkPartitionedRead {
  /** The budget Khoros documents for the Analytics Reports API: 20 requests a minute. */
  public static final String TENANT_BUDGET = "20/1m";

  private static final DateTimeFormatter SQL_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** The driver's {@code requestBudget} form: {@code 20/1m}, {@code 20/60s}, {@code 20/600ms}. */
  private static final Pattern BUDGET = Pattern.compile("(\\d{1,9})/(\\d{1,12})(ms|s|m|h)");

  private SparkPartitionedRead() {}

  /** {@code partitions} equal windows covering [start, end), as WHERE predicates. */
  public static String[] windowPredicates(LocalDateTime start, LocalDateTime end, int partitions) {
    long seconds = Duration.between(start, end).getSeconds();
    List<String> predicates = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      LocalDateTime from = start.plusSeconds(seconds * i / partitions);
      LocalDateTime to =
          i == partitions - 1 ? end : start.plusSeconds(seconds * (i + 1) / partitions);
      predicates.add(
          "WINDOW_START >= TIMESTAMP '"
              + SQL_TIMESTAMP.format(from)
              + "' AND WINDOW_END <= TIMESTAMP '"
              + SQL_TIMESTAMP.format(to)
              + "'");
    }
    return predicates.toArray(new String[0]);
  }

  /**
   * The {@code requestBudget} of one task's connection, when {@code concurrentTasks} tasks share a
   * tenant budget of {@code permits} requests per {@code window}: {@code permits / concurrentTasks}
   * rounded down, at least 1, per the same window. {@code (20, 1 min, 2)} gives {@code 10/1m};
   * {@code (20, 1 min, 3)} gives {@code 6/1m}.
   */
  public static String budgetPerTask(int permits, Duration window, int concurrentTasks) {
    if (permits < 1 || concurrentTasks < 1 || window.toMillis() < 1) {
      throw new IllegalArgumentException(
          "a tenant budget needs at least 1 request per window of "
              + "at least 1 ms, shared by at least 1 task; got "
              + permits
              + " per "
              + window
              + " for "
              + concurrentTasks
              + " task(s)");
    }
    return Math.max(1, permits / concurrentTasks) + "/" + durationText(window);
  }

  /**
   * {@link #budgetPerTask} for a tenant budget written as the driver's property ({@code 20/1m},
   * {@code 20/6s}, {@code 20/600ms}, {@code 100/1h}); {@code off} stays {@code off}.
   */
  public static String budgetPerTask(String tenantBudget, int concurrentTasks) {
    String text = tenantBudget.trim().toLowerCase(Locale.ROOT);
    if (text.equals("off")) {
      return "off";
    }
    Matcher m = BUDGET.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "tenant budget '"
              + tenantBudget
              + "': write N/DURATION as the driver's requestBudget does, e.g. 20/1m, or off");
    }
    long amount = Long.parseLong(m.group(2));
    Duration window =
        switch (m.group(3)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
    return budgetPerTask(Integer.parseInt(m.group(1)), window, concurrentTasks);
  }

  /** The largest whole unit the driver reads: {@code 1m}, {@code 6s}, {@code 600ms}, {@code 1h}. */
  private static String durationText(Duration window) {
    long ms = window.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  /**
   * How many of {@code partitions} tasks run at once: at most the task slots, which are {@code N}
   * for {@code local[N]} (the context's default parallelism) and, on a cluster, {@code
   * spark.executor.instances} (or {@code spark.dynamicAllocation.maxExecutors} with dynamic
   * allocation) times {@code spark.executor.cores / spark.task.cpus}. Without those settings a
   * cluster falls back to the default parallelism, which counts only the executors registered so
   * far (at least 2): pass the number yourself there.
   */
  public static int concurrentTasks(SparkSession spark, int partitions) {
    SparkContext context = spark.sparkContext();
    long slots = context.defaultParallelism();
    if (!context.isLocal()) {
      SparkConf conf = context.getConf();
      long executors =
          conf.getBoolean("spark.dynamicAllocation.enabled", false)
              ? conf.getInt("spark.dynamicAllocation.maxExecutors", 0)
              : conf.getInt("spark.executor.instances", 0);
      long cores =
          conf.getInt("spark.executor.cores", 0) / Math.max(1, conf.getInt("spark.task.cpus", 1));
      if (executors > 0 && cores > 0) {
        slots = executors * cores;
      }
    }
    return (int) Math.max(1, Math.min(partitions, slots));
  }

  /**
   * The URL of every task's connection: {@code url} with {@code requestBudget} set to the task's
   * share of {@code tenantBudget}. In the URL rather than in the properties, because Spark (4.0)
   * passes the names of {@code jdbc()} properties to the driver in lower case, and the driver does
   * not know {@code requestbudget}. The URL must not set {@code requestBudget} already.
   */
  public static String taskUrl(String url, String tenantBudget, int concurrentTasks) {
    if (url.toLowerCase(Locale.ROOT).contains("requestbudget=")) {
      throw new IllegalArgumentException(
          "the URL sets requestBudget, the budget of each task; "
              + "pass the tenant's budget (e.g. 20/1m) instead and each task gets its share");
    }
    return url
        + (url.endsWith(";") || url.endsWith(":") ? "" : ";")
        + "requestBudget="
        + budgetPerTask(tenantBudget, concurrentTasks);
  }

  /**
   * {@link #read(SparkSession, String, String, Properties, LocalDateTime, LocalDateTime, int,
   * String, int) read} within the documented 20 requests a minute.
   */
  public static Dataset<Row> read(
      SparkSession spark,
      String url,
      String table,
      Properties credentials,
      LocalDateTime start,
      LocalDateTime end,
      int partitions) {
    return read(
        spark,
        url,
        table,
        credentials,
        start,
        end,
        partitions,
        TENANT_BUDGET,
        concurrentTasks(spark, partitions));
  }

  /**
   * {@code table} over [start, end) in {@code partitions} windows, each task's connection spending
   * its share of {@code tenantBudget} when {@code concurrentTasks} run at once.
   */
  public static Dataset<Row> read(
      SparkSession spark,
      String url,
      String table,
      Properties credentials,
      LocalDateTime start,
      LocalDateTime end,
      int partitions,
      String tenantBudget,
      int concurrentTasks) {
    Properties props = new Properties();
    props.putAll(credentials);
    props.setProperty("driver", "io.khorosjdbc.driver.jdbc.KhorosDriver");
    return spark
        .read()
        .jdbc(
            taskUrl(url, tenantBudget, concurrentTasks),
            table,
            windowPredicates(start, end, partitions),
            props);
  }

  public static void main(String[] args) {
    String url =
        args.length > 0 ? args[0] : "jdbc:khoros:url=http://127.0.0.1:8089;companyKey=demo";
    String table = args.length > 1 ? args[1] : "response";
    LocalDateTime start =
        LocalDateTime.parse((args.length > 2 ? args[2] : "2019-02-01") + "T00:00:00");
    LocalDateTime end =
        LocalDateTime.parse((args.length > 3 ? args[3] : "2019-02-08") + "T00:00:00");
    int partitions = args.length > 4 ? Integer.parseInt(args[4]) : 7;
    String tenantBudget =
        args.length > 5 ? args[5] : System.getProperty("khoros.tenantBudget", TENANT_BUDGET);
    String tasks = args.length > 6 ? args[6] : System.getProperty("khoros.concurrentTasks");
    Properties credentials = new Properties();
    credentials.setProperty("user", System.getenv().getOrDefault("KHOROS_USER", "demo"));
    credentials.setProperty("password", System.getenv().getOrDefault("KHOROS_PASSWORD", "demo"));
    SparkSession spark =
        SparkSession.builder()
            .appName("khoros-partitioned-read")
            .master(System.getProperty("spark.master", "local[2]"))
            .getOrCreate();
    try {
      int concurrent = tasks != null ? Integer.parseInt(tasks) : concurrentTasks(spark, partitions);
      System.out.println(
          "tenant budget "
              + tenantBudget
              + ", "
              + concurrent
              + " task(s) at once: requestBudget="
              + budgetPerTask(tenantBudget, concurrent)
              + " per task");
      Dataset<Row> rows =
          read(spark, url, table, credentials, start, end, partitions, tenantBudget, concurrent);
      System.out.println(table + ": " + rows.count() + " rows in " + partitions + " partitions");
      rows.groupBy("AGENT_ID")
          .count()
          .orderBy(org.apache.spark.sql.functions.desc("count"))
          .show(10, false);
    } finally {
      spark.stop();
    }
  }
}
