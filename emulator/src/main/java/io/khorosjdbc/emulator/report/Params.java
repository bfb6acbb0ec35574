package io.khorosjdbc.emulator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Request parameters merged from the query string, a form-urlencoded body and a JSON body, in that
 * order. Every name keeps all its values, so repeated parameters ({@code reportMetrics}, {@code
 * agentId}, {@code teamId}) survive.
 */
public final class Params {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  public void add(String name, String value) {
    values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }

  /** Adds {@code a=1&b=2} pairs; '+' means space, as in HTML forms and query strings. */
  public void addUrlEncoded(String raw) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      add(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
  }

  /** Adds the fields of a JSON object body; arrays give repeated values, scalars their text. */
  public void addJson(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw ApiException.badRequest("a JSON request body must be an object of parameters");
    }
    for (Map.Entry<String, JsonNode> f : root.properties()) {
      if (f.getValue().isArray()) {
        f.getValue().forEach(v -> add(f.getKey(), v.asText()));
      } else if (!f.getValue().isNull()) {
        add(f.getKey(), f.getValue().asText());
      }
    }
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The first value, if any. */
  public Optional<String> first(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** All values, with comma-separated ones split ({@code priorities=0%2C1}); blanks dropped. */
  public List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (String v : all(name)) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  /** A copy for the journal. */
  public Map<String, List<String>> asMap() {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }
}
