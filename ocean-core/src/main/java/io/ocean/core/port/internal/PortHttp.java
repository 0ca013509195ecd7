package io.ocean.core.port.internal;

import io.ocean.core.internal.Json;
import io.ocean.core.port.PortApiException;
import io.ocean.core.port.PortClientConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request to Port goes through here: the shared limit on requests in flight, the token, the User-Agent, and
 * retries (408, 429, 502, 503, 504, connection failures and timeouts) waiting on a scheduler, never in a thread.
 * A 401 refreshes the token once and tries again.
 */
public final class PortHttp {

    private static final Logger log = LoggerFactory.getLogger(PortHttp.class);

    /** One request: method, path below the base URL (already encoded), JSON body or null. */
    public record Request(String method, String path, byte[] body, boolean authenticated) {
    }

    private final PortClientConfig config;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private final AsyncLimiter limiter;
    private final PortAuth auth;

    /** Creates the transport; {@code scheduler} runs the retry delays. */
    public PortHttp(PortClientConfig config, HttpClient client, ScheduledExecutorService scheduler) {
        this.config = config;
        this.client = client;
        this.scheduler = scheduler;
        this.limiter = new AsyncLimiter(config.maxConcurrentRequests());
        this.auth = new PortAuth(this, config);
    }

    /** Sends with retries; completes with Port's answer (any status), or exceptionally when Port stayed out of reach. */
    public CompletableFuture<PortResponse> send(Request request) {
        CompletableFuture<PortResponse> result = new CompletableFuture<>();
        attempt(request, 1, false, result);
        return result;
    }

    /** A path segment, URL-encoded: identifiers may hold {@code /}, spaces and any unicode. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** JSON bytes of a value. */
    public static byte[] json(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise a request body", e);
        }
    }

    /** An answer with the Authorization header it was sent with, to know which token a 401 refused. */
    private record Sent(String authorization, HttpResponse<byte[]> response) {
    }

    private void attempt(Request request, int attempt, boolean refreshed, CompletableFuture<PortResponse> result) {
        CompletableFuture<String> token = request.authenticated() ? auth.header() : CompletableFuture.completedFuture(null);
        token.thenCompose(header -> limiter.run(() -> client.sendAsync(build(request, header),
                        HttpResponse.BodyHandlers.ofByteArray()))
                        .thenApply(response -> new Sent(header, response)))
                .whenComplete((sent, error) -> {
                    if (error != null) {
                        failed(request, attempt, unwrap(error), result);
                    } else {
                        answered(request, attempt, refreshed, sent.authorization(), sent.response(), result);
                    }
                });
    }

    private void answered(Request request, int attempt, boolean refreshed, String header,
                          HttpResponse<byte[]> response, CompletableFuture<PortResponse> result) {
        int status = response.statusCode();
        log.debug("Port {} {} -> {} (attempt {})", request.method(), request.path(), status, attempt);
        if (status == 401 && request.authenticated() && !refreshed) {
            auth.invalidate(header);
            attempt(request, attempt, true, result);
            return;
        }
        if (RetryTiming.RETRYABLE.contains(status) && attempt < config.maxAttempts()) {
            Duration wait = RetryTiming.hint(response.headers(), Instant.now())
                    .map(hint -> hint.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : hint)
                    .orElseGet(() -> RetryTiming.backoff(attempt, config.initialBackoff(), config.maxBackoff()));
            log.info("Port answered {} to {} {}; attempt {} of {} in {} ms", status, request.method(),
                    request.path(), attempt + 1, config.maxAttempts(), wait.toMillis());
            retryLater(request, attempt + 1, wait, result);
            return;
        }
        result.complete(new PortResponse(status, Json.readOrMissing(response.body()), response.headers()));
    }

    private void failed(Request request, int attempt, Throwable error, CompletableFuture<PortResponse> result) {
        if (error instanceof PortApiException portError) {
            result.completeExceptionally(portError);
            return;
        }
        boolean transport = error instanceof IOException;
        if (transport && attempt < config.maxAttempts()) {
            Duration wait = RetryTiming.backoff(attempt, config.initialBackoff(), config.maxBackoff());
            log.info("Port {} {} failed ({}); attempt {} of {} in {} ms", request.method(), request.path(),
                    error.toString(), attempt + 1, config.maxAttempts(), wait.toMillis());
            retryLater(request, attempt + 1, wait, result);
            return;
        }
        result.completeExceptionally(new PortApiException("Port " + request.method() + " " + request.path()
                + " failed after " + attempt + " attempt(s): " + error, error));
    }

    private void retryLater(Request request, int attempt, Duration wait, CompletableFuture<PortResponse> result) {
        try {
            scheduler.schedule(() -> attempt(request, attempt, false, result), wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new PortApiException("the Port client is closed", e));
        }
    }

    private HttpRequest build(Request request, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(config.baseUrl() + request.path()))
                .timeout(config.requestTimeout())
                .header("User-Agent", config.userAgent())
                .header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (request.body() != null) {
            builder.header("Content-Type", "application/json")
                    .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
