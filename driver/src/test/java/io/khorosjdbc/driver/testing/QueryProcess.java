package io.khorosjdbc.driver.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * A second JVM for tests: connects to {@code args[0]} as {@code args[1]}/{@code args[2]}, runs the
 * remaining arguments as queries, and prints each row, so that tests can check what several
 * processes sharing one cache directory do together.
 */
public final class QueryProcess {
  private QueryProcess() {}

  public static void main(String[] args) throws Exception {
    Properties credentials = new Properties();
    credentials.setProperty("user", args[1]);
    credentials.setProperty("password", args[2]);
    try (Connection connection = DriverManager.getConnection(args[0], credentials);
        Statement statement = connection.createStatement()) {
      for (String sql : Arrays.asList(args).subList(3, args.length)) {
        Rows.query(statement, sql).forEach(System.out::println);
      }
    } catch (SQLException e) {
      System.err.println("SQLSTATE " + e.getSQLState() + ": " + e.getMessage());
      System.exit(1);
    }
  }

  /** Starts this main in a new JVM on the test class path. */
  public static Process start(String url, String user, String password, String... queries)
      throws Exception {
    return start(List.of(), url, user, password, queries);
  }

  /** Starts this main in a new JVM on the test class path, with JVM options such as -Xmx. */
  public static Process start(
      List<String> jvmOptions, String url, String user, String password, String... queries)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            QueryProcess.class.getName(),
            url,
            user,
            password));
    command.addAll(List.of(queries));
    return new ProcessBuilder(command).redirectErrorStream(false).start();
  }

  /** The rows a finished process printed; fails with its error output if it failed. */
  public static List<String> rows(Process process) throws Exception {
    String out = new String(process.getInputStream().readAllBytes());
    String err = new String(process.getErrorStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new AssertionError("the query process failed: " + err);
    }
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }
}
