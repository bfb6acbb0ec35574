package io.khorosjdbc.driver.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;

/** Builds the API's URLs from the configured base URL; every URL carries {@code companyKey}. */
final class ApiPaths {

  private final HttpUrl root;
  private final String companyKey;

  ApiPaths(HttpUrl baseUrl, String companyKey) {
    this.root = rootOf(baseUrl);
    this.companyKey = companyKey;
  }

  /**
   * The documentation's server entry ends in {@code /api/public} while its paths start with it;
   * accept a base URL in either form so users can paste what they find.
   */
  private static HttpUrl rootOf(HttpUrl baseUrl) {
    List<String> segments = new ArrayList<>(baseUrl.encodedPathSegments());
    if (segments.get(segments.size() - 1).isEmpty()) {
      segments.remove(segments.size() - 1);
    }
    int n = segments.size();
    if (n >= 2 && segments.get(n - 2).equals("api") && segments.get(n - 1).equals("public")) {
      segments = segments.subList(0, n - 2);
    }
    HttpUrl.Builder root = baseUrl.newBuilder().encodedPath("/").query(null).fragment(null);
    segments.forEach(root::addEncodedPathSegment);
    return root.build();
  }

  /** {@code /api/public/reports/report[/marketing]/{exportId}?companyKey=…}. */
  HttpUrl.Builder export(String exportId, boolean marketing) {
    HttpUrl.Builder url = api("reports", "report");
    if (marketing) {
      url.addPathSegment("marketing");
    }
    return url.addPathSegment(exportId).addQueryParameter("companyKey", companyKey);
  }

  /**
   * A status URL for a job whose create response carried no {@code statusUrl} (the generic
   * endpoint's documented example has only the IDs). It uses the older {@code companyKey} form
   * because no access token is known; IDs are percent-encoded since {@code runId} holds {@code + /
   * =}.
   */
  String fallbackStatusUrl(String workflowId, String runId) {
    return api("reports", "report")
        .addEncodedPathSegment(encodeSegment(workflowId))
        .addEncodedPathSegment(encodeSegment(runId))
        .addPathSegment("status")
        .addQueryParameter("companyKey", companyKey)
        .build()
        .toString();
  }

  /** {@code /api/public/teams?companyKey=…}. */
  HttpUrl teams() {
    return api("teams").addQueryParameter("companyKey", companyKey).build();
  }

  /** {@code /api/public/config/timezones?companyKey=…[&locale=…]}. */
  HttpUrl timezones(String locale) {
    HttpUrl.Builder url = api("config", "timezones").addQueryParameter("companyKey", companyKey);
    if (locale != null) {
      url.addQueryParameter("locale", locale);
    }
    return url.build();
  }

  private HttpUrl.Builder api(String... segments) {
    HttpUrl.Builder url = root.newBuilder().addPathSegment("api").addPathSegment("public");
    for (String segment : segments) {
      url.addPathSegment(segment);
    }
    return url;
  }

  // URLEncoder is form encoding: it writes a space as '+', which in a path would mean '+'.
  private static String encodeSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
