package io.khorosjdbc.examples.spark;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark reading one export table through the driver, split into one partition per time window:
 * each predicate becomes one Spark task and one export job on the server, run concurrently.
 *
 * <pre>
 * spark-submit --jars driver/target/khoros-jdbc.jar --class
 *   io.khorosjdbc.examples.spark.SparkPartitionedRead app.jar \
 *   'jdbc:khoros:url=http://127.0.0.1:8089;companyKey=demo' response 2019-02-01 2019-02-08 7
 * </pre>
 */
public final class SparkPartitionedRead {
  private static final DateTimeFormatter SQL_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private SparkPartitionedRead() {
  }

  /** {@code partitions} equal windows covering [start, end), as WHERE predicates. */
  public static String[] windowPredicates(LocalDateTime start, LocalDateTime end,
      int partitions) {
    long seconds = java.time.Duration.between(start, end).getSeconds();
    List<String> predicates = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      LocalDateTime from = start.plusSeconds(seconds * i / partitions);
      LocalDateTime to = i == partitions - 1 ? end : start.plusSeconds(seconds * (i + 1) / partitions);
      predicates.add("WINDOW_START >= TIMESTAMP '" + SQL_TIMESTAMP.format(from)
          + "' AND WINDOW_END <= TIMESTAMP '" + SQL_TIMESTAMP.format(to) + "'");
    }
    return predicates.toArray(new String[0]);
  }

  public static Dataset<Row> read(SparkSession spark, String url, String table,
      Properties credentials, LocalDateTime start, LocalDateTime end, int partitions) {
    Properties props = new Properties();
    props.putAll(credentials);
    props.setProperty("driver", "io.khorosjdbc.driver.jdbc.KhorosDriver");
    return spark.read().jdbc(url, table, windowPredicates(start, end, partitions), props);
  }

  public static void main(String[] args) {
    String url = args.length > 0 ? args[0]
        : "jdbc:khoros:url=http://127.0.0.1:8089;companyKey=demo";
    String table = args.length > 1 ? args[1] : "response";
    LocalDateTime start = LocalDateTime.parse((args.length > 2 ? args[2] : "2019-02-01")
        + "T00:00:00");
    LocalDateTime end = LocalDateTime.parse((args.length > 3 ? args[3] : "2019-02-08")
        + "T00:00:00");
    int partitions = args.length > 4 ? Integer.parseInt(args[4]) : 7;
    Properties credentials = new Properties();
    credentials.setProperty("user", System.getenv().getOrDefault("KHOROS_USER", "demo"));
    credentials.setProperty("password", System.getenv().getOrDefault("KHOROS_PASSWORD", "demo"));
    SparkSession spark = SparkSession.builder().appName("khoros-partitioned-read")
        .master(System.getProperty("spark.master", "local[2]")).getOrCreate();
    try {
      Dataset<Row> rows = read(spark, url, table, credentials, start, end, partitions);
      System.out.println(table + ": " + rows.count() + " rows in " + partitions + " partitions");
      rows.groupBy("AGENT_ID").count().orderBy(org.apache.spark.sql.functions.desc("count"))
          .show(10, false);
    } finally {
      spark.stop();
    }
  }
}
