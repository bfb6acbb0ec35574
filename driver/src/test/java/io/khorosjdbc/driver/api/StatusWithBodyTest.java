package io.khorosjdbc.driver.api;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.khorosjdbc.driver.api.Fixtures.REPORTS;
import static io.khorosjdbc.driver.api.Fixtures.pass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The status call that also hands back the body as sent, for khoros-sql --check. */
class StatusWithBodyTest {
  private static final String STATUS_PATH =
      REPORTS + "wf-1/23ab%2Bcd%2Fef%3D/status?analyticsAccessToken=tok%3D%3D";

  @RegisterExtension static final WireMockExtension server = Fixtures.server();

  @Test
  void theBodyIsTheServersAndTheStatusIsReadAsUsual() throws IOException {
    String result =
        """
                [{"jobInfo":{"downloadUrl":""},"result":{"runnerState":"RUNNING","details":""}}]""";
    server.stubFor(get(urlEqualTo(STATUS_PATH)).willReturn(pass(result)));
    ExportHandle handle =
        new ExportHandle("wf-1", "23ab+cd/ef=", server.baseUrl() + STATUS_PATH, null);
    try (AnalyticsClient client = Fixtures.client(server)) {
      StatusReply reply = client.statusWithBody(handle, new CallGroup());
      assertTrue(reply.status().isRunning());
      assertTrue(reply.body().contains("\"details\":\"\""), reply.body());
      assertTrue(reply.body().contains("\"result\":[{"), reply.body());
      assertEquals(client.status(handle), reply.status());
      assertFalse(
          reply.toString().contains("jobInfo"), "the body, which holds tokens, is not printed");
    }
  }
}
