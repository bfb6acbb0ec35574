package io.khorosjdbc.emulator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.khorosjdbc.emulator.fault.FaultKind;
import io.khorosjdbc.emulator.report.Params;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request being answered: its decoded path segments and merged parameters, and the only
 * ways to respond, each of which records the request in the journal and applies body faults.
 */
final class Call {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpExchange exchange;
  private final Journal journal;
  private final long seq;
  private final long time;
  private final List<String> segments;
  private final Params params = new Params();
  private final int slowBytesPerSecond;
  private String route = "other";
  private String exportId;
  private boolean journaled = true;
  private byte[] body = new byte[0];
  private boolean responded;
  private FaultKind bodyFault;

  Call(HttpExchange exchange, Journal journal, long seq, int slowBytesPerSecond) {
    this.exchange = exchange;
    this.journal = journal;
    this.seq = seq;
    this.time = System.currentTimeMillis();
    this.slowBytesPerSecond = slowBytesPerSecond;
    this.segments = segments(exchange.getRequestURI().getRawPath());
    params.addUrlEncoded(exchange.getRequestURI().getRawQuery());
  }

  /**
   * Splits the raw path before decoding each segment, so an encoded '/' (%2F) in a runId stays
   * inside its segment; '+' in a path is a literal plus, not a space.
   */
  static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(PathDecoder.decode(s));
      }
    }
    return out;
  }

  /** Reads the request body; {@link #parseBody()} turns it into parameters. */
  void readBody() throws IOException {
    body = exchange.getRequestBody().readAllBytes();
  }

  String rawBody() {
    return new String(body, StandardCharsets.UTF_8).trim();
  }

  /** Adds the body's parameters: JSON if the Content-Type says so, otherwise form-urlencoded. */
  void parseBody() {
    if (body.length == 0) {
      return;
    }
    String type =
        String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
            .toLowerCase(Locale.ROOT);
    if (type.contains("json")) {
      params.addJson(body);
    } else {
      params.addUrlEncoded(rawBody());
    }
  }

  String method() {
    return exchange.getRequestMethod();
  }

  List<String> segments() {
    return segments;
  }

  Params params() {
    return params;
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  void route(String route, String exportId) {
    this.route = route;
    this.exportId = exportId;
  }

  String route() {
    return route;
  }

  /** Keeps this call out of the journal (the emulator's own /_emulator routes). */
  void unjournaled() {
    journaled = false;
  }

  void bodyFault(FaultKind kind) {
    this.bodyFault = kind;
  }

  /** http://host:port as the client addressed us (Host header), for absolute URLs in responses. */
  String baseUrl() {
    String host = header("Host");
    if (host == null || host.isBlank()) {
      host =
          exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
    }
    return "http://" + host;
  }

  void setHeader(String name, String value) {
    exchange.getResponseHeaders().set(name, value);
  }

  /** A JSON body. */
  void json(int status, Object body) throws IOException {
    setHeader("Content-Type", "application/json; charset=utf-8");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    JSON.writeValue(buf, body);
    try (OutputStream out = stream(status)) {
      out.write(buf.toByteArray());
    }
  }

  /** The API's failure envelope. */
  void fail(int status, String message, Object result) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "FAIL");
    body.put("request", null);
    body.put("message", message);
    body.put("result", result);
    json(status, body);
  }

  /** The API's success envelope. */
  void pass(Object result) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "PASS");
    body.put("request", null);
    body.put("message", null);
    body.put("result", result);
    json(200, body);
  }

  /** A response without a body. */
  void empty(int status) throws IOException {
    record(status);
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  /** Starts a chunked body (generated on the fly); the caller writes and closes it. */
  OutputStream stream(int status) throws IOException {
    record(status);
    exchange.sendResponseHeaders(status, 0);
    OutputStream out = exchange.getResponseBody();
    if (bodyFault == FaultKind.TRUNCATE) {
      return new TruncatingOutputStream(out);
    }
    return bodyFault == FaultKind.SLOW ? new ThrottledOutputStream(out, slowBytesPerSecond) : out;
  }

  /** Drops the connection without any response (the reset fault). */
  void reset() {
    record(0);
    throw new AbortConnection("reset fault");
  }

  /** Whether a status line has been sent (or the connection dropped) for this call. */
  boolean responded() {
    return responded;
  }

  private void record(int status) {
    responded = true;
    if (!journaled) {
      return;
    }
    journal.add(
        new JournalEntry(
            seq,
            time,
            method(),
            exchange.getRequestURI().getRawPath(),
            route,
            exportId,
            params.asMap(),
            header("Authorization") != null,
            status));
  }
}
