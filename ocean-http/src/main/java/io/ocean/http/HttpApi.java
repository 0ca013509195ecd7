package io.ocean.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.http.internal.Exchange;
import io.ocean.http.internal.Pages;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A client for one third-party REST API, the front door of ocean-http:
 * <pre>{@code
 * HttpApi gitlab = HttpApi.create(cfg -> cfg.baseUrl("https://gitlab.com/api/v4")
 *         .auth(AuthHeader.of("PRIVATE-TOKEN", token)).pagination(Pagination.nextPageHeader()));
 * Optional<JsonNode> mr = gitlab.find("/projects/{id}/merge_requests/{iid}", 7, 42);   // empty: gone
 * ocean.onResync("merge-request", kind -> gitlab.forResync().pages("/projects/{id}/merge_requests?per_page=100", 7));
 * }</pre>
 * Idempotent requests are retried after I/O errors, 408, 429 and 5xx, waiting what {@code Retry-After} or the rate
 * limit's reset says, else an exponential backoff with jitter; 404 and 410 are a {@link GoneException}; other 4xx
 * (401 and 403 included) an {@link HttpApiException}, not retried. Thread-safe; one per API, shared by every
 * processor and the resync.
 */
public final class HttpApi implements AutoCloseable {

    private final Exchange exchange;
    private final boolean resync;

    private HttpApi(Exchange exchange, boolean resync) {
        this.exchange = exchange;
        this.resync = resync;
    }

    /** A client for {@code config}. */
    public static HttpApi create(HttpApiConfig config) {
        return new HttpApi(new Exchange(config), false);
    }

    /** A client configured on a builder with the defaults: {@code HttpApi.create(cfg -> cfg.baseUrl(url))}. */
    public static HttpApi create(Consumer<HttpApiConfig.Builder> configurer) {
        HttpApiConfig.Builder builder = HttpApiConfig.custom();
        configurer.accept(builder);
        return create(builder.build());
    }

    /**
     * The same client for a resync: same connections, budget and meters, but its requests leave
     * {@link HttpApiConfig#liveReservation()} requests of the budget to live events, and it may wait up to
     * {@link HttpApiConfig#maxResyncWait()} in the calling thread.
     */
    public HttpApi forResync() {
        return resync ? this : new HttpApi(exchange, true);
    }

    /** Whether this is the {@link #forResync()} view. */
    public boolean isResync() {
        return resync;
    }

    /**
     * GETs {@code path} (its {@code {...}} filled with {@code args}) and reads the body as JSON.
     *
     * @throws GoneException          on 404 or 410
     * @throws HttpApiException       on another 4xx, or a body that is not JSON
     * @throws TransientHttpException when it may succeed later; a {@link io.ocean.core.RetryableException}
     */
    public JsonNode get(String path, Object... args) {
        return send(ApiRequest.get(path, args)).json();
    }

    /** Like {@link #get}, but empty when the item is gone (404, 410): fetch fresh, delete when empty. */
    public Optional<JsonNode> find(String path, Object... args) {
        try {
            return Optional.of(get(path, args));
        } catch (GoneException e) {
            return Optional.empty();
        }
    }

    /** Sends any request; retried only when {@link ApiRequest#idempotent()}. */
    public ApiResponse send(ApiRequest request) {
        return exchange.send(request, resync);
    }

    /** Every item of a listing as lazy pages, with the configured {@link HttpApiConfig#pagination()}. */
    public Stream<List<JsonNode>> pages(String path, Object... args) {
        return pages(ApiRequest.get(path, args), exchange.config().pagination());
    }

    /**
     * Every item of a listing as lazy pages, the shape {@code ResyncHandler} returns: a page is fetched when the
     * stream pulls it, with the same retries as any request.
     */
    public Stream<List<JsonNode>> pages(ApiRequest first, Pagination pagination) {
        return Pages.stream(first, pagination, this::send);
    }

    /** Requests, retries and waits per host since the client was created. */
    public Map<String, HostStats> stats() {
        return exchange.stats();
    }

    /** The config. */
    public HttpApiConfig config() {
        return exchange.config();
    }

    /** Fails waiting requests and refuses new ones; for both views. */
    @Override
    public void close() {
        exchange.close();
    }
}
