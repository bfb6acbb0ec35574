package io.khorosjdbc.driver.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds HTTP Basic credentials, but only to the configured API origin (scheme, host and port), and
 * never to a request tagged {@link PresignedTag}. URLs from responses (status, download, redirect)
 * are followed as given, so this check is what keeps the password from reaching another server.
 */
final class AuthInterceptor implements Interceptor {

  private final HttpUrl origin;
  private final String authorization;

  AuthInterceptor(HttpUrl origin, String user, String password) {
    this.origin = origin;
    this.authorization = Credentials.basic(user, password, StandardCharsets.UTF_8);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.tag(PresignedTag.class) == null && isApiOrigin(request.url())) {
      request = request.newBuilder().header("Authorization", authorization).build();
    }
    return chain.proceed(request);
  }

  private boolean isApiOrigin(HttpUrl url) {
    return url.scheme().equals(origin.scheme())
        && url.host().equals(origin.host())
        && url.port() == origin.port();
  }
}
