package io.khorosjdbc.driver.api;

import static io.khorosjdbc.driver.api.Fixtures.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {

  private static ApiSettings settings(String baseUrl, boolean allowInsecureHttp) {
    return new ApiSettings(
        HttpUrl.get(baseUrl),
        "reporter",
        PASSWORD,
        "ck-123",
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        allowInsecureHttp);
  }

  @Test
  void refusesBasicAuthOverPlainHttpToAnotherMachine() {
    ApiException e =
        assertThrows(
            ApiException.class, () -> settings("http://analytics.example.com", false).validate());

    assertTrue(e.getMessage().contains("use an https:// URL"), e.getMessage());
    assertTrue(e.getMessage().contains("allowInsecureHttp=true"), e.getMessage());
  }

  @Test
  void theClientCannotBeBuiltWithInsecureSettings() {
    assertThrows(
        ApiException.class,
        () -> new AnalyticsClient(settings("http://analytics.example.com", false)));
  }

  @Test
  void allowsPlainHttpToLoopback() {
    assertDoesNotThrow(() -> settings("http://localhost:8080", false).validate());
    assertDoesNotThrow(() -> settings("http://127.0.0.1:8080", false).validate());
    assertDoesNotThrow(() -> settings("http://[::1]:8080", false).validate());
  }

  @Test
  void aHostNameThatMerelyStartsWith127IsNotLoopback() {
    assertThrows(
        ApiException.class, () -> settings("http://127.0.0.1.example.com", false).validate());
  }

  @Test
  void allowsPlainHttpWhenExplicitlyAllowed() {
    assertDoesNotThrow(() -> settings("http://analytics.example.com", true).validate());
  }

  @Test
  void allowsHttps() {
    assertDoesNotThrow(() -> settings("https://analytics-api.app.lithium.com", false).validate());
  }

  @Test
  void requiresCredentials() {
    ApiSettings noUser =
        new ApiSettings(
            HttpUrl.get("https://h"), null, null, "ck", Duration.ZERO, Duration.ZERO, false);

    ApiException e = assertThrows(ApiException.class, noUser::validate);

    assertTrue(e.getMessage().contains("user and password"), e.getMessage());
  }

  @Test
  void requiresACompanyKey() {
    assertThrows(
        NullPointerException.class,
        () ->
            new ApiSettings(
                HttpUrl.get("https://h"), "u", "p", null, Duration.ZERO, Duration.ZERO, false));
    ApiSettings blank =
        new ApiSettings(
            HttpUrl.get("https://h"), "u", "p", " ", Duration.ZERO, Duration.ZERO, false);
    assertThrows(ApiException.class, blank::validate);
  }

  @Test
  void toStringMasksThePasswordAndCompanyKey() {
    String text = settings("https://analytics-api.app.lithium.com", false).toString();

    assertTrue(text.contains("password=****"), text);
    assertFalse(text.contains(PASSWORD), text);
    assertFalse(text.contains("ck-123"), text);
  }
}
