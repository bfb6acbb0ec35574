package io.khorosjdbc.cli;

import io.khorosjdbc.driver.jdbc.KhorosDriver;
import io.khorosjdbc.emulator.KhorosEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code khoros-sql}: the driver with a shell. Interactive sessions are sqlline; batch runs ({@code
 * -e}, {@code -f}) are executed here so that output formats, the progress line and the exit code
 * are under our control. {@code --demo} starts the emulator in-process.
 */
public final class KhorosSql {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private final Map<String, String> env;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;

  KhorosSql(
      Map<String, String> env, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
    this.env = env;
    this.in = in;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  public static void main(String[] args) {
    if (List.of(args).contains("-v") || List.of(args).contains("--verbose")) {
      // Before the first logger exists: slf4j-simple reads its level once.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    }
    int code =
        new KhorosSql(System.getenv(), System.in, System.out, System.err, System.console() != null)
            .run(args);
    System.exit(code);
  }

  int run(String... args) {
    CliOptions options;
    try {
      options = CliOptions.parse(args);
    } catch (CliOptions.UsageException e) {
      err.println("khoros-sql: " + e.getMessage());
      return USAGE;
    }
    if (options.help()) {
      out.print(CliOptions.usage());
      out.flush();
      return OK;
    }
    KhorosEmulator emulator = null;
    Path demoState = null;
    try {
      ConnectionTarget target;
      try {
        target = ConnectionTarget.resolve(options, env);
      } catch (NoSuchFileException e) {
        err.println("khoros-sql: properties file not found: " + e.getFile());
        return USAGE;
      }
      if (options.demo()) {
        // The emulator answers as the service is documented: 20 requests a minute.
        emulator = KhorosEmulator.builder().port(0).build().start();
        demoState = Files.createTempDirectory("khoros-sql-demo");
        target = demoTarget(emulator, target, demoState);
        if (!options.batch() && !options.check()) {
          err.println(
              "khoros-sql: demo mode, connected to an emulator at "
                  + emulator.baseUrl()
                  + " (synthetic data for any window; try SELECT * FROM khoros_meta.reports;)");
        }
      } else if (target.url().equals(KhorosDriver.PREFIX)
          && !target.property("url").isPresent()
          && !target.property("region").isPresent()
          && !options.check()) {
        err.println(
            "khoros-sql: say where to connect: -u URL, --properties FILE, or --demo to "
                + "try the built-in emulator (see --help)");
        return USAGE;
      }
      if (options.check()) {
        return new SetupCheck(target, env, out, options.checkTables(), options.save()).run();
      }
      if (options.batch()) {
        return batch(options, target);
      }
      return Interactive.run(target, options, terminal, in);
    } catch (CliOptions.UsageException e) {
      err.println("khoros-sql: " + e.getMessage());
      return USAGE;
    } catch (IOException e) {
      err.println("khoros-sql: " + e.getMessage());
      return USAGE;
    } finally {
      if (emulator != null) {
        emulator.close();
      }
      deleteQuietly(demoState);
    }
  }

  /** Removes a directory tree the shell made for itself; what cannot be removed stays. */
  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> tree = Files.walk(directory)) {
      tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary directory; the system cleans it up eventually
    }
  }

  private static ConnectionTarget demoTarget(
      KhorosEmulator emulator, ConnectionTarget given, Path state) {
    ConnectionTarget target =
        new ConnectionTarget(
            KhorosDriver.PREFIX
                + "url="
                + emulator.baseUrl()
                + ";companyKey="
                + emulator.companyKey()
                // Each demo emulator is a new server on a new port: nothing to reuse across runs.
                + ";cache=false",
            given.properties());
    // The demo never uses a tenant's credentials, nor its on-disk column cache.
    return target
        .withProperty("user", emulator.user())
        .withProperty("password", emulator.password())
        .withProperty("companyKey", emulator.companyKey())
        .withProperty("schemaCache", "false")
        // Saved jobs and learned durations belong to this demo's emulator only.
        .withProperty("cacheDir", state.toString())
        .withProperty("pollInitialDelay", "50ms");
  }

  private int batch(CliOptions options, ConnectionTarget target) throws IOException {
    List<String> statements = new ArrayList<>();
    for (String sql : options.statements()) {
      statements.addAll(SqlScript.split(sql));
    }
    for (String file : options.files()) {
      String script;
      if (file.equals("-")) {
        script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } else {
        try {
          script = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
          err.println("khoros-sql: script not found: " + file);
          return USAGE;
        }
      }
      statements.addAll(SqlScript.split(script));
    }
    Connection connection;
    try {
      connection = target.connect();
    } catch (SQLException e) {
      err.println("khoros-sql: cannot connect: " + explain(e));
      return USAGE;
    }
    ResultPrinter printer = new ResultPrinter(options.outputFormat(), out);
    boolean progress = terminal && !options.noProgress();
    try (connection;
        ProgressReporter reporter = progress ? new ProgressReporter(target::connect, err) : null;
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        long start = System.nanoTime();
        try (ProgressReporter.Running running = reporter == null ? null : reporter.start()) {
          boolean hasResult = statement.execute(sql);
          if (running != null) {
            running.close(); // erase the line before results are printed
          }
          if (hasResult) {
            try (ResultSet rs = statement.getResultSet()) {
              long rows = printer.print(rs);
              if (options.outputFormat() == CliOptions.OutputFormat.TABLE) {
                err.printf(
                    Locale.ROOT,
                    "%d row%s in %.3f s%n",
                    rows,
                    rows == 1 ? "" : "s",
                    (System.nanoTime() - start) / 1e9);
              }
            }
          } else {
            err.println(statement.getUpdateCount() + " rows affected");
          }
          for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
            err.println("khoros-sql: warning: " + w.getMessage());
          }
        } catch (SQLException | RuntimeException e) {
          err.println("khoros-sql: statement failed: " + explain(e));
          err.println("  in: " + abbreviate(sql));
          return FAILED;
        }
      }
    } catch (SQLException e) {
      err.println("khoros-sql: " + explain(e));
      return FAILED;
    }
    return OK;
  }

  /**
   * The most useful message of an exception chain: Calcite wraps the driver's explanation in "Error
   * while executing SQL ..." (which repeats the statement), so the innermost message that says
   * something is shown, prefixed by the outer one when that adds information.
   */
  static String explain(Throwable e) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = e; t != null && messages.size() < 10; t = t.getCause()) {
      String m = t.getMessage();
      if (m == null || m.isBlank()) {
        continue;
      }
      m = m.strip();
      if (m.startsWith("Error while executing SQL") || m.startsWith("Error while preparing")) {
        continue;
      }
      if (!messages.isEmpty() && messages.get(messages.size() - 1).contains(m)) {
        continue;
      }
      messages.removeIf(m::contains);
      messages.add(m);
    }
    if (messages.isEmpty()) {
      return e.toString();
    }
    for (int i = 0; i < messages.size(); i++) {
      messages.set(i, shortParseError(messages.get(i)));
    }
    return String.join(
        ": ",
        messages.size() > 2 ? messages.subList(messages.size() - 2, messages.size()) : messages);
  }

  /**
   * Calcite's parse errors list every token it expected, and planner errors dump the whole planner
   * state; the first lines say enough.
   */
  static String shortParseError(String message) {
    int expecting = message.indexOf("\nWas expecting");
    if (expecting < 0) {
      int planner = message.indexOf("\nThere is 1 empty subset");
      if (planner < 0) {
        planner = message.indexOf("\nRoot: rel#");
      }
      if (planner > 0) {
        return message.substring(0, planner).strip()
            + " (Calcite cannot run this construct; rewrite it, e.g. PERCENTILE_CONT with ROW_NUMBER)";
      }
      return message.length() <= 2000 ? message : message.substring(0, 2000) + "…";
    }
    String first = message.substring(0, expecting).strip();
    java.util.regex.Matcher word =
        java.util.regex.Pattern.compile("Encountered \"(\\w+)\"").matcher(first);
    if (word.find()) {
      first +=
          " (if "
              + word.group(1)
              + " is a table or column name, it is a reserved word in"
              + " SQL: quote it, e.g. \""
              + word.group(1)
              + "\")";
    }
    return first;
  }

  private static String abbreviate(String sql) {
    String oneLine = sql.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 199) + "…";
  }
}
