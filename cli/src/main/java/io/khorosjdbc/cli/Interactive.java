package io.khorosjdbc.cli;

import io.khorosjdbc.driver.jdbc.KhorosDriver;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import sqlline.SqlLine;

/** The interactive shell: sqlline connected through the driver. */
final class Interactive {
  private Interactive() {}

  static int run(ConnectionTarget target, CliOptions options, boolean terminal, InputStream in)
      throws IOException {
    // sqlline takes the URL, user and password; other properties travel inside the URL.
    StringBuilder url = new StringBuilder(target.url());
    for (String key : target.properties().stringPropertyNames()) {
      if (!key.equals("user") && !key.equals("password")) {
        if (url.length() > KhorosDriver.PREFIX.length() && url.charAt(url.length() - 1) != ';') {
          url.append(';');
        }
        url.append(key).append('=').append(target.properties().getProperty(key));
      }
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "-d",
                KhorosDriver.class.getName(),
                "-u",
                url.toString(),
                "-n",
                target.property("user").orElse(""),
                "-p",
                target.property("password").orElse(""),
                "--isolation=TRANSACTION_NONE",
                "--showWarnings=false",
                "--incremental=false"));
    if (!terminal) {
      // Without a terminal sqlline measures width 0 and prints empty columns.
      args.add("--maxWidth=160");
    }
    if (options.outputFormat() != CliOptions.OutputFormat.TABLE) {
      args.add(
          "--outputformat=" + options.outputFormat().name().toLowerCase(java.util.Locale.ROOT));
    }
    SqlLine.Status status = SqlLine.start(args.toArray(new String[0]), in, terminal);
    return status == SqlLine.Status.OK ? KhorosSql.OK : KhorosSql.FAILED;
  }
}
