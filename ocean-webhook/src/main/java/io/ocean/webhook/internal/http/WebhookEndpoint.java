package io.ocean.webhook.internal.http;

import io.ocean.webhook.internal.console.ConsoleRecorder;
import io.ocean.webhook.internal.run.Deduplicator;
import io.ocean.webhook.internal.run.EventRouting;
import io.ocean.webhook.internal.run.MatchedProcessor;
import io.ocean.webhook.internal.run.Outcome;
import io.ocean.webhook.internal.run.PathScheduler;
import io.ocean.webhook.internal.run.ProcessorRegistration;
import io.ocean.webhook.internal.run.RoutingDecision;
import io.ocean.webhook.internal.run.RuntimeMetrics;

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
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP edge of one webhook path: size limit, content type, parse, route, queue; and the answer that tells
 * the sender the truth. Nothing is answered 2xx unless it was queued (or no processor wanted it).
 */
public final class WebhookEndpoint implements Handler {

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

    /** What the endpoint needs from the runtime. */
    public record Settings(String path, long maxBodyBytes, int retryAfterSeconds) {
    }

    /** Hands an accepted event to the path's scheduler; may throw when the user's group key function does. */
    @FunctionalInterface
    public interface Submitter {
        /** Queues the event for the processors that passed. */
        PathScheduler.Offer submit(WebhookEvent event, List<MatchedProcessor> passed) throws Exception;
    }

    private final Settings settings;
    private final List<ProcessorRegistration> registrations;
    private final Submitter submitter;
    private final BooleanSupplier accepting;
    private final RuntimeMetrics metrics;
    private final Deduplicator deduplicator;
    private final ConsoleRecorder console;

    /** Creates the endpoint of one path; {@code deduplicator} may be null. */
    public WebhookEndpoint(Settings settings, List<ProcessorRegistration> registrations, Submitter submitter,
                           BooleanSupplier accepting, RuntimeMetrics metrics, Deduplicator deduplicator,
                           ConsoleRecorder console) {
        this.settings = settings;
        this.registrations = List.copyOf(registrations);
        this.submitter = submitter;
        this.accepting = accepting;
        this.metrics = metrics;
        this.deduplicator = deduplicator;
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
        try {
            byte[] raw = readBody(ctx);
            String contentType = ctx.header("Content-Type");
            JsonNode payload = RequestBodies.parse(contentType, raw);
            // the parsed tree may be dropped under memory pressure while the event waits: the raw bytes stay
            event = WebhookEvent.reparsable(traceId, settings.path(), payload, headersOf(ctx), raw, Instant.now(),
                    RequestBodies.reparser(contentType));
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
            case ACCEPTED -> enqueue(event, decision.passed(), started);
        };
    }

    private Answer enqueue(WebhookEvent event, List<MatchedProcessor> passed, long started) {
        String traceId = event.traceId();
        String deliveryId;
        try {
            deliveryId = deduplicator == null ? null : deduplicator.idOf(event);
        } catch (RuntimeException e) {
            log.error("the delivery id function of {} threw", settings.path(), e);
            return Answer.error(500, "processor_error", "the delivery id function failed", traceId);
        }
        if (deliveryId != null) {
            String first = deduplicator.claim(deliveryId, traceId);
            if (first != null) {
                log.info("duplicate delivery; already queued as traceId={}", first);
                return Answer.duplicate(first);
            }
        }
        PathScheduler.Offer offer;
        try {
            offer = submitter.submit(event, passed);
        } catch (Exception e) {
            log.error("the group key function of {} threw", settings.path(), e);
            offer = null;
        }
        if (offer != PathScheduler.Offer.ACCEPTED && deliveryId != null) {
            deduplicator.release(deliveryId, traceId);
        }
        if (offer == null) {
            return Answer.error(500, "processor_error", "the group key function failed", traceId);
        }
        switch (offer) {
            case ACCEPTED -> {
                log.info("queued for {} processor(s) in {} µs", passed.size(), (System.nanoTime() - started) / 1_000);
                return Answer.queued(traceId);
            }
            case STOPPED -> {
                return shuttingDown(traceId);
            }
            default -> {
                String limit = offer == PathScheduler.Offer.FULL_COUNT ? "events" : "bytes";
                log.warn("queue of {} is full ({}); answered 503", settings.path(), limit);
                return Answer.unavailable("queue_full", "the event queue is full (" + limit + "); retry later",
                        traceId, settings.retryAfterSeconds());
            }
        }
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
            case 503 -> "queue_full".equals(answer.error()) ? Outcome.REJECTED_FULL : Outcome.REJECTED_STOPPING;
            case 500 -> Outcome.ERROR;
            default -> Outcome.INVALID;
        };
    }

    private byte[] readBody(Context ctx) throws IOException, BodyRejectedException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > settings.maxBodyBytes()) {
            throw tooLarge();
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
