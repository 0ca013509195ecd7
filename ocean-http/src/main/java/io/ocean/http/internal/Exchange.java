package io.ocean.http.internal;

import io.ocean.http.ApiRequest;
import io.ocean.http.ApiResponse;
import io.ocean.http.GoneException;
import io.ocean.http.HostStats;
import io.ocean.http.HttpApiConfig;
import io.ocean.http.HttpApiException;
import io.ocean.http.TransientHttpException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request from first attempt to its answer, on the calling thread: the budget and the service's limit, a
 * connection slot, the attempt, and retries of idempotent requests after I/O errors, 408, 429 and 5xx with the
 * service's wait or a backoff. A wait longer than the caller may block becomes a {@link TransientHttpException}.
 * Shared by the live and the resync view of a client, so they draw from one budget.
 */
public final class Exchange {

    private static final Logger log = LoggerFactory.getLogger(Exchange.class);
    private static final int BODY_EXCERPT = 300;

    private final HttpApiConfig config;
    private final HttpClient client;
    private final Semaphore slots;
    private final RateBudget budget;
    private final ServerLimits limits = new ServerLimits();
    private final HostMeters meters;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    /** A client for {@code config}. */
    public Exchange(HttpApiConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.slots = new Semaphore(config.maxConcurrentRequests(), true);
        this.budget = config.rateLimit() > 0
                ? new RateBudget(config.rateLimit(), config.ratePeriod(), config.liveReservation()) : null;
        this.meters = new HostMeters(config.meterRegistry());
    }

    /** The config. */
    public HttpApiConfig config() {
        return config;
    }

    /** The counts per host. */
    public Map<String, HostStats> stats() {
        return meters.stats();
    }

    /**
     * Wakes every waiting request, which fails, and refuses new ones: those waiting for a wait to pass and those
     * waiting for a connection slot.
     */
    public void close() {
        if (closing.compareAndSet(false, true)) {
            closed.countDown();
            // a waiter for a slot does not watch the latch: enough permits that every waiter gets one and sees closed
            slots.release(Integer.MAX_VALUE / 2);
        }
    }

    /** Sends the request, retrying what may be retried. */
    public ApiResponse send(ApiRequest request, boolean resync) {
        URI uri = UrlTemplate.build(config.baseUrl(), request);
        String host = uri.getHost();
        String shown = Redaction.url(uri);
        String what = request.method() + " " + shown;
        Duration cap = resync ? config.maxResyncWait() : config.maxWait();
        for (int attempt = 1; ; attempt++) {
            if (closed.getCount() == 0) {
                throw new TransientHttpException(0, what + ": the client is closed", null, null);
            }
            awaitBudget(host, resync, cap, what);
            HttpResponse<byte[]> response = null;
            IOException failure = null;
            acquireSlot(host, what);
            try {
                response = client.send(build(uri, request), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientHttpException(0, what + ": interrupted", null, e);
            } finally {
                slots.release();
            }
            int status = response == null ? 0 : response.statusCode();
            meters.request(host, status);
            Instant now = Instant.now();
            if (response != null) {
                limits.observe(host, response.headers(), now);
                if (status < 400) {
                    return new ApiResponse(status, shown, response.headers().map(), response.body());
                }
                if (status == 404 || status == 410) {
                    throw new GoneException(status, request.method(), shown);
                }
                if (status != 408 && status != 429 && status < 500) {
                    throw new HttpApiException(status, request.method(), shown, excerpt(response.body()));
                }
            }
            Duration asked = response == null ? null : WaitHeaders.wait(status, response.headers(), now);
            String outcome = response == null ? "failed: " + failure : "answered " + status;
            if (!request.idempotent()) {
                throw new TransientHttpException(status, what + " " + outcome + "; not resent, as it is not idempotent",
                        asked, failure);
            }
            if (attempt >= config.maxAttempts()) {
                throw new TransientHttpException(status, what + " " + outcome + " after " + attempt + " attempt(s)",
                        asked, failure);
            }
            Duration wait = asked != null ? asked : Backoff.delay(config, attempt, ThreadLocalRandom.current()::nextDouble);
            if (wait.compareTo(cap) > 0) {
                throw new TransientHttpException(status, what + " " + outcome + "; the next attempt is due in "
                        + wait.toSeconds() + " s, longer than the " + cap.toSeconds() + " s this thread may wait",
                        wait, failure);
            }
            log.warn("{} {} (attempt {} of {}); retrying in {} ms", what, outcome, attempt, config.maxAttempts(),
                    wait.toMillis());
            meters.retry(host);
            pause(host, "retry", wait, what);
        }
    }

    /** Waits for the service's limit and our budget, or throws when that would take longer than {@code cap}. */
    private void awaitBudget(String host, boolean resync, Duration cap, String what) {
        while (true) {
            String reason = "rate-limit";
            Duration wait = limits.claim(host, resync ? config.liveReservation() : 0, Instant.now());
            if (wait.isZero() && budget != null) {
                reason = "budget";
                wait = budget.take(resync);
            }
            if (wait.isZero()) {
                return;
            }
            if (wait.compareTo(cap) > 0) {
                throw new TransientHttpException(429, what + ": the " + (resync ? "resync's " : "")
                        + ("budget".equals(reason) ? "request budget" : "service's rate limit") + " is used up for "
                        + wait.toSeconds() + " s, longer than the " + cap.toSeconds() + " s this thread may wait",
                        wait, null);
            }
            log.debug("{}: waiting {} ms for the {}", what, wait.toMillis(), reason);
            pause(host, reason, wait, what);
        }
    }

    private void acquireSlot(String host, String what) {
        if (slots.tryAcquire()) {
            return;
        }
        meters.waiting(host, "concurrency");
        long start = System.nanoTime();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientHttpException(0, what + ": interrupted", null, e);
        }
        meters.waited(host, "concurrency", Duration.ofNanos(System.nanoTime() - start));
        if (closed.getCount() == 0) {
            slots.release();
            throw new TransientHttpException(0, what + ": the client was closed while waiting for a connection slot",
                    null, null);
        }
    }

    private void pause(String host, String reason, Duration wait, String what) {
        meters.waiting(host, reason);
        long start = System.nanoTime();
        try {
            if (closed.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TransientHttpException(0, what + ": the client was closed while waiting", null, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientHttpException(0, what + ": interrupted while waiting", null, e);
        } finally {
            meters.waited(host, reason, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private HttpRequest build(URI uri, ApiRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                .header("User-Agent", config.userAgent()).header("Accept", "application/json");
        request.headers().forEach(builder::setHeader);
        if (config.auth() != null) {
            builder.setHeader(config.auth().name(), config.auth().value());
        }
        HttpRequest.BodyPublisher body = request.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body());
        return builder.method(request.method(), body).build();
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, BODY_EXCERPT), StandardCharsets.UTF_8);
        return body.length > BODY_EXCERPT ? text + "..." : text;
    }
}
