package io.khorosjdbc.driver.api;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each HTTP exchange at DEBUG: method, redacted URL, status and elapsed time. Never headers or
 * bodies, which hold credentials and customer data.
 */
final class LoggingInterceptor implements Interceptor {

  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsClient.class);

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!LOG.isDebugEnabled()) {
      return chain.proceed(request);
    }
    String target = describe(request);
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      LOG.debug(
          "{} {} -> HTTP {} in {} ms", request.method(), target, response.code(), since(start));
      return response;
    } catch (IOException e) {
      // Only the type: some messages repeat the URL, which may hold a pre-signed path.
      LOG.debug(
          "{} {} failed after {} ms: {}",
          request.method(),
          target,
          since(start),
          e.getClass().getSimpleName());
      throw e;
    }
  }

  private static String describe(Request request) {
    HttpUrl url = request.url();
    if (request.tag(PresignedTag.class) != null) {
      return url.scheme() + "://" + url.host() + ":" + url.port() + "/<pre-signed>";
    }
    return Redaction.url(url.toString());
  }

  private static long since(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
