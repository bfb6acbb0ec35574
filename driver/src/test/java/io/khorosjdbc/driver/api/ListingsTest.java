package io.khorosjdbc.driver.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.khorosjdbc.driver.api.Fixtures.COMPANY_KEY;
import static io.khorosjdbc.driver.api.Fixtures.pass;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The team and time-zone lists that feed the export filters. */
class ListingsTest {

  @RegisterExtension static final WireMockExtension server = Fixtures.server();

  private AnalyticsClient client;

  @BeforeEach
  void setUp() throws ApiException {
    client = Fixtures.client(server);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void readsTeams() throws IOException {
    server.stubFor(
        get(urlPathEqualTo("/api/public/teams"))
            .withQueryParam("companyKey", equalTo(COMPANY_KEY))
            .willReturn(
                pass(
                    """
                        [{"uuid":"4c1d5194-8946-4e7f-aa8e-6315b3379bf3","teamId":6222,"name":"North West",
                          "description":null,"numberOfMembers":3}]""")));

    assertEquals(
        List.of(new Team("4c1d5194-8946-4e7f-aa8e-6315b3379bf3", 6222, "North West", null, 3)),
        client.teams());
  }

  @Test
  void readsTimeZonesForALocale() throws IOException {
    server.stubFor(
        get(urlPathEqualTo("/api/public/config/timezones"))
            .withQueryParam("companyKey", equalTo(COMPANY_KEY))
            .withQueryParam("locale", equalTo("en"))
            .willReturn(
                pass(
                    """
                        [{"id":"Etc/GMT+12","name":"GMT-12:00","shortName":"GMT-12:00","offsetString":"-12:00",
                          "offsetMillis":-43200000},
                         {"id":"Pacific/Apia","name":"Samoa Daylight Time","shortName":"SDT","offsetString":"+14:00",
                          "offsetMillis":50400000}]""")));

    List<TimeZoneInfo> zones = client.timezones("en");

    assertEquals(
        new TimeZoneInfo("Etc/GMT+12", "GMT-12:00", "GMT-12:00", "-12:00", -43_200_000),
        zones.get(0));
    assertEquals("Pacific/Apia", zones.get(1).id());
  }
}
