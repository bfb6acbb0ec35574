package io.khorosjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverPropertyInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every property in {@link DriverProperty} is real: setting it changes the settings some layer is
 * handed (one of the records {@link ConnectionConfig} builds), tools are offered it, the SQL
 * reference documents it, and the settings' text shows it (a secret masked). A property added
 * without all four fails here.
 */
class DriverPropertiesTest {
  private static final String SECRET = "s3cr3t-XYZ";

  /** A valid value other than the default, for each property. */
  private static Map<DriverProperty, String> samples(Path dir) throws Exception {
    Path file = dir.resolve("khoros.properties");
    Files.writeString(file, "format=json\n");
    Map<DriverProperty, String> samples = new EnumMap<>(DriverProperty.class);
    samples.put(DriverProperty.URL, "http://127.0.0.1:9999");
    samples.put(DriverProperty.REGION, "emea");
    samples.put(DriverProperty.COMPANY_KEY, "OTHER");
    samples.put(DriverProperty.USER, "someone");
    samples.put(DriverProperty.PASSWORD, SECRET);
    samples.put(DriverProperty.PROPERTIES_FILE, file.toString());
    samples.put(DriverProperty.FORMAT, "json");
    samples.put(DriverProperty.TYPE_MODE, "strings");
    samples.put(DriverProperty.DATE_FORMAT, "dd.MM.yyyy HH:mm");
    samples.put(DriverProperty.API_LOCALE, "de_DE");
    samples.put(DriverProperty.API_TIME_ZONE, "America/Chicago");
    samples.put(DriverProperty.DEFAULT_WINDOW, "1d");
    samples.put(DriverProperty.END_TIME_INCLUSIVE, "true");
    samples.put(DriverProperty.EXPORT_TIMEOUT, "5m");
    samples.put(DriverProperty.DISCOVERY_TIMEOUT, "30s");
    samples.put(DriverProperty.POLL_INITIAL, "2s");
    samples.put(DriverProperty.POLL_MAX, "30s");
    samples.put(DriverProperty.SPLIT_WINDOW, "7d");
    samples.put(DriverProperty.MAX_CONCURRENT_EXPORTS, "2");
    samples.put(DriverProperty.CONNECT_TIMEOUT, "3s");
    samples.put(DriverProperty.READ_TIMEOUT, "20s");
    samples.put(DriverProperty.SCHEMA_CACHE, "false");
    samples.put(DriverProperty.SCHEMA_CACHE_DIR, dir.resolve("schema").toString());
    samples.put(DriverProperty.SCHEMA_CACHE_TTL, "1h");
    samples.put(DriverProperty.SCHEMA_FILE, dir.resolve("schema.json").toString());
    samples.put(DriverProperty.CACHE, "false");
    samples.put(DriverProperty.CACHE_DIR, dir.resolve("exports").toString());
    samples.put(DriverProperty.CACHE_TTL, "1m");
    samples.put(DriverProperty.CACHE_CLOSED_TTL, "1h");
    samples.put(DriverProperty.CACHE_MAX_SIZE, "10m");
    samples.put(DriverProperty.CACHE_CLEAR, "true");
    samples.put(DriverProperty.CACHE_MEMORY, "64m");
    samples.put(DriverProperty.ALLOW_INSECURE_HTTP, "true");
    samples.put(DriverProperty.MAX_RETRIES, "1");
    samples.put(DriverProperty.RETRY_BASE_DELAY, "1s");
    samples.put(DriverProperty.RETRY_MAX_DELAY, "30s");
    samples.put(DriverProperty.REQUEST_BUDGET, "10/1m");
    samples.put(DriverProperty.MAX_REQUESTS_PER_SECOND, "5");
    samples.put(DriverProperty.MAX_JOBS_PER_TENANT, "2");
    samples.put(DriverProperty.MAX_TIME_BUCKETS, "10");
    return samples;
  }

  private static ConnectionConfig config(String... keyValues) throws Exception {
    Properties props = new Properties();
    props.setProperty("companyKey", "K");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return ConnectionConfig.from(props, Map.of());
  }

  /** What the layers are handed: a property that changes none of it reaches no layer. */
  private static List<Object> settings(ConnectionConfig config) {
    return List.of(
        config.apiSettings(),
        config.schedulerSettings(),
        config.exportSettings(),
        config.sqlSettings(),
        config.schemaSettings(),
        config.exportCache());
  }

  @Test
  void everyPropertyHasASampleHere(@TempDir Path dir) throws Exception {
    assertEquals(
        Arrays.asList(DriverProperty.values()),
        new ArrayList<>(samples(dir).keySet()),
        "add a sample value for the new property");
  }

  @Test
  void everyPropertyChangesItsSetting(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("schema.json"), "{}");
    List<Object> defaults = settings(config());
    for (Map.Entry<DriverProperty, String> sample : samples(dir).entrySet()) {
      assertNotEquals(
          defaults,
          settings(config(sample.getKey().key(), sample.getValue())),
          sample.getKey().key() + "=" + sample.getValue() + " changed nothing");
    }
  }

  @Test
  void everyPropertyIsOfferedToToolsAndDocumented() throws Exception {
    DriverPropertyInfo[] offered = new KhorosDriver().getPropertyInfo("jdbc:khoros:", null);
    String reference = Files.readString(Path.of("..", "docs", "sql-reference.md"));
    for (DriverProperty property : DriverProperty.values()) {
      assertTrue(
          Arrays.stream(offered)
              .anyMatch(
                  info -> info.name.equals(property.key()) && info.required == property.required()),
          property.key() + " in getPropertyInfo");
      assertTrue(
          reference.contains("`" + property.key() + "`"),
          property.key() + " in docs/sql-reference.md");
    }
  }

  @Test
  void theSettingsTextShowsEveryPropertyAndNoSecret(@TempDir Path dir) throws Exception {
    String text = config("password", SECRET, "user", "someone").toString();
    for (DriverProperty property : DriverProperty.values()) {
      assertTrue(text.contains(property.key() + "="), property.key() + " in " + text);
    }
    assertFalse(text.contains(SECRET), text);
    assertTrue(text.contains("password=****"), text);
  }
}
