package io.khorosjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.api.ReportFormat;
import io.khorosjdbc.driver.catalog.SchemaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionConfigTest {

  private static Properties props(String... keyValues) {
    Properties props = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  @Test
  void defaultsNeedOnlyACompanyKey() throws SQLException {
    ConnectionConfig config = ConnectionConfig.from(props("companyKey", "ACME"), Map.of());

    assertEquals("https://analytics-api.app.lithium.com/", config.baseUrl().toString());
    assertEquals(ReportFormat.CSV, config.format());
    assertFalse(config.stringsOnly());
    assertEquals(Optional.of(Duration.ofDays(7)), config.defaultWindow());
    assertEquals("auto", config.splitWindow().toString());
    assertEquals("20/60s", config.requestBudget().toString());
    assertEquals(4, config.maxJobsPerTenant());
    assertFalse(config.endTimeInclusive());
    assertEquals("UTC", config.apiTimeZone().getId());
    assertEquals("en_US", config.apiLocale());
    assertEquals(4, config.maxConcurrentExports());
    assertEquals(Duration.ofHours(1), config.exportTimeout());
  }

  @Test
  void everyPropertyMapsToItsSetting() throws SQLException {
    ConnectionConfig config =
        ConnectionConfig.from(
            props(
                "url",
                "http://127.0.0.1:9999",
                "companyKey",
                "K",
                "user",
                "u",
                "password",
                "p",
                "format",
                "JSON",
                "typeMode",
                "strings",
                "dateFormat",
                "dd.MM.yyyy HH:mm",
                "apiLocale",
                "de",
                "apiTimeZone",
                "America/Chicago",
                "defaultWindow",
                "none",
                "splitWindow",
                "none",
                "endTimeInclusive",
                "true",
                "exportTimeout",
                "5m",
                "pollInitialDelay",
                "10ms",
                "pollMaxDelay",
                "PT2S",
                "maxConcurrentExports",
                "8",
                "schemaCache",
                "false",
                "schemaCacheTtl",
                "1h",
                "allowInsecureHttp",
                "true"),
            Map.of());

    assertEquals("127.0.0.1", config.baseUrl().host());
    assertEquals(ReportFormat.JSON, config.format());
    assertTrue(config.stringsOnly());
    assertEquals(Optional.of("dd.MM.yyyy HH:mm"), config.dateFormat());
    assertEquals("America/Chicago", config.apiTimeZone().getId());
    assertEquals(Optional.empty(), config.defaultWindow());
    assertEquals("none", config.splitWindow().toString());
    assertTrue(config.endTimeInclusive());
    assertEquals(Duration.ofMinutes(5), config.exportTimeout());
    assertEquals(Duration.ofMillis(10), config.pollInitialDelay());
    assertEquals(Duration.ofSeconds(2), config.pollMaxDelay());
    assertEquals(8, config.maxConcurrentExports());
    assertFalse(config.schemaCache());
    assertTrue(config.allowInsecureHttp());
  }

  @Test
  void schemaSettingsCarryTheSchemaPropertiesWithTheColumnCacheKeptPerTenant() throws SQLException {
    SchemaSettings schema =
        ConnectionConfig.from(
                props(
                    "url",
                    "http://127.0.0.1:9999",
                    "companyKey",
                    "K",
                    "schemaCacheDir",
                    "/tmp/columns",
                    "schemaCacheTtl",
                    "1h",
                    "schemaFile",
                    "/tmp/schema.json",
                    "discoveryTimeout",
                    "30s"),
                Map.of())
            .schemaSettings();

    assertEquals(Optional.of(Path.of("/tmp/columns", "127.0.0.1_9999_K")), schema.cacheDirectory());
    assertEquals(Duration.ofHours(1), schema.cacheTtl());
    assertEquals(Optional.of(Path.of("/tmp/schema.json")), schema.schemaFile());
    assertEquals(Duration.ofSeconds(30), schema.discoveryTimeout());
  }

  @Test
  void schemaCacheFalseLeavesTheSchemaSettingsWithoutACacheDirectory() throws SQLException {
    SchemaSettings schema =
        ConnectionConfig.from(props("companyKey", "K", "schemaCache", "false"), Map.of())
            .schemaSettings();

    assertEquals(Optional.empty(), schema.cacheDirectory());
  }

  @Test
  void emeaRegionPicksTheEmeaHost() throws SQLException {
    ConnectionConfig config =
        ConnectionConfig.from(props("companyKey", "K", "region", "emea"), Map.of());
    assertEquals("analytics-api-emea.app.lithium.com", config.baseUrl().host());
  }

  @Test
  void secretsComeFromTheEnvironmentWhenNotGiven() throws SQLException {
    ConnectionConfig config =
        ConnectionConfig.from(
            props("user", ""),
            Map.of(
                "KHOROS_COMPANY_KEY",
                "ENVKEY",
                "KHOROS_USER",
                "envuser",
                "KHOROS_PASSWORD",
                "envpass"));
    assertEquals("ENVKEY", config.companyKey());
    assertEquals("envuser", config.user());
    assertEquals("envpass", config.password());
  }

  @Test
  void aPropertiesFileSuppliesValuesTheUrlDoesNotSet(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("khoros.properties");
    Files.writeString(file, "companyKey=FILEKEY\npassword=filepass\nformat=json\n");
    ConnectionConfig config =
        ConnectionConfig.from(props("propertiesFile", file.toString(), "format", "csv"), Map.of());
    assertEquals("FILEKEY", config.companyKey());
    assertEquals("filepass", config.password());
    assertEquals(ReportFormat.CSV, config.format());
  }

  @Test
  void toStringMasksThePassword() throws SQLException {
    ConnectionConfig config =
        ConnectionConfig.from(props("companyKey", "K", "password", "s3cr3t-XYZ"), Map.of());
    assertFalse(config.toString().contains("s3cr3t-XYZ"));
    assertFalse(config.apiSettings().toString().contains("s3cr3t-XYZ"));
  }

  @Test
  void aMissingCompanyKeyNamesTheProperty() {
    SQLException e =
        assertThrows(SQLException.class, () -> ConnectionConfig.from(props(), Map.of()));
    assertTrue(e.getMessage().contains("companyKey is required"), e.getMessage());
  }

  @Test
  void aNegativeDurationIsRefusedNamingThePropertyAndItsState() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                ConnectionConfig.from(
                    props("companyKey", "K", "pollInitialDelay", "-5s"), Map.of()));

    assertEquals("22023", e.getSQLState());
    assertTrue(
        e.getMessage().contains("pollInitialDelay='-5s' is negative; write 0 or more"),
        e.getMessage());
  }

  @Test
  void badValuesNameThePropertyAndWhatIsAllowed() {
    SQLException duration =
        assertThrows(
            SQLException.class,
            () ->
                ConnectionConfig.from(props("companyKey", "K", "exportTimeout", "soon"), Map.of()));
    assertTrue(duration.getMessage().contains("exportTimeout='soon' is not a duration"));

    SQLException format =
        assertThrows(
            SQLException.class,
            () -> ConnectionConfig.from(props("companyKey", "K", "format", "xml"), Map.of()));
    assertTrue(format.getMessage().contains("format='xml' is not one of csv, json"));

    SQLException zone =
        assertThrows(
            SQLException.class,
            () ->
                ConnectionConfig.from(
                    props("companyKey", "K", "apiTimeZone", "Mars/Base"), Map.of()));
    assertTrue(zone.getMessage().contains("apiTimeZone='Mars/Base'"));
  }

  @Test
  void numbersAndSizesAreCheckedAgainstTheirRange() throws SQLException {
    assertEquals(
        "property maxConcurrentExports='0' must be a positive whole number",
        badValue("maxConcurrentExports", "0"));
    assertEquals(
        "property maxRetries='-1' must be a whole number, 0 or more", badValue("maxRetries", "-1"));
    assertEquals(
        "property maxRequestsPerSecond='fast' must be a number, 0 or more",
        badValue("maxRequestsPerSecond", "fast"));
    assertEquals(
        "property cacheMaxSize='12x' is not a size; write e.g. 1g, 512m or 100k",
        badValue("cacheMaxSize", "12x"));

    ConnectionConfig config =
        ConnectionConfig.from(
            props(
                "companyKey",
                "K",
                "cacheMaxSize",
                "512M",
                "maxRequestsPerSecond",
                "2.5",
                "maxRetries",
                "0"),
            Map.of());
    assertEquals(512L << 20, config.exportCache().maxBytes());
    assertEquals(
        "150/60s",
        config.requestBudget().toString(),
        "the deprecated maxRequestsPerSecond still sets the budget");
    assertEquals(0, config.retryPolicy().maxRetries());
  }

  @Test
  void propertyNamesMatchInAnyCaseAsSparkPassesThemInLowerCase() throws SQLException {
    ConnectionConfig config =
        ConnectionConfig.from(
            props("COMPANYKEY", "K", "requestbudget", "10/1m", "CacheDir", "/tmp/elsewhere"),
            Map.of());

    assertEquals("K", config.companyKey());
    assertEquals("10/60s", config.requestBudget().toString());
    assertEquals("/tmp/elsewhere", config.exportCache().directory().toString());
  }

  private static String badValue(String property, String value) {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> ConnectionConfig.from(props("companyKey", "K", property, value), Map.of()));
    return e.getMessage().replaceFirst("^khoros-jdbc: ", "");
  }
}
