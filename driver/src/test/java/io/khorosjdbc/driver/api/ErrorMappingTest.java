package io.khorosjdbc.driver.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.khorosjdbc.driver.api.Fixtures.PASSWORD;
import static io.khorosjdbc.driver.api.Fixtures.REPORTS;
import static io.khorosjdbc.driver.api.Fixtures.TOKEN;
import static io.khorosjdbc.driver.api.Fixtures.json;
import static io.khorosjdbc.driver.api.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How HTTP failures become {@link ApiException}s: flags for the caller, a fix for the user. */
class ErrorMappingTest {

    @RegisterExtension
    static final WireMockExtension server = Fixtures.server();

    private AnalyticsClient client;

    @BeforeEach
    void setUp() throws ApiException {
        client = Fixtures.client(server);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private ApiException createFailingWith(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(REPORTS + "team_performance_interval")).willReturn(response));
        return assertThrows(ApiException.class,
                () -> client.createExport(request("team_performance_interval", Map.of())));
    }

    @Test
    void badRequestCarriesTheServersMessage() {
        ApiException e = createFailingWith(json(400,
                "{\"status\":\"FAIL\",\"message\":\"endTime must be after startTime\",\"result\":null}"));

        assertEquals(400, e.httpStatus());
        assertEquals("endTime must be after startTime", e.serverMessage());
        assertTrue(e.getMessage().contains("endTime must be after startTime"), e.getMessage());
        assertFalse(e.isRetryable());
    }

    @Test
    void badRequestCarriesAStringResultSuchAsTheHydrationException() {
        String hydration = "Unable to hydrate filter for export info: com.lithium.socialweb.analytics.webapp.models."
                + "filter.HydrationException: Too many buckets (745) requested. Select a larger interval?";

        ApiException e = createFailingWith(json(400,
                "{\"status\":\"FAIL\",\"message\":null,\"result\":\"" + hydration + "\"}"));

        assertTrue(e.getMessage().contains("Too many buckets (745) requested"), e.getMessage());
    }

    @Test
    void badRequestWithAnEmptyObjectStillSaysWhatToCheck() {
        ApiException e = createFailingWith(json(400, "{}"));

        assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
        assertTrue(e.getMessage().contains("check the time range and filters"), e.getMessage());
    }

    @Test
    void unauthorizedPointsAtUserAndPassword() {
        ApiException e = createFailingWith(aResponse().withStatus(401));

        assertEquals("the server rejected the user name or password (HTTP 401): check user/password, "
                + "the account must be an Analytics API user", e.getMessage());
    }

    @Test
    void forbiddenPointsAtTheCompanyKey() {
        ApiException e = createFailingWith(aResponse().withStatus(403));

        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertTrue(e.getMessage().contains("companyKey"), e.getMessage());
        assertFalse(e.isLinkExpired());
    }

    @Test
    void notFoundOnCreateNamesTheUnknownExport() {
        server.stubFor(post(urlPathEqualTo(REPORTS + "conversatoin")).willReturn(aResponse().withStatus(404)));

        ApiException e = assertThrows(ApiException.class, () -> client.createExport(request("conversatoin", Map.of())));

        assertTrue(e.getMessage().startsWith("unknown export 'conversatoin'"), e.getMessage());
    }

    @Test
    void tooManyRequestsIsRetryableWithTheServersDelay() {
        ApiException e = createFailingWith(aResponse().withStatus(429).withHeader("Retry-After", "30"));

        assertTrue(e.isRetryable());
        assertEquals(OptionalLong.of(30_000), e.retryAfterMillis());
        assertTrue(e.getMessage().contains("wait 30 s"), e.getMessage());
    }

    @Test
    void serviceUnavailableIsRetryable() {
        ApiException e = createFailingWith(aResponse().withStatus(503));

        assertTrue(e.isRetryable());
        assertEquals(OptionalLong.empty(), e.retryAfterMillis());
    }

    @Test
    void anUnexpectedStatusIsNotRetryable() {
        ApiException e = createFailingWith(aResponse().withStatus(418));

        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("unexpected HTTP 418"), e.getMessage());
    }

    @Test
    void aServerMessageEchoingSecretsIsScrubbed() {
        ApiException e = createFailingWith(json(400, "{\"message\":\"bad request for "
                + "https://h/x?analyticsAccessToken=" + TOKEN + "&companyKey=ck-123 with password " + PASSWORD + "\"}"));

        for (String text : List.of(e.getMessage(), e.serverMessage())) {
            assertFalse(text.contains(PASSWORD), text);
            assertFalse(text.contains(TOKEN), text);
            assertFalse(text.contains("ck-123"), text);
        }
    }

    @Test
    void noErrorMessageContainsThePasswordOrAToken() {
        List<ResponseDefinitionBuilder> failures = List.of(aResponse().withStatus(401), aResponse().withStatus(403),
                aResponse().withStatus(404), aResponse().withStatus(410), aResponse().withStatus(429),
                aResponse().withStatus(500), json(200, "{\"status\":\"FAIL\",\"message\":\"no\"}"));
        for (ResponseDefinitionBuilder failure : failures) {
            server.stubFor(get(urlPathEqualTo("/x")).willReturn(failure));
            ApiException e = assertThrows(ApiException.class, () -> client.status(new ExportHandle("w", "r",
                    server.baseUrl() + "/x?analyticsAccessToken=" + TOKEN, null)));
            assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        }
    }
}
