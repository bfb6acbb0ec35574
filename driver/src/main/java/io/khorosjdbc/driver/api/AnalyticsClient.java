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
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Speaks the Analytics Reports API's asynchronous export protocol: create an export, poll its
 * status, download the file; plus the team and time-zone lists. Knows nothing of SQL.
 *
 * <p>Status and download URLs are used exactly as the server returned them. Credentials go only
 * to the configured API origin and never to the pre-signed file URL the download redirects to.
 * Thread-safe; one instance per connection.
 */
public final class AnalyticsClient implements Closeable {

    /** Redirect codes the download endpoint may use; the documented one is 307. */
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final ApiPaths paths;
    private final ErrorMapper errors;
    private final Responses responses;

    /** A client with its own connection pool and threads, released by {@link #close()}. */
    public AnalyticsClient(ApiSettings settings) throws ApiException {
        this(settings, new OkHttpClient(), true);
    }

    /**
     * A client that shares {@code base}'s connection pool and dispatcher (e.g. one per driver);
     * {@link #close()} leaves those running.
     */
    public AnalyticsClient(ApiSettings settings, OkHttpClient base) throws ApiException {
        this(settings, base, false);
    }

    private AnalyticsClient(ApiSettings settings, OkHttpClient base, boolean ownsHttp) throws ApiException {
        Objects.requireNonNull(settings, "settings").validate();
        this.http = httpClient(settings, Objects.requireNonNull(base, "base"));
        this.ownsHttp = ownsHttp;
        this.paths = new ApiPaths(settings.baseUrl(), settings.companyKey());
        ObjectMapper json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.errors = new ErrorMapper(json, settings.password(), Clock.systemUTC());
        this.responses = new Responses(json, errors);
    }

    /**
     * The one place the HTTP stack is assembled. Redirects are handled by hand (see
     * {@link #download(String)}). Interceptors run in the order added: a retry interceptor belongs
     * first, so every attempt is logged and authenticated.
     */
    private static OkHttpClient httpClient(ApiSettings settings, OkHttpClient base) {
        return base.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .addInterceptor(new LoggingInterceptor())
                .addInterceptor(new AuthInterceptor(settings.baseUrl(), settings.user(), settings.password()))
                .build();
    }

    /**
     * Starts an export job. {@code conversation_actions} and {@code user} take their parameters as
     * a form body, all other exports in the query string, as the API documents.
     */
    public ExportHandle createExport(ExportRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        try (Response response = execute(ExportRequestEncoder.encode(paths, request))) {
            JsonNode result = passedResult(response, Endpoint.CREATE_EXPORT, request.exportId());
            return responses.handle(result, paths);
        }
    }

    /** Asks for a job's state, using its {@code statusUrl} exactly as the server returned it. */
    public JobStatus status(ExportHandle handle) throws IOException {
        Objects.requireNonNull(handle, "handle");
        Request request = jsonGet(parseUrl(handle.statusUrl(), "status URL"));
        try (Response response = execute(request)) {
            return responses.status(passedResult(response, Endpoint.STATUS, null));
        }
    }

    /**
     * Opens a completed export's file. The download endpoint answers with a redirect to a
     * short-lived pre-signed URL, which is fetched without credentials; a direct 200 is streamed
     * as is. The caller must close the result.
     *
     * @throws ApiException for an HTTP error; {@link ApiException#isLinkExpired()} when the link is too old
     */
    public Download download(String downloadUrl) throws IOException {
        HttpUrl url = parseUrl(Objects.requireNonNull(downloadUrl, "downloadUrl"), "download URL");
        Response first = execute(new Request.Builder().url(url).build());
        if (!REDIRECTS.contains(first.code())) {
            return open(first, Endpoint.DOWNLOAD);
        }
        HttpUrl target;
        try (first) {
            String location = first.header("Location");
            target = location == null ? null : url.resolve(location);
            if (target == null) {
                throw new ApiException("the download endpoint redirected (HTTP " + first.code()
                        + ") without a usable Location header", first.code(), null, -1, false);
            }
        }
        Request presigned = new Request.Builder().url(target).tag(PresignedTag.class, PresignedTag.INSTANCE).build();
        return open(execute(presigned), Endpoint.PRESIGNED_DOWNLOAD);
    }

    /** The company's teams, whose IDs the {@code teamIds}/{@code teamId} filters take. */
    public List<Team> teams() throws IOException {
        try (Response response = execute(jsonGet(paths.teams()))) {
            return responses.teams(passedResult(response, Endpoint.TEAMS, null));
        }
    }

    /** The time zones the {@code timezone} parameter accepts; {@code locale} may be {@code null} (server default). */
    public List<TimeZoneInfo> timezones(String locale) throws IOException {
        try (Response response = execute(jsonGet(paths.timezones(locale)))) {
            return responses.timezones(passedResult(response, Endpoint.TIMEZONES, null));
        }
    }

    /** Releases the connection pool and threads if this client created them. */
    @Override
    public void close() {
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private Response execute(Request request) throws IOException {
        return http.newCall(request).execute();
    }

    private JsonNode passedResult(Response response, Endpoint endpoint, String exportId) throws IOException {
        if (!response.isSuccessful()) {
            throw errors.httpError(response, endpoint, exportId);
        }
        return responses.passedResult(response, endpoint);
    }

    private Download open(Response response, Endpoint endpoint) throws ApiException {
        if (!response.isSuccessful()) {
            try (response) {
                throw errors.httpError(response, endpoint, null);
            }
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
