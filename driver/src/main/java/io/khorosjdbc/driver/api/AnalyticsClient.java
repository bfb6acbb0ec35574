package io.khorosjdbc.driver.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks the Analytics Reports API's asynchronous export protocol: create an export, poll its
 * status, download the file; plus the team and time-zone lists. Knows nothing of SQL.
 *
 * <p>Status and download URLs are used exactly as the server returned them. Credentials go only to
 * the configured API origin and never to the pre-signed file URL the download redirects to.
 * Thread-safe; one instance per connection.
 */
public final class AnalyticsClient implements Closeable, TenantDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsClient.class);

  /** Redirect codes the download endpoint may use; the documented one is 307. */
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final OkHttpClient http;

  /** For creates only: a pool that keeps no idle connection, so every create opens its own. */
  private final OkHttpClient freshConnections;

  private final boolean ownsHttp;
  private final ApiPaths paths;
  private final ErrorMapper errors;
  private final Responses responses;
  private final RetryPolicy retry;
  private final RequestBudget budget;

  /**
   * A client with its own connection pool and threads, released by {@link #close()}; it does not
   * retry and has no rate limits (the protocol alone, e.g. for tests of the wire format).
   */
  public AnalyticsClient(ApiSettings settings) throws ApiException {
    this(settings, new OkHttpClient(), true, RetryPolicy.NONE, RequestBudget.unlimited());
  }

  /**
   * A client that shares {@code base}'s connection pool and dispatcher (e.g. one per driver);
   * {@link #close()} leaves those running. No retries, no rate limits.
   */
  public AnalyticsClient(ApiSettings settings, OkHttpClient base) throws ApiException {
    this(settings, base, false, RetryPolicy.NONE, RequestBudget.unlimited());
  }

  /**
   * The driver's client: its own connection pool, the given retry policy, and every API request
   * paced by the tenant's {@link RequestBudget} (in the priority of the request's {@link
   * CallGroup}).
   */
  public AnalyticsClient(ApiSettings settings, RetryPolicy retry, RequestBudget budget)
      throws ApiException {
    this(settings, new OkHttpClient(), true, retry, budget);
  }

  private AnalyticsClient(
      ApiSettings settings,
      OkHttpClient base,
      boolean ownsHttp,
      RetryPolicy retry,
      RequestBudget budget)
      throws ApiException {
    Objects.requireNonNull(settings, "settings").validate();
    this.retry = Objects.requireNonNull(retry, "retry");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.http = httpClient(settings, Objects.requireNonNull(base, "base"), retry, budget);
    // A create that meets a pooled connection the server is just closing gets no answer, and
    // the driver may not send it again (a job may have started); a new connection avoids that.
    this.freshConnections =
        http.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
    this.ownsHttp = ownsHttp;
    this.paths = new ApiPaths(settings.baseUrl(), settings.companyKey());
    ObjectMapper json =
        JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    this.errors = new ErrorMapper(json, settings.password(), Clock.systemUTC());
    this.responses = new Responses(json, errors);
  }

  /**
   * The one place the HTTP stack is assembled. Redirects are handled by hand (see {@link
   * #download(String)}). Interceptors run in the order added: a retry interceptor belongs first, so
   * every attempt is logged and authenticated.
   */
  private static OkHttpClient httpClient(
      ApiSettings settings, OkHttpClient base, RetryPolicy retry, RequestBudget budget) {
    return base.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .writeTimeout(settings.readTimeout())
        .followRedirects(false)
        .followSslRedirects(false)
        // OkHttp would silently resend a request (even a POST) after some connection
        // failures; RetryInterceptor decides instead, knowing whether a job may exist.
        .retryOnConnectionFailure(false)
        .addInterceptor(new RetryInterceptor(retry, budget, Clock.systemUTC()))
        .addInterceptor(new LoggingInterceptor())
        .addInterceptor(
            new AuthInterceptor(settings.baseUrl(), settings.user(), settings.password()))
        .addNetworkInterceptor(SendMark.interceptor())
        .build();
  }

  /** The request budget this client's requests are paced by. */
  public RequestBudget budget() {
    return budget;
  }

  /** The retry policy this client applies. */
  public RetryPolicy retryPolicy() {
    return retry;
  }

  /** Open sockets in this client's connection pool, idle or busy (diagnostics, leak tests). */
  public int openConnections() {
    return http.connectionPool().connectionCount()
        + freshConnections.connectionPool().connectionCount();
  }

  /**
   * Starts an export job. {@code conversation_actions} and {@code user} take their parameters as a
   * form body, all other exports in the query string, as the API documents.
   */
  public ExportHandle createExport(ExportRequest request) throws IOException {
    return createExport(request, new CallGroup());
  }

  /**
   * Starts an export job as part of {@code group}. A failure after the request was written is not
   * retried, because the server may already have started the job; the error says so.
   */
  public ExportHandle createExport(ExportRequest request, CallGroup group) throws IOException {
    Objects.requireNonNull(request, "request");
    SendMark mark = new SendMark();
    Request create =
        ExportRequestEncoder.encode(paths, request).newBuilder().tag(SendMark.class, mark).build();
    Response response;
    try {
      response = execute(freshConnections, create, group);
    } catch (IOException e) {
      if (e instanceof ApiException || !mark.wasSent() || RetryPolicy.isCancellation(e)) {
        throw e;
      }
      ApiException ambiguous =
          new ApiException(
              "creating the export "
                  + request.exportId()
                  + " failed after the request was sent ("
                  + describe(e)
                  + "): the server may have "
                  + "started a job, so the driver did not send it again, which could run a duplicate "
                  + "export; run the query again",
              -1,
              null,
              -1,
              false);
      ambiguous.initCause(e);
      throw ambiguous;
    }
    try (response) {
      JsonNode result = passedResult(response, Endpoint.CREATE_EXPORT, request.exportId());
      return responses.handle(result, paths, request.exportId());
    }
  }

  /** An I/O failure in a few words, without its message (which may repeat a URL). */
  static String describe(IOException e) {
    String type = e.getClass().getSimpleName();
    String message = e.getMessage();
    boolean plain =
        message != null
            && message.length() < 80
            && !message.contains("/")
            && !message.contains("?");
    return plain ? type + ": " + message : type;
  }

  /** Asks for a job's state, using its {@code statusUrl} exactly as the server returned it. */
  public JobStatus status(ExportHandle handle) throws IOException {
    return status(handle, new CallGroup());
  }

  /** {@link #status(ExportHandle)} as part of {@code group}. */
  public JobStatus status(ExportHandle handle, CallGroup group) throws IOException {
    Objects.requireNonNull(handle, "handle");
    Request request = jsonGet(parseUrl(handle.statusUrl(), "status URL"));
    try (Response response = execute(request, group)) {
      return responses.status(passedResult(response, Endpoint.STATUS, null));
    }
  }

  /**
   * {@link #status(ExportHandle, CallGroup)} together with the body as the server sent it, for
   * reports of what a tenant's API really answers (the shape of {@code result}, the spelling of its
   * keys). One request, like {@code status}.
   */
  public StatusReply statusWithBody(ExportHandle handle, CallGroup group) throws IOException {
    Objects.requireNonNull(handle, "handle");
    Request request = jsonGet(parseUrl(handle.statusUrl(), "status URL"));
    try (Response response = execute(request, group)) {
      // Status bodies are small and already buffered (see RetryInterceptor); peek keeps them
      // readable.
      String body = response.peekBody(Long.MAX_VALUE).string();
      return new StatusReply(responses.status(passedResult(response, Endpoint.STATUS, null)), body);
    }
  }

  /**
   * Opens a completed export's file. The download endpoint answers with a redirect to a short-lived
   * pre-signed URL, which is fetched without credentials; a direct 200 is streamed as is. The
   * caller must close the result.
   *
   * <p>When the pre-signed URL fails (reset, timeout, 5xx, 429, or 403 because it expired), the
   * whole exchange is repeated from the download URL, so a pre-signed URL is never used twice.
   *
   * @throws ApiException for an HTTP error; {@link ApiException#isLinkExpired()} when the link is
   *     too old
   */
  public Download download(String downloadUrl) throws IOException {
    return download(downloadUrl, new CallGroup());
  }

  /** {@link #download(String)} as part of {@code group}; the download stays in it until closed. */
  public Download download(String downloadUrl, CallGroup group) throws IOException {
    HttpUrl url = parseUrl(Objects.requireNonNull(downloadUrl, "downloadUrl"), "download URL");
    for (int attempt = 0; ; attempt++) {
      Response first = execute(new Request.Builder().url(url).build(), group);
      if (!REDIRECTS.contains(first.code())) {
        return open(first, Endpoint.DOWNLOAD, group);
      }
      HttpUrl target;
      try (first) {
        String location = first.header("Location");
        target = location == null ? null : url.resolve(location);
        if (target == null) {
          throw new ApiException(
              "the download endpoint redirected (HTTP "
                  + first.code()
                  + ") without a usable Location header",
              first.code(),
              null,
              -1,
              false);
        }
      }
      Request presigned =
          new Request.Builder().url(target).tag(PresignedTag.class, PresignedTag.INSTANCE).build();
      IOException failure;
      long retryAfter = -1;
      try {
        return open(execute(presigned, group), Endpoint.PRESIGNED_DOWNLOAD, group);
      } catch (ApiException e) {
        if (!e.isRetryable() && !e.isLinkExpired()) {
          throw e;
        }
        failure = e;
        retryAfter = e.retryAfterMillis().orElse(-1);
      } catch (IOException e) {
        if (!RetryPolicy.isTransient(e) || group.isCancelled()) {
          throw e;
        }
        failure = e;
      }
      if (attempt >= retry.maxRetries()) {
        throw failure;
      }
      long wait = retry.waitMillis(attempt, retryAfter);
      LOG.debug(
          "fetching the export file failed ({}); fetching a fresh link from the download URL in {} ms",
          failure instanceof ApiException api
              ? "HTTP " + api.httpStatus()
              : failure.getClass().getSimpleName(),
          wait);
      RetryPolicy.sleep(wait, group::isCancelled);
    }
  }

  /** The company's teams, whose IDs the {@code teamIds}/{@code teamId} filters take. */
  @Override
  public List<Team> teams() throws IOException {
    try (Response response = execute(jsonGet(paths.teams()), new CallGroup())) {
      return responses.teams(passedResult(response, Endpoint.TEAMS, null));
    }
  }

  /**
   * The time zones the {@code timezone} parameter accepts; {@code locale} may be {@code null}
   * (server default).
   */
  @Override
  public List<TimeZoneInfo> timezones(String locale) throws IOException {
    try (Response response = execute(jsonGet(paths.timezones(locale)), new CallGroup())) {
      return responses.timezones(passedResult(response, Endpoint.TIMEZONES, null));
    }
  }

  /** Releases the connection pool and threads if this client created them. */
  @Override
  public void close() {
    if (ownsHttp) {
      http.dispatcher().cancelAll();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    freshConnections.connectionPool().evictAll();
  }

  /**
   * Runs a call as part of {@code group}. The call leaves the group when it fails or, for a
   * download, when the body is closed; other responses leave it when the caller closes them, which
   * every caller here does at once.
   */
  private Response execute(Request request, CallGroup group) throws IOException {
    return execute(http, request, group);
  }

  private static Response execute(OkHttpClient client, Request request, CallGroup group)
      throws IOException {
    Call call =
        client.newCall(
            request.newBuilder().tag(RequestBudget.Priority.class, group.priority()).build());
    group.add(call);
    try {
      Response response = call.execute();
      return response
          .newBuilder()
          .body(new GroupedBody(response.body(), call, () -> group.remove(call)))
          .build();
    } catch (IOException | RuntimeException e) {
      group.remove(call);
      throw e;
    }
  }

  private JsonNode passedResult(Response response, Endpoint endpoint, String exportId)
      throws IOException {
    if (!response.isSuccessful()) {
      throw errors.httpError(response, endpoint, exportId);
    }
    return responses.passedResult(response, endpoint, exportId);
  }

  private Download open(Response response, Endpoint endpoint, CallGroup group) throws ApiException {
    if (!response.isSuccessful()) {
      try (response) {
        throw errors.httpError(response, endpoint, null);
      }
    }
    if (response.protocol() == Protocol.HTTP_1_1 || response.protocol() == Protocol.HTTP_1_0) {
      // OkHttp gives an HTTP/1 socket the read timeout itself (SO_TIMEOUT), which ends a stalled
      // body; Okio's watchdog over the same reads woke a thread for every 8 KiB of a file.
      response.body().source().timeout().clearTimeout();
    }
    return new Download(response);
  }

  private static Request jsonGet(HttpUrl url) {
    return new Request.Builder().url(url).header("Accept", "application/json").build();
  }

  private static HttpUrl parseUrl(String url, String what) throws ApiException {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw new ApiException("the server returned a malformed " + what + ": " + Redaction.url(url));
    }
    return parsed;
  }
}
