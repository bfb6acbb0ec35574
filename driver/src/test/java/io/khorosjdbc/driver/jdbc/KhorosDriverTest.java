package io.khorosjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.driver.testing.Rows;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KhorosDriverTest {

  @Test
  void theDriverIsRegisteredThroughTheServiceFileForItsPrefixOnly() throws SQLException {
    assertTrue(
        ServiceLoader.load(Driver.class).stream().anyMatch(p -> p.type() == KhorosDriver.class));
    assertInstanceOf(KhorosDriver.class, DriverManager.getDriver("jdbc:khoros:companyKey=K"));
    assertFalse(new KhorosDriver().acceptsURL("jdbc:calcite:"));
    assertNull(new KhorosDriver().connect("jdbc:other:x", new Properties()));
  }

  @Test
  void everyPropertyIsListedWithADescriptionAndItsDefault() throws SQLException {
    Map<String, DriverPropertyInfo> listed =
        Arrays.stream(
                new KhorosDriver()
                    .getPropertyInfo("jdbc:khoros:companyKey=ACME;format=json", new Properties()))
            .collect(Collectors.toMap(p -> p.name, p -> p));

    for (DriverProperty property : DriverProperty.values()) {
      DriverPropertyInfo info = listed.get(property.key());
      assertTrue(info != null && !info.description.isBlank(), property.key());
    }
    assertEquals("ACME", listed.get("companyKey").value);
    assertTrue(listed.get("companyKey").required);
    assertEquals("json", listed.get("format").value);
    assertEquals("7d", listed.get("defaultWindow").value);
    assertTrue(listed.get("defaultWindow").description.contains("Default: 7d"));
    assertEquals(Arrays.asList("csv", "json"), Arrays.asList(listed.get("format").choices));
  }

  @Test
  void thePasswordIsNeverEchoedBackByGetPropertyInfo() throws SQLException {
    Properties info = new Properties();
    info.setProperty("password", "s3cr3t-XYZ");
    DriverPropertyInfo password =
        Arrays.stream(new KhorosDriver().getPropertyInfo("jdbc:khoros:companyKey=K", info))
            .filter(p -> p.name.equals("password"))
            .findFirst()
            .orElseThrow();
    assertNull(password.value);
  }

  @Test
  void identifiersWorkInAnyCaseWithoutQuotes() throws SQLException {
    try (EmulatorFixture emu = EmulatorFixture.start();
        Connection connection = emu.connect();
        Statement statement = connection.createStatement()) {
      String window =
          " WHERE window_start >= TIMESTAMP '2019-02-01 00:00:00' AND "
              + "Window_End <= TIMESTAMP '2019-02-01 01:00:00'";
      assertEquals(
          Rows.query(statement, "SELECT response_id FROM RESPONSE" + window),
          Rows.query(statement, "SELECT RESPONSE_ID FROM khoros.response" + window));
    }
  }
}
