package io.khorosjdbc.driver.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A hand-stubbed Analytics API for precise faults: WireMock plays the API (create, status, the
 * 307), and a small JDK server plays the storage service behind the pre-signed URL, where each
 * request takes the next scripted body, optionally cut off after some bytes while announcing the
 * full {@code Content-Length}. Columns are pinned by a schema file, so no discovery export runs.
 * Saved jobs and learned job durations live in a private directory: WireMock may get the port of an
 * earlier test, and a job that test saved must not answer this one's query.
 */
final class StubbedApi implements AutoCloseable {
  static final String USER = "reporter";
  static final String PASSWORD = "s3cr3t-XYZ";
  static final String TOKEN = "oMqgB5T7BikRH3ISPxlqIw==";
  static final String REPORT = "/api/public/reports/report/response";
  static final String STATUS = "/api/public/reports/report/wf-1/23ab%2Bcd%2Fef%3D/status";
  static final String DOWNLOAD = "/api/public/reports/report/wf-1/23ab%2Bcd%2Fef%3D/download";
  static final String WINDOW =
      " WHERE WINDOW_START >= TIMESTAMP '2019-03-11 00:00:00'"
          + " AND WINDOW_END <= TIMESTAMP '2019-03-11 12:00:00'";
  static final String QUERY = "SELECT RESPONSE_ID, RESPONSE_TEXT FROM response" + WINDOW;

  final WireMockServer api = new WireMockServer(wireMockConfig().dynamicPort());
  private final ServerSocket storage;
  private final Deque<byte[][]> files = new ArrayDeque<>();
  final AtomicInteger fileRequests = new AtomicInteger();
  volatile boolean fileAuthorizationSeen;
  private final Path schema;
  private final Path stateDir;

  StubbedApi() {
    api.start();
    try {
      storage = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      schema = Files.createTempFile("khoros-reliability-schema", ".json");
      stateDir = Files.createTempDirectory("khoros-reliability-state");
      Files.writeString(
          schema,
          "{\"response\": [{\"name\": \"RESPONSE_ID\"}, " + "{\"name\": \"RESPONSE_TEXT\"}]}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::serveFiles, "stub-storage");
    accept.setDaemon(true);
    accept.start();
  }

  /**
   * The storage service: one request per connection, answered with the next scripted body and
   * {@code Connection: close}; a cut body announces its full length and then the socket closes.
   */
  private void serveFiles() {
    while (!storage.isClosed()) {
      try (Socket socket = storage.accept()) {
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
          if (line.toLowerCase(java.util.Locale.ROOT).startsWith("authorization:")) {
            fileAuthorizationSeen = true;
          }
        }
        fileRequests.incrementAndGet();
        byte[][] next;
        synchronized (files) {
          next = files.size() > 1 ? files.removeFirst() : files.peekFirst();
        }
        byte[] body = next[0];
        int cut = next[1] == null ? body.length : next[1].length;
        OutputStream out = socket.getOutputStream();
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: "
                    + body.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, 0, cut);
        out.flush();
      } catch (IOException e) {
        // a closed server or a client that hung up
      }
    }
  }

  /** The next file requests answer these bodies in order (the last one repeats). */
  StubbedApi files(String... bodies) {
    synchronized (files) {
      files.clear();
      for (String body : bodies) {
        files.add(new byte[][] {body.getBytes(StandardCharsets.UTF_8), null});
      }
    }
    return this;
  }

  /** Queues a body that breaks off after {@code keepBytes} bytes, then continues the queue. */
  StubbedApi truncatedFileFirst(String body, int keepBytes) {
    synchronized (files) {
      files.addFirst(new byte[][] {body.getBytes(StandardCharsets.UTF_8), new byte[keepBytes]});
    }
    return this;
  }

  String base() {
    return api.baseUrl();
  }

  String statusUrl() {
    return base() + STATUS + "?analyticsAccessToken=" + TOKEN.replace("=", "%3D");
  }

  String downloadUrl() {
    return base() + DOWNLOAD + "?analyticsAccessToken=" + TOKEN.replace("=", "%3D");
  }

  /** A job that completes at the first poll and whose file is whatever {@link #files} says. */
  StubbedApi completedJob() {
    api.stubFor(post(urlPathEqualTo(REPORT)).willReturn(created()));
    api.stubFor(get(urlPathEqualTo(STATUS)).willReturn(completed()));
    api.stubFor(
        get(urlPathEqualTo(DOWNLOAD))
            .willReturn(
                aResponse()
                    .withStatus(307)
                    .withHeader(
                        "Location",
                        "http://127.0.0.1:"
                            + storage.getLocalPort()
                            + "/files/presigned-"
                            + TOKEN.hashCode())));
    return this;
  }

  ResponseDefinitionBuilder created() {
    return pass(
        "{\"workflowId\":\"wf-1\",\"runId\":\"23ab+cd/ef=\",\"downloadUrl\":\"\","
            + "\"statusUrl\":\""
            + statusUrl()
            + "\"}");
  }

  ResponseDefinitionBuilder completed() {
    return status("CLOSED", "COMPLETED", downloadUrl());
  }

  static ResponseDefinitionBuilder status(String runnerState, String detail, String downloadUrl) {
    return pass(
        "{\"jobInfo\":{\"workflowId\":\"wf-1\",\"runId\":\"23ab+cd/ef=\",\"downloadUrl\":\""
            + downloadUrl
            + "\"},\"result\":{\"runnerState\":\""
            + runnerState
            + "\",\"reason\":null,"
            + "\"detail\":\""
            + detail
            + "\"}}");
  }

  static ResponseDefinitionBuilder pass(String result) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"status\":\"PASS\",\"request\":null,\"message\":null,\"result\":" + result + "}");
  }

  void stub(MappingBuilder mapping) {
    api.stubFor(mapping);
  }

  Connection connect(String... extra) throws SQLException {
    StringBuilder url =
        new StringBuilder(
            "jdbc:khoros:url="
                + base()
                + ";companyKey=ck-123"
                + ";cache=false;pollInitialDelay=5ms;pollMaxDelay=20ms;retryBaseDelay=5ms;retryMaxDelay=50ms"
                + ";schemaCache=false;schemaFile="
                + schema
                + ";cacheDir="
                + stateDir);
    for (String property : extra) {
      url.append(';').append(property);
    }
    Properties credentials = new Properties();
    credentials.setProperty("user", USER);
    credentials.setProperty("password", PASSWORD);
    return DriverManager.getConnection(url.toString(), credentials);
  }

  @Override
  public void close() {
    api.stop();
    try {
      storage.close();
    } catch (IOException ignored) {
      // closing
    }
    try {
      Files.deleteIfExists(schema);
      try (Stream<Path> files = Files.walk(stateDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    } catch (IOException ignored) {
      // temp files
    }
  }
}
