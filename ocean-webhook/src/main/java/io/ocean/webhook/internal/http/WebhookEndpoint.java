package io.ocean.webhook.internal.http;

import io.ocean.webhook.internal.console.ConsoleRecorder;
import io.ocean.webhook.internal.run.EventRouting;
import io.ocean.webhook.internal.run.Outcome;
import io.ocean.webhook.internal.run.ProcessorRegistration;
import io.ocean.webhook.internal.run.RoutingDecision;
import io.ocean.webhook.internal.run.RuntimeMetrics;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.NewEvent;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP edge of one webhook path: size limit, content type, parse, route, and the write to the event store; and
 * the answer that tells the sender the truth. Nothing is answered 2xx unless the store committed it (or no
 * processor wanted it, or it is a duplicate of a committed delivery).
 */
public final class WebhookEndpoint implements Handler {

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

    /** What the endpoint needs from the runtime. */
    public record Settings(String path, long maxBodyBytes, int retryAfterSeconds, long storeTimeoutMillis) {
    }

    /**
     * Where an accepted event goes: the path's group key and delivery id functions (either may be null), the store,
     * and who is told of each insert.
     */
    public record Intake(Function<WebhookEvent, String> groupKey, Function<WebhookEvent, String> deliveryId,
                         EventStore store, Handoff handoff) {
    }

    /** Told, on the request thread, of each event the edge writes to the store and of the write's outcome. */
    public interface Handoff {

        /** Just before the insert: a worker may claim the event as soon as the store commits it. */
        void storing(WebhookEvent event);

        /** After the insert, whatever its outcome (even a throw): {@code accepted} when the store committed it. */
        void stored(WebhookEvent event, boolean accepted);
    }

    private final Settings settings;
    private final List<ProcessorRegistration> registrations;
    private final Intake intake;
    private final BooleanSupplier accepting;
    private final RuntimeMetrics metrics;
    private final ConsoleRecorder console;

    /** Creates the endpoint of one path; {@code console} is told what arrived and what was answered. */
    public WebhookEndpoint(Settings settings, List<ProcessorRegistration> registrations, Intake intake,
                           BooleanSupplier accepting, RuntimeMetrics metrics, ConsoleRecorder console) {
        this.settings = settings;
        this.registrations = List.copyOf(registrations);
        this.intake = intake;
        this.accepting = accepting;
        this.metrics = metrics;
        this.console = console;
    }

    @Override
    public void handle(Context ctx) {
        String traceId = WebhookEvent.newTraceId();
        MDC.put("traceId", traceId);
        try {
            Answer answer = answer(ctx, traceId);
            metrics.outcome(settings.path(), outcomeOf(answer));
            console.answered(traceId, settings.path(), outcomeOf(answer));
            respond(ctx, answer);
        } finally {
            MDC.remove("traceId");
        }
    }

    private Answer answer(Context ctx, String traceId) {
        long started = System.nanoTime();
        if (!accepting.getAsBoolean()) {
            return shuttingDown(traceId);
        }
        WebhookEvent event;
        byte[] raw;
        try {
            raw = readBody(ctx);
            String contentType = ctx.header("Content-Type");
            JsonNode payload = RequestBodies.parse(contentType, raw);
            event = new WebhookEvent(traceId, settings.path(), payload, headersOf(ctx), raw, Instant.now());
        } catch (BodyRejectedException e) {
            log.warn("rejected a request on {}: {} {}", settings.path(), e.status(), e.getMessage());
            return Answer.error(e.status(), e.code(), e.getMessage(), traceId);
        } catch (IOException e) {
            log.warn("could not read a request on {}: {}", settings.path(), e.toString());
            return Answer.error(400, "unreadable_body", "the request body could not be read", traceId);
        }
        log.info("received event on {} ({} bytes)", settings.path(), event.rawBodyLength());
        console.received(event);
        RoutingDecision decision;
        try {
            decision = EventRouting.route(event, registrations);
        } catch (Exception | LinkageError e) {
            log.error("a processor threw while routing the event on {}", settings.path(), e);
            return Answer.error(500, "processor_error", "a processor failed while routing the event", traceId);
        }
        return switch (decision.verdict()) {
            case IGNORED -> {
                log.info("ignored: no processor on {} matched", settings.path());
                yield Answer.ignored(traceId);
            }
            case UNAUTHORIZED -> Answer.error(401, "unauthorized", "the request failed authentication", traceId);
            case INVALID -> Answer.error(400, "invalid_payload", "the payload failed validation", traceId);
            case ACCEPTED -> store(event, raw, decision.passed().size(), started);
        };
    }

    /**
     * Writes the event to the store and waits for the commit, at most {@code storeTimeoutMillis}. A write that is
     * still pending then is withdrawn and answered 503: it is never stored, so the sender's retry is the only copy.
     * The intake's {@link Handoff} hears of the insert and of its outcome, whatever it is.
     */
    private Answer store(WebhookEvent event, byte[] raw, int processors, long started) {
        String traceId = event.traceId();
        String groupKey;
        String deliveryId;
        try {
            groupKey = intake.groupKey() == null ? null : intake.groupKey().apply(event);
        } catch (RuntimeException e) {
            log.error("the group key function of {} threw", settings.path(), e);
            return Answer.error(500, "processor_error", "the group key function failed", traceId);
        }
        try {
            deliveryId = intake.deliveryId() == null ? null : intake.deliveryId().apply(event);
        } catch (RuntimeException e) {
            log.error("the delivery id function of {} threw", settings.path(), e);
            return Answer.error(500, "processor_error", "the delivery id function failed", traceId);
        }
        NewEvent stored = new NewEvent(traceId, settings.path(), groupKey == null ? "" : groupKey, deliveryId,
                event.receivedAt(), event.headers().asMap(), raw);
        intake.handoff().storing(event);
        boolean accepted = false;
        try {
            Answer answer = insert(stored, processors, started);
            accepted = outcomeOf(answer) == Outcome.QUEUED;
            return answer;
        } finally {
            intake.handoff().stored(event, accepted);
        }
    }

    /** The insert and the answer it earns. */
    private Answer insert(NewEvent stored, int processors, long started) {
        String traceId = stored.traceId();
        InsertResult result;
        try {
            result = commitWithin(intake.store().insert(stored).toCompletableFuture());
        } catch (TimeoutException e) {
            // Only a commit already under way when storeTimeoutMillis passed gets here, after waiting longer for it.
            log.error("the event store's commit of the event was still under way {} ms after the store timeout of {} "
                    + "ms; answered 503 (the event may still be stored: at-least-once)", COMMIT_UNDER_WAY_MILLIS,
                    settings.storeTimeoutMillis());
            return storeUnavailable(traceId);
        } catch (CancellationException e) {
            log.error("the event store did not commit the event within {} ms; withdrawn (never stored), answered 503",
                    settings.storeTimeoutMillis());
            return storeUnavailable(traceId);
        } catch (ExecutionException e) {
            log.error("the event store failed to write the event; answered 503", e.getCause());
            return storeUnavailable(traceId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.error("interrupted while the event store wrote the event; answered 503");
            return storeUnavailable(traceId);
        } catch (RuntimeException e) {
            log.error("the event store refused to write the event; answered 503", e);
            return storeUnavailable(traceId);
        }
        switch (result.status()) {
            case ACCEPTED -> {
                log.info("queued for {} processor(s) in {} µs, committed to the store", processors, (System.nanoTime() - started) / 1_000);
                return Answer.queued(traceId);
            }
            case DUPLICATE -> {
                log.info("duplicate delivery; already accepted as traceId={}", result.traceId());
                return Answer.duplicate(result.traceId());
            }
            default -> {
                String limit = result.status() == InsertResult.Status.FULL_COUNT ? "events" : "bytes";
                log.warn("queue of {} is full ({}); answered 503", settings.path(), limit);
                return Answer.unavailable("queue_full", "the event queue is full (" + limit + "); retry later",
                        traceId, settings.retryAfterSeconds());
            }
        }
    }

    /**
     * Waits {@code storeTimeoutMillis} for the commit, then withdraws the insert, so a 503 means "not stored" and a
     * retrying sender's event is not stored twice. An insert whose commit is already under way cannot be withdrawn:
     * its outcome is awaited (an engine bounds its own commit; past {@link #COMMIT_UNDER_WAY_MILLIS} more it is a 503
     * that may still commit: at-least-once).
     */
    private InsertResult commitWithin(CompletableFuture<InsertResult> insert)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return insert.get(settings.storeTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (insert.cancel(false)) {
                throw new CancellationException("withdrawn");
            }
            return insert.get(COMMIT_UNDER_WAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** How long a commit already under way at the timeout is awaited: longer than SQLite's busy timeout. */
    static final long COMMIT_UNDER_WAY_MILLIS = 30_000;

    private Answer storeUnavailable(String traceId) {
        return Answer.unavailable("store_unavailable", "the event could not be stored; retry later", traceId,
                settings.retryAfterSeconds());
    }

    private Answer shuttingDown(String traceId) {
        return Answer.unavailable("shutting_down", "the integration is not accepting events", traceId,
                settings.retryAfterSeconds());
    }

    private static Outcome outcomeOf(Answer answer) {
        return switch (answer.status()) {
            case 200 -> "ignored".equals(answer.outcome()) ? Outcome.IGNORED
                    : "duplicate".equals(answer.outcome()) ? Outcome.DUPLICATE : Outcome.QUEUED;
            case 401 -> Outcome.UNAUTHORIZED;
            case 503 -> "queue_full".equals(answer.error()) ? Outcome.REJECTED_FULL
                    : "store_unavailable".equals(answer.error()) ? Outcome.REJECTED_STORE : Outcome.REJECTED_STOPPING;
            case 500 -> Outcome.ERROR;
            default -> Outcome.INVALID;
        };
    }

    private byte[] readBody(Context ctx) throws IOException, BodyRejectedException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > settings.maxBodyBytes()) {
            throw tooLarge();
        }
        if (ctx.req().getAttribute(BodyGate.WHOLE_BODY) instanceof byte[] whole) {
            if (whole.length > settings.maxBodyBytes()) {
                throw tooLarge();
            }
            return whole; // read by the gate already: no second copy of every body
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes((int) settings.maxBodyBytes() + 1);
            if (body.length > settings.maxBodyBytes()) {
                throw tooLarge();
            }
            return body;
        }
    }

    private BodyRejectedException tooLarge() {
        return new BodyRejectedException(413, "payload_too_large",
                "the body exceeds " + settings.maxBodyBytes() + " bytes");
    }

    private static EventHeaders headersOf(Context ctx) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, Collections.list(ctx.req().getHeaders(name)));
        }
        return EventHeaders.of(headers);
    }

    /** Writes an answer as JSON, with {@code Retry-After} when it has one. */
    public static void respond(Context ctx, Answer answer) {
        if (answer.retryAfterSeconds() != null) {
            ctx.header("Retry-After", String.valueOf(answer.retryAfterSeconds()));
        }
        ctx.status(answer.status()).contentType("application/json").result(answer.body());
    }
}
