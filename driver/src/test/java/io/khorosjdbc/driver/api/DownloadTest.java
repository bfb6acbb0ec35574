package io.khorosjdbc.driver.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.khorosjdbc.driver.api.Fixtures.EXPECTED_AUTHORIZATION;
import static io.khorosjdbc.driver.api.Fixtures.REPORTS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DownloadTest {

  private static final String DOWNLOAD_PATH =
      REPORTS + "wf-1/23ab%2Bcd%2Fef%3D/download?analyticsAccessToken=tok";
  private static final String FILE = "CONVERSATION_ID,STATUS\n1,OPEN\n";

  @RegisterExtension static final WireMockExtension api = Fixtures.server();

  /** Stands in for the storage service behind pre-signed URLs: another origin. */
  @RegisterExtension static final WireMockExtension storage = Fixtures.server();

  private AnalyticsClient client;

  @BeforeEach
  void setUp() throws ApiException {
    client = Fixtures.client(api);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private String downloadUrl() {
    return api.baseUrl() + DOWNLOAD_PATH;
  }

  private void redirectTo(String location) {
    api.stubFor(
        get(urlEqualTo(DOWNLOAD_PATH))
            .willReturn(aResponse().withStatus(307).withHeader("Location", location)));
  }

  private static String readAll(Download download) throws IOException {
    return new String(download.body().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void followsARedirectToTheSameHostWithoutCredentials() throws IOException {
    redirectTo("/files/tok-123");
    api.stubFor(get(urlEqualTo("/files/tok-123")).willReturn(aResponse().withBody(FILE)));

    try (Download download = client.download(downloadUrl())) {
      assertEquals(FILE, readAll(download));
    }

    api.verify(
        getRequestedFor(urlEqualTo(DOWNLOAD_PATH))
            .withHeader("Authorization", equalTo(EXPECTED_AUTHORIZATION)));
    api.verify(getRequestedFor(urlEqualTo("/files/tok-123")).withHeader("Authorization", absent()));
  }

  @Test
  void followsARedirectToAnotherHostWithoutCredentials() throws IOException {
    String presigned =
        "http://127.0.0.1:" + storage.getPort() + "/bucket/export.csv?X-Amz-Signature=abc";
    redirectTo(presigned);
    storage.stubFor(
        get(urlPathEqualTo("/bucket/export.csv")).willReturn(aResponse().withBody(FILE)));

    try (Download download = client.download(downloadUrl())) {
      assertEquals(FILE, readAll(download));
    }

    storage.verify(
        getRequestedFor(urlPathEqualTo("/bucket/export.csv"))
            .withHeader("Authorization", absent()));
  }

  @Test
  void acceptsTheOtherRedirectCodes() throws IOException {
    api.stubFor(
        get(urlEqualTo(DOWNLOAD_PATH))
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/files/t")));
    api.stubFor(get(urlEqualTo("/files/t")).willReturn(aResponse().withBody(FILE)));

    try (Download download = client.download(downloadUrl())) {
      assertEquals(FILE, readAll(download));
    }
  }

  @Test
  void streamsADirectAnswerAndCountsItsBytes() throws IOException {
    // Uncompressed with a length, as a storage service answers.
    api.stubFor(
        get(urlEqualTo(DOWNLOAD_PATH))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/csv")
                    .withHeader("Content-Length", String.valueOf(FILE.length()))
                    .withGzipDisabled(true)
                    .withBody(FILE)));

    try (Download download = client.download(downloadUrl())) {
      assertArrayEquals(FILE.getBytes(StandardCharsets.UTF_8), download.body().readAllBytes());
      assertEquals(FILE.length(), download.bytesRead());
      assertEquals(OptionalLong.of(FILE.length()), download.contentLength());
      assertEquals("text/csv", download.contentType());
    }
  }

  @Test
  void anExpiredDownloadUrlIsALinkExpiredApiException() {
    api.stubFor(get(urlEqualTo(DOWNLOAD_PATH)).willReturn(aResponse().withStatus(410)));

    ApiException e = assertThrows(ApiException.class, () -> client.download(downloadUrl()));

    assertTrue(e.isLinkExpired());
    assertEquals(410, e.httpStatus());
    assertTrue(e.getMessage().contains("expired"), e.getMessage());
  }

  @Test
  void aRefusedPresignedUrlIsALinkExpiredApiException() {
    redirectTo("/files/old");
    api.stubFor(get(urlEqualTo("/files/old")).willReturn(aResponse().withStatus(403)));

    ApiException e = assertThrows(ApiException.class, () -> client.download(downloadUrl()));

    assertTrue(e.isLinkExpired());
  }

  @Test
  void aRedirectWithoutLocationIsAnApiException() {
    api.stubFor(get(urlEqualTo(DOWNLOAD_PATH)).willReturn(aResponse().withStatus(307)));

    ApiException e = assertThrows(ApiException.class, () -> client.download(downloadUrl()));

    assertTrue(e.getMessage().contains("Location"), e.getMessage());
    assertFalse(e.isLinkExpired());
  }

  @Test
  void aBodyShorterThanItsContentLengthFailsAsTruncated() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> answerWithShortBody(socket));
      server.start();
      String url = "http://127.0.0.1:" + socket.getLocalPort() + "/file.csv";

      try (Download download = client.download(url)) {
        IOException e = assertThrows(IOException.class, () -> download.body().readAllBytes());
        assertEquals("download truncated: got 10 of 100 bytes", e.getMessage());
      }
      server.join();
    }
  }

  /** Promises 100 bytes, sends 10, hangs up. */
  private static void answerWithShortBody(ServerSocket socket) {
    try (Socket connection = socket.accept()) {
      connection.getInputStream().read(new byte[8192]);
      OutputStream out = connection.getOutputStream();
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n0123456789")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
