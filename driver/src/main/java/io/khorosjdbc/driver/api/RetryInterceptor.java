package io.khorosjdbc.driver.api;

import java.io.IOException;
import java.net.ProtocolException;
import java.time.Clock;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats a failed API request according to the {@link RetryPolicy}, and paces every attempt
 * through the tenant's {@link RequestBudget} (a 429 pauses the whole tenant there). The first
 * interceptor of the client, so each attempt is logged and authenticated afresh.
 *
 * <ul>
 *   <li>Idempotent requests (GET: status, download, teams, time zones) are repeated after a
 *       connection failure, a reset, a timeout, HTTP 429, 500, 502, 503 or 504.
 *   <li>A POST (creating an export) is repeated only when the server cannot have started a job: the
 *       connection failed before the request was written, or the server answered 429 or 503 (both
 *       mean the request was not taken, RFC 9110). Anything else could leave a job running on the
 *       server, so it is reported instead of risking a duplicate export.
 *   <li>Requests to a pre-signed storage URL are never repeated here: such a URL must not be
 *       reused, so {@link AnalyticsClient#download} fetches a fresh one instead.
 * </ul>
 *
 * Waits honour {@code Retry-After} (capped by the policy) and stop at once when the call is
 * cancelled.
 */
final class RetryInterceptor implements Interceptor {

  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsClient.class);

  private final RetryPolicy policy;
  private final RequestBudget budget;
  private final Clock clock;

  RetryInterceptor(RetryPolicy policy, RequestBudget budget, Clock clock) {
    this.policy = policy;
    this.budget = budget;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Call call = chain.call();
    boolean presigned = request.tag(PresignedTag.class) != null;
    boolean idempotent = request.method().equals("GET") || request.method().equals("HEAD");
    SendMark mark = request.tag(SendMark.class);
    if (mark == null) {
      mark = new SendMark();
      request = request.newBuilder().tag(SendMark.class, mark).build();
    }
    for (int retry = 0; ; retry++) {
      if (!presigned) {
        RequestBudget.Priority priority = request.tag(RequestBudget.Priority.class);
        budget.acquire(
            priority == null ? RequestBudget.Priority.INTERACTIVE : priority, call::isCanceled);
      }
      mark.reset();
      Response response;
      try {
        response = buffered(chain.proceed(request));
      } catch (IOException e) {
        boolean safe = !presigned && (idempotent || !mark.wasSent());
        if (!safe
            || retry >= policy.maxRetries()
            || call.isCanceled()
            || !RetryPolicy.isTransient(e)) {
          throw e;
        }
        long wait = policy.backoffMillis(retry);
        LOG.debug(
            "{} {} failed ({}); retry {} of {} in {} ms",
            request.method(),
            describe(request),
            e.getClass().getSimpleName(),
            retry + 1,
            policy.maxRetries(),
            wait);
        RetryPolicy.sleep(wait, call::isCanceled);
        continue;
      }
      long retryAfter = RetryAfter.millis(response.header("Retry-After"), clock);
      if (!presigned && response.code() == 429) {
        budget.throttled(retryAfter); // every request of the tenant waits, not just this one
      }
      if (presigned || retry >= policy.maxRetries() || !retryable(response.code(), idempotent)) {
        return response;
      }
      response.close();
      // Under a budget, a 429's pause is the budget's; otherwise wait here.
      long wait =
          response.code() == 429 && !budget.isUnlimited()
              ? 0
              : policy.waitMillis(retry, retryAfter);
      LOG.debug(
          "{} {} answered HTTP {}; retry {} of {} in {} ms",
          request.method(),
          describe(request),
          response.code(),
          retry + 1,
          policy.maxRetries(),
          wait);
      RetryPolicy.sleep(wait, call::isCanceled);
    }
  }

  /**
   * Reads a JSON envelope (status, create, teams, time zones: small, marked by {@code Accept:
   * application/json}) whole, so that a body cut short fails this attempt, where it can be retried,
   * rather than later while it is parsed. Export files stream instead.
   */
  private static Response buffered(Response response) throws IOException {
    if (!"application/json".equals(response.request().header("Accept"))
        || response.body() == null) {
      return response;
    }
    try (ResponseBody body = response.body()) {
      byte[] bytes = body.source().readByteArray();
      long announced = body.contentLength();
      if (announced >= 0 && bytes.length < announced) {
        throw new ProtocolException(
            "response body truncated: got " + bytes.length + " of " + announced + " bytes");
      }
      return response.newBuilder().body(ResponseBody.create(bytes, body.contentType())).build();
    }
  }

  /** Which answers may be repeated; for a POST only those that prove no job was started. */
  static boolean retryable(int code, boolean idempotent) {
    return switch (code) {
      case 429, 503 -> true;
      case 500, 502, 504 -> idempotent;
      default -> false;
    };
  }

  private static String describe(Request request) {
    return Redaction.url(request.url().toString());
  }
}
