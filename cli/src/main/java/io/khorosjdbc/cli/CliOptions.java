package io.khorosjdbc.cli;

import io.khorosjdbc.cli.compat.CompatibilityCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line of {@code khoros-sql}, parsed and checked. Unknown options are an error rather
 * than silently passed on, so a typo never runs a query against the wrong tenant.
 */
record CliOptions(
    boolean help,
    boolean demo,
    boolean check,
    boolean verbose,
    boolean noProgress,
    Optional<String> url,
    Optional<String> user,
    Optional<String> password,
    Optional<String> companyKey,
    Optional<Path> propertiesFile,
    List<String> statements,
    List<String> files,
    OutputFormat outputFormat,
    List<String> driverProperties,
    List<String> checkTables,
    Optional<Path> save) {

  /** How batch results are printed. */
  enum OutputFormat {
    TABLE,
    CSV,
    JSON;

    static OutputFormat parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UsageException("unknown output format '" + text + "': use table, csv or json");
      }
    }
  }

  /** A command line that cannot be run; the message says what is wrong. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  boolean batch() {
    return !statements.isEmpty() || !files.isEmpty();
  }

  static CliOptions parse(String... args) {
    boolean help = false;
    boolean demo = false;
    boolean check = false;
    boolean verbose = false;
    boolean noProgress = false;
    String url = null;
    String user = null;
    String password = null;
    String companyKey = null;
    Path properties = null;
    List<String> statements = new ArrayList<>();
    List<String> files = new ArrayList<>();
    OutputFormat format = OutputFormat.TABLE;
    List<String> driverProperties = new ArrayList<>();
    String checkTables = null;
    Path save = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        inline = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "-h", "--help", "-?" -> help = true;
        case "--demo" -> demo = true;
        case "--check" -> check = true;
        case "-v", "--verbose" -> verbose = true;
        case "--no-progress" -> noProgress = true;
        case "-u", "--url" -> url = inline != null ? inline : value(args, ++i, arg);
        case "-n", "--user" -> user = inline != null ? inline : value(args, ++i, arg);
        case "-p", "--password" -> password = inline != null ? inline : value(args, ++i, arg);
        case "-k", "--company-key" -> companyKey = inline != null ? inline : value(args, ++i, arg);
        case "--properties" ->
            properties = Path.of(inline != null ? inline : value(args, ++i, arg));
        case "-e", "--execute" -> statements.add(inline != null ? inline : value(args, ++i, arg));
        case "-f", "--file" -> files.add(inline != null ? inline : value(args, ++i, arg));
        case "-o", "--outputformat" ->
            format = OutputFormat.parse(inline != null ? inline : value(args, ++i, arg));
        case "-D" -> driverProperties.add(value(args, ++i, arg));
        case "--check-tables" -> checkTables = inline != null ? inline : value(args, ++i, arg);
        case "--save" -> save = Path.of(inline != null ? inline : value(args, ++i, arg));
        default -> {
          if (arg.startsWith("-D") && arg.length() > 2) {
            driverProperties.add(arg.substring(2));
          } else {
            throw new UsageException("unknown argument '" + args[i] + "' (see --help)");
          }
        }
      }
    }
    for (String property : driverProperties) {
      if (property.indexOf('=') <= 0) {
        throw new UsageException("-D needs key=value, got '" + property + "'");
      }
    }
    if (demo && url != null) {
      throw new UsageException("--demo starts its own emulator; do not combine it with -u");
    }
    if (check && (!statements.isEmpty() || !files.isEmpty())) {
      throw new UsageException("--check runs its own steps; do not combine it with -e or -f");
    }
    if (!check && (checkTables != null || save != null)) {
      throw new UsageException(
          (checkTables != null ? "--check-tables" : "--save")
              + " belongs to --check (e.g. --check --save capture.json)");
    }
    List<String> tables;
    try {
      tables = CompatibilityCheck.parseTables(checkTables);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return new CliOptions(
        help,
        demo,
        check,
        verbose,
        noProgress,
        Optional.ofNullable(url),
        Optional.ofNullable(user),
        Optional.ofNullable(password),
        Optional.ofNullable(companyKey),
        Optional.ofNullable(properties),
        List.copyOf(statements),
        List.copyOf(files),
        format,
        List.copyOf(driverProperties),
        tables,
        Optional.ofNullable(save));
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new UsageException(option + " needs a value (see --help)");
    }
    return args[index];
  }

  static String usage() {
    return """
        khoros-sql: SQL over Khoros Care Analytics exports.

        Usage:
          khoros-sql --demo [-e SQL | -f FILE]     try it on a built-in emulator (no account needed)
          khoros-sql -u URL -n USER -p PASSWORD    connect to a tenant (interactive shell)
          khoros-sql ... -e SQL [-e SQL ...]       run statements and exit
          khoros-sql ... -f FILE                   run a script (statements end with ;); -f - reads stdin
          khoros-sql ... --check                   check a tenant's set-up step by step, then report
                                                   how its exports compare with the driver's catalog
          khoros-sql ... --check --save FILE       also save that report as a capture without values or
                                                   credentials, to attach to a bug report

        Connection:
          -u, --url URL           jdbc:khoros:region=us;companyKey=ACME, or just the API base URL
                                  (https://analytics-api.app.lithium.com)
          -k, --company-key KEY   the Analytics API company key (env KHOROS_COMPANY_KEY)
          -n, --user USER         the Analytics API user (env KHOROS_USER)
          -p, --password PASS     its password (env KHOROS_PASSWORD)
          --properties FILE       a .properties file with url, companyKey, user, password and any
                                  driver property
          -D key=value            any driver property, e.g. -D defaultWindow=30d
          --demo                  start the emulator in-process and connect to it

        Check:
          --check-tables T        the tables the compatibility report exports (a one-hour export, 5 to 8
                                  requests each): all, or a list such as conversation,response
                                  (default conversation,conversation_actions,raw_agent_states,response)
          --save FILE             write the report as a capture (JSON): column names, types, formats,
                                  shares and bands; never values, credentials, company key or host

        Output:
          -o, --outputformat F    table (default), csv or json (batch mode)
          --no-progress           never show the export progress line
          -v, --verbose           log one line per export (INFO) to stderr

        Without -e/-f an interactive sqlline shell starts (!help lists its commands, !quit ends).
        Exit codes: 0 success, 1 a statement or check failed, 2 bad command line or connection.
        """;
  }
}
