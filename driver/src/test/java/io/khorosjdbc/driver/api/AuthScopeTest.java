package io.khorosjdbc.driver.api;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.khorosjdbc.driver.api.Fixtures.pass;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server-supplied URLs are followed verbatim, so credentials must be scoped to the configured
 * origin.
 */
class AuthScopeTest {

  @RegisterExtension static final WireMockExtension api = Fixtures.server();

  @RegisterExtension static final WireMockExtension elsewhere = Fixtures.server();

  @Test
  void aStatusUrlOnAnotherOriginGetsNoCredentials() throws IOException {
    elsewhere.stubFor(
        get(urlPathEqualTo("/status"))
            .willReturn(
                pass("{\"jobInfo\":{},\"result\":{\"runnerState\":\"RUNNING\",\"detail\":\"\"}}")));

    try (AnalyticsClient client = Fixtures.client(api)) {
      client.status(
          new ExportHandle("w", "r", elsewhere.baseUrl() + "/status?analyticsAccessToken=t", null));
    }

    elsewhere.verify(
        getRequestedFor(urlPathEqualTo("/status")).withHeader("Authorization", absent()));
  }
}
