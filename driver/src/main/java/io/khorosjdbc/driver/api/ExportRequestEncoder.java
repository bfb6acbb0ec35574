package io.khorosjdbc.driver.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Turns an {@link ExportRequest} into the HTTP request the API documents for that export.
 *
 * <p>All values go through OkHttp's encoders, so a value is always data: {@code 1&companyKey=x}
 * arrives as one value, never as an extra parameter.
 */
final class ExportRequestEncoder {

  /**
   * Exports whose POST takes its parameters as an x-www-form-urlencoded body; others use the query
   * string.
   */
  static final Set<String> FORM_BODY_EXPORTS = Set.of("conversation_actions", "user");

  /** Parameters the API takes as one comma-separated value; all others repeat per value. */
  static final Set<String> COMMA_JOINED = Set.of("priorities", "workqueueIds", "teamIds");

  private ExportRequestEncoder() {}

  static Request encode(ApiPaths paths, ExportRequest request) {
    HttpUrl.Builder url = paths.export(request.exportId(), request.marketing());
    List<Map.Entry<String, String>> parameters = parameters(request);
    RequestBody body;
    if (!request.marketing() && FORM_BODY_EXPORTS.contains(request.exportId())) {
      FormBody.Builder form = new FormBody.Builder();
      parameters.forEach(p -> form.add(p.getKey(), p.getValue()));
      body = form.build();
    } else {
      parameters.forEach(p -> url.addQueryParameter(p.getKey(), p.getValue()));
      body = RequestBody.EMPTY;
    }
    return new Request.Builder()
        .url(url.build())
        .post(body)
        .header("Accept", "application/json")
        .build();
  }

  /**
   * Name/value pairs in a stable order; {@code companyKey} is not among them (it is always in the
   * URL).
   */
  static List<Map.Entry<String, String>> parameters(ExportRequest request) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    out.add(Map.entry("startTime", Long.toString(request.startTime())));
    out.add(Map.entry("endTime", Long.toString(request.endTime())));
    request.reportMetrics().forEach(metric -> out.add(Map.entry("reportMetrics", metric)));
    if (request.format() != null) {
      out.add(Map.entry("reportFormat", request.format().apiValue()));
    }
    if (request.locale() != null) {
      out.add(Map.entry("locale", request.locale()));
    }
    if (request.timezone() != null) {
      out.add(Map.entry("timezone", request.timezone()));
    }
    request
        .parameters()
        .forEach(
            (name, values) -> {
              if (COMMA_JOINED.contains(name)) {
                if (!values.isEmpty()) {
                  out.add(Map.entry(name, String.join(",", values)));
                }
              } else {
                values.forEach(value -> out.add(Map.entry(name, value)));
              }
            });
    return out;
  }
}
