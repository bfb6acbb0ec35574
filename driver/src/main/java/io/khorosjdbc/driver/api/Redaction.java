package io.khorosjdbc.driver.api;

import java.util.Locale;

/**
 * Masks secrets in URLs before they are printed, logged or put in an exception message.
 *
 * <p>The API hands out status and download URLs that carry an access token ({@code
 * analyticsAccessToken}) or the {@code companyKey} on the query string; pre-signed storage URLs
 * carry signatures and credentials the same way. Every place in the driver that may print a URL
 * goes through {@link #url(String)}.
 */
public final class Redaction {

  static final String MASK = "****";

  private Redaction() {}

  /**
   * Returns {@code url} with user info and the values of sensitive query parameters replaced by
   * {@code ****}. A parameter is sensitive when its name contains {@code token}, {@code key},
   * {@code signature}, {@code credential} or {@code password}, or is {@code sig}, in any case.
   * Works on plain strings, so malformed URLs are masked too. Returns {@code null} for {@code
   * null}.
   */
  public static String url(String url) {
    if (url == null) {
      return null;
    }
    int fragmentStart = url.indexOf('#');
    String beforeFragment = fragmentStart < 0 ? url : url.substring(0, fragmentStart);
    String fragment = fragmentStart < 0 ? "" : url.substring(fragmentStart);
    int queryStart = beforeFragment.indexOf('?');
    String base = queryStart < 0 ? beforeFragment : beforeFragment.substring(0, queryStart);
    StringBuilder out = new StringBuilder(url.length()).append(withoutUserInfo(base));
    if (queryStart >= 0) {
      out.append('?').append(maskQuery(beforeFragment.substring(queryStart + 1)));
    }
    return out.append(fragment).toString();
  }

  private static String withoutUserInfo(String base) {
    int schemeEnd = base.indexOf("://");
    int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
    int pathStart = base.indexOf('/', authorityStart);
    int authorityEnd = pathStart < 0 ? base.length() : pathStart;
    int at = base.lastIndexOf('@', authorityEnd - 1);
    if (at < authorityStart) {
      return base;
    }
    return base.substring(0, authorityStart) + MASK + base.substring(at);
  }

  private static String maskQuery(String query) {
    StringBuilder out = new StringBuilder(query.length());
    String separator = "";
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      out.append(separator).append(eq >= 0 && isSensitive(name) ? name + "=" + MASK : pair);
      separator = "&";
    }
    return out.toString();
  }

  static boolean isSensitive(String parameterName) {
    String name = parameterName.toLowerCase(Locale.ROOT);
    return name.contains("token")
        || name.contains("key")
        || name.contains("signature")
        || name.contains("credential")
        || name.contains("password")
        || name.equals("sig");
  }
}
