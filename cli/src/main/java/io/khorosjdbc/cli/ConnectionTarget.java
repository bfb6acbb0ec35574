package io.khorosjdbc.cli;

import io.khorosjdbc.driver.jdbc.KhorosDriver;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where and as whom to connect: a {@code jdbc:khoros:} URL plus JDBC properties, merged from (in
 * increasing priority) the environment, a properties file, and the command line.
 */
record ConnectionTarget(String url, Properties properties) {

  static final String ENV_USER = "KHOROS_USER";
  static final String ENV_PASSWORD = "KHOROS_PASSWORD";
  static final String ENV_COMPANY_KEY = "KHOROS_COMPANY_KEY";

  static ConnectionTarget resolve(CliOptions options, Map<String, String> env) throws IOException {
    Properties props = new Properties();
    copyEnv(env, ENV_USER, "user", props);
    copyEnv(env, ENV_PASSWORD, "password", props);
    copyEnv(env, ENV_COMPANY_KEY, "companyKey", props);
    String url = null;
    if (options.propertiesFile().isPresent()) {
      Properties file = new Properties();
      try (Reader reader =
          Files.newBufferedReader(options.propertiesFile().get(), StandardCharsets.UTF_8)) {
        file.load(reader);
      }
      for (String key : file.stringPropertyNames()) {
        if (key.equals("jdbcUrl")) {
          url = file.getProperty(key).trim();
        } else {
          props.setProperty(key, file.getProperty(key).trim());
        }
      }
    }
    for (String pair : options.driverProperties()) {
      int eq = pair.indexOf('=');
      props.setProperty(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    options.user().ifPresent(v -> props.setProperty("user", v));
    options.password().ifPresent(v -> props.setProperty("password", v));
    options.companyKey().ifPresent(v -> props.setProperty("companyKey", v));
    if (options.url().isPresent()) {
      url = toJdbcUrl(options.url().get());
    }
    if (url == null) {
      // url= / region= may come from the properties file or -D; the driver reads them from props.
      url = KhorosDriver.PREFIX;
    }
    return new ConnectionTarget(url, props);
  }

  /** Accepts a full {@code jdbc:khoros:} URL or a bare API base URL. */
  static String toJdbcUrl(String given) {
    String url = given.trim();
    if (url.startsWith(KhorosDriver.PREFIX)) {
      return url;
    }
    if (url.startsWith("http://") || url.startsWith("https://")) {
      return KhorosDriver.PREFIX + "url=" + url;
    }
    throw new CliOptions.UsageException(
        "-u needs a jdbc:khoros: URL or an http(s):// base URL, " + "got '" + given + "'");
  }

  private static void copyEnv(Map<String, String> env, String name, String key, Properties props) {
    String value = env.get(name);
    if (value != null && !value.isBlank()) {
      props.setProperty(key, value);
    }
  }

  ConnectionTarget withProperty(String key, String value) {
    Properties copy = new Properties();
    copy.putAll(properties);
    copy.setProperty(key, value);
    return new ConnectionTarget(url, copy);
  }

  Optional<String> property(String key) {
    return Optional.ofNullable(properties.getProperty(key));
  }

  Connection connect() throws SQLException {
    Connection connection = new KhorosDriver().connect(url, properties);
    if (connection == null) {
      throw new SQLException("not a jdbc:khoros: URL: " + url);
    }
    return connection;
  }
}
