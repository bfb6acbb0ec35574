package io.khorosjdbc.driver.api;

import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where and as whom the {@link AnalyticsClient} talks to the API.
 *
 * <p>{@code baseUrl} is the tenant's Analytics API root (e.g. {@code
 * https://analytics-api.app.lithium.com}); it differs by region, so it is always configuration.
 * {@link #toString()} masks the password and company key so settings can be logged.
 *
 * @param baseUrl the Analytics API root; paths such as {@code /api/public/...} are appended to it
 * @param user the Analytics API user (HTTP Basic)
 * @param password that user's password
 * @param companyKey the company key, sent as a query parameter on every call
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout socket read (and write) timeout
 * @param allowInsecureHttp allow Basic auth over plain {@code http://} to a non-loopback host
 */
public record ApiSettings(
    HttpUrl baseUrl,
    String user,
    String password,
    String companyKey,
    Duration connectTimeout,
    Duration readTimeout,
    boolean allowInsecureHttp) {

  /**
   * Null checks only: a record constructor cannot throw {@link ApiException}; see {@link
   * #validate()}.
   */
  public ApiSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(companyKey, "companyKey");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
  }

  /**
   * Checks that these settings can be used safely, with messages that say how to fix them. {@link
   * AnalyticsClient} calls this, so no client exists with invalid settings.
   *
   * @return this, for chaining
   * @throws ApiException if credentials or the company key are missing, a timeout is negative, or
   *     the password would travel in clear text to another machine
   */
  public ApiSettings validate() throws ApiException {
    if (user == null || user.isBlank() || password == null) {
      throw new ApiException(
          "no credentials: set user and password to the Analytics API user's "
              + "name and password");
    }
    if (companyKey.isBlank()) {
      throw new ApiException(
          "no companyKey: set companyKey to the key shown in Account Admin > "
              + "General Settings > Analytics API Settings");
    }
    if (connectTimeout.isNegative() || readTimeout.isNegative()) {
      throw new ApiException("timeouts must not be negative (use 0 for no timeout)");
    }
    if (!baseUrl.isHttps() && !allowInsecureHttp && !isLoopback(baseUrl.host())) {
      throw new ApiException(
          "refusing to send the password in clear text to "
              + Redaction.url(baseUrl.toString())
              + ": use an https:// URL, or set "
              + "allowInsecureHttp=true if the network path is trusted");
    }
    return this;
  }

  // Literal checks only: resolving the name here would be slow and could be spoofed anyway.
  private static boolean isLoopback(String host) {
    boolean ipv4Literal = host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    return host.equalsIgnoreCase("localhost")
        || (ipv4Literal && host.startsWith("127."))
        || host.equals("::1")
        || host.equals("0:0:0:0:0:0:0:1");
  }

  @Override
  public String toString() {
    return "ApiSettings[baseUrl="
        + Redaction.url(baseUrl.toString())
        + ", user="
        + user
        + ", password="
        + Redaction.MASK
        + ", companyKey="
        + Redaction.MASK
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", allowInsecureHttp="
        + allowInsecureHttp
        + "]";
  }
}
