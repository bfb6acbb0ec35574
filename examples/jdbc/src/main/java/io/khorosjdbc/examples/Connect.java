package io.khorosjdbc.examples;

import java.util.Properties;

/**
 * Where the examples connect: {@code KHOROS_JDBC_URL} (default: an emulator on port 8089, started
 * with {@code java -jar emulator/target/khoros-emulator.jar --port 8089}), with the user and
 * password from {@code KHOROS_USER}/{@code KHOROS_PASSWORD} (default demo/demo).
 */
public final class Connect {
  private Connect() {}

  public static String url(String[] args) {
    if (args.length > 0) {
      return args[0];
    }
    String url = System.getenv("KHOROS_JDBC_URL");
    return url != null ? url : "jdbc:khoros:url=http://127.0.0.1:8089;companyKey=demo";
  }

  public static Properties credentials() {
    Properties props = new Properties();
    props.setProperty("user", env("KHOROS_USER", "demo"));
    props.setProperty("password", env("KHOROS_PASSWORD", "demo"));
    return props;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value != null ? value : fallback;
  }
}
