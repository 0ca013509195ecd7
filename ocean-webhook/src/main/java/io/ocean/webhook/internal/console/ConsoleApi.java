package io.ocean.webhook.internal.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.ocean.core.Entity;
import io.ocean.core.EventHeaders;
import io.ocean.core.LocalCatalog;
import io.ocean.core.internal.Json;
import io.ocean.webhook.DeadLetter;
import io.ocean.webhook.internal.run.StoredEvents;
import io.ocean.webhook.store.DeadLetterCount;
import io.ocean.webhook.store.EventPage;
import io.ocean.webhook.store.EventSummary;
import io.ocean.webhook.store.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The console's JSON API under {@code /ocean/api}: what the page shows, for operators' scripts too. */
final class ConsoleApi {

    private static final Logger log = LoggerFactory.getLogger(ConsoleApi.class);
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_ENTITIES = 200;

    private final ConsoleHost host;
    private final RecentEvents events;
    private final ConsoleStatus status;

    ConsoleApi(ConsoleHost host, RecentEvents events, ConsoleStatus status) {
        this.host = host;
        this.events = events;
        this.status = status;
    }

    /** {@code GET /ocean/api/events?path=&outcome=&q=&limit=}: the newest first. */
    void events(Context ctx) {
        int limit;
        try {
            limit = Text.limit(ctx.queryParam("limit"), DEFAULT_LIMIT);
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "invalid_limit", e.getMessage());
            return;
        }
        String path = Text.param(ctx.queryParam("path"));
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("events");
        events.newest(path == null ? null : normalize(path), Text.param(ctx.queryParam("outcome")),
                Text.param(ctx.queryParam("q")), limit).forEach(view -> list.add(summary(view)));
        json(ctx, 200, body);
    }

    /** {@code GET /ocean/api/events/{traceId}}: headers masked, the payload, the entities it changed. */
    void event(Context ctx) {
        RecentEvent.View view = events.get(ctx.pathParam("traceId"));
        if (view == null) {
            error(ctx, 404, "not_found", "no recent event has this trace id");
            return;
        }
        ObjectNode body = summary(view);
        body.put("contentType", view.contentType());
        body.set("headers", HeaderMasking.toJson(view.headers()));
        if (view.payloadLength() >= 0) {
            body.put("payloadBytes", view.payloadLength());
        }
        byte[] raw = events.payload(view);
        if (raw != null) {
            PayloadMasking.put(body, raw, view.contentType());
        }
        String note = events.payloadNote(view, raw);
        if (note != null) {
            body.put("payloadNote", note);
        }
        ArrayNode entities = body.putArray("entities");
        events.changes().of(view.traceId()).forEach(change -> entities.add(change(change)));
        json(ctx, 200, body);
    }

    /**
     * {@code GET /ocean/api/dead-letters?path=&reason=&from=&to=&deliveryId=&limit=&cursor=}: one page, newest first,
     * metadata only, from the store's read side; with the counts per path and reason.
     */
    void deadLetters(Context ctx) {
        EventPage page;
        try {
            page = host.events(DeadLetterFilter.of(ctx).page(ctx));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "invalid_filter", e.getMessage());
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("deadLetters");
        for (EventSummary letter : page.events()) {
            list.add(summary(letter));
        }
        if (page.nextBeforeId() > 0) {
            body.put("nextCursor", Long.toString(page.nextBeforeId()));
        } else {
            body.putNull("nextCursor");
        }
        ArrayNode counts = body.putArray("counts");
        long total = 0;
        for (DeadLetterCount count : host.deadLetterCounts()) {
            counts.addObject().put("path", count.path()).put("reason", count.reason()).put("count", count.count());
            total += count.count();
        }
        body.put("total", total);
        json(ctx, 200, body);
    }

    /** {@code GET /ocean/api/dead-letters/{traceId}}: the one place a dead letter's headers and body are read. */
    void deadLetter(Context ctx) {
        Optional<StoredEvent> held = host.heldDeadLetter(ctx.pathParam("traceId"));
        if (held.isEmpty()) {
            error(ctx, 404, "not_found", "no dead letter has this trace id");
            return;
        }
        StoredEvent letter = held.get();
        ObjectNode body = summary(EventSummary.of(letter));
        EventHeaders headers = EventHeaders.of(letter.headers());
        body.set("headers", HeaderMasking.toJson(headers));
        PayloadMasking.put(body, letter.body(), headers.get("Content-Type"));
        json(ctx, 200, body);
    }

    private static ObjectNode summary(EventSummary letter) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("traceId", letter.traceId()).put("path", letter.path())
                .put("reason", letter.lastError() == null ? "" : letter.lastError())
                .put("attempts", letter.attempts())
                .put("receivedAt", letter.receivedAt().toString())
                .put("deliveryId", letter.deliveryId())
                .put("bodyBytes", letter.bodyBytes());
        if (letter.failedAt() != null) {
            json.put("failedAt", letter.failedAt().toString());
        }
        return json;
    }

    /**
     * {@code POST /ocean/api/dead-letters/{traceId}/replay}: 202 when queued again, 404 when unknown. Returns the
     * action to count: {@code replay}, {@code replay-refused} (queue full) or {@code replay-not-found}, so that an
     * event already gone is not counted as replayed.
     */
    String replay(Context ctx) {
        String traceId = ctx.pathParam("traceId");
        Optional<DeadLetter> letter = deadLetter(traceId);
        if (letter.isEmpty()) {
            error(ctx, 404, "not_found", "no dead letter has this trace id");
            return "replay-not-found";
        }
        // marked before it runs: a fast run's "processed" must not be overwritten by "queued"
        events.replayed(letter.get());
        MDC.put("traceId", traceId);
        try {
            if (host.replay(traceId)) {
                log.info("dead letter replayed from the console by {}", ConsoleActions.who(ctx));
                json(ctx, 202, Json.MAPPER.createObjectNode().put("traceId", traceId).put("status", "queued"));
                return "replay";
            }
        } finally {
            MDC.remove("traceId");
        }
        if (deadLetter(traceId).isEmpty()) {
            error(ctx, 404, "not_found", "no dead letter has this trace id");
            return "replay-not-found";
        }
        events.replayRefused(traceId, letter.get().reason());
        ctx.header("Retry-After", "5");
        error(ctx, 503, "queue_full", "the path's queue refused the event; the dead letter is kept, retry later");
        return "replay-refused";
    }

    private Optional<DeadLetter> deadLetter(String traceId) {
        return host.heldDeadLetter(traceId).map(StoredEvents::toDeadLetter);
    }

    /** {@code GET /ocean/api/entities?blueprint=&q=}: the local catalog's matches, and the recent changes. */
    void entities(Context ctx) {
        String blueprint = Text.param(ctx.queryParam("blueprint"));
        String text = Text.param(ctx.queryParam("q"));
        ObjectNode body = Json.MAPPER.createObjectNode();
        LocalCatalog catalog = status.localCatalog();
        body.put("mode", status.mode());
        if (catalog != null) {
            List<Entity> all = catalog.entities();
            TreeSet<String> blueprints = new TreeSet<>();
            all.forEach(entity -> blueprints.add(entity.blueprint()));
            body.put("catalogSize", all.size());
            ArrayNode names = body.putArray("blueprints");
            blueprints.forEach(names::add);
            ArrayNode matches = body.putArray("entities");
            all.stream().filter(entity -> blueprint == null || blueprint.equals(entity.blueprint()))
                    .filter(entity -> text == null || Text.contains(entity.identifierText(), text)
                            || Text.contains(entity.title(), text))
                    .limit(MAX_ENTITIES)
                    .forEach(entity -> matches.add(Json.MAPPER.valueToTree(entity)));
        }
        ArrayNode recent = body.putArray("recent");
        events.changes().newest(blueprint, text, MAX_ENTITIES).forEach(change -> recent.add(change(change)));
        json(ctx, 200, body);
    }

    /** {@code GET /ocean/api/status}: queues, rates, dead letters, the port app config and its source. */
    void status(Context ctx) {
        json(ctx, 200, status.toJson());
    }

    private static ObjectNode summary(RecentEvent.View view) {
        ObjectNode json = Json.MAPPER.createObjectNode()
                .put("traceId", view.traceId())
                .put("path", view.path())
                .put("deliveryId", view.deliveryId())
                .put("receivedAt", view.receivedAt().toString())
                .put("outcome", view.outcome());
        if (RecentEvent.RETRYING.equals(view.outcome())) {
            json.put("retry", view.retry());
        }
        if (view.queueNanos() >= 0) {
            json.put("queueMillis", view.queueNanos() / 1e6);
        }
        if (view.processingNanos() >= 0) {
            json.put("processingMillis", view.processingNanos() / 1e6);
        }
        if (view.reason() != null) {
            json.put("reason", view.reason());
        }
        if (view.replays() > 0) {
            json.put("replays", view.replays());
        }
        return json;
    }

    private static ObjectNode change(RecentChanges.Change change) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("op", change.op()).put("blueprint", change.blueprint())
                .put("identifier", change.identifier()).put("traceId", change.traceId())
                .put("at", change.at().toString());
        if (change.entity() != null) {
            json.set("entity", Json.MAPPER.valueToTree(change.entity()));
        }
        return json;
    }

    /** Paths are shown and stored with their leading slash; {@code path=webhook} means {@code /webhook}. */
    static String normalize(String path) {
        String trimmed = path.startsWith("/integration/") ? path.substring("/integration".length()) : path;
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    static void json(Context ctx, int status, JsonNode body) {
        ctx.header("Cache-Control", "no-store");
        try {
            ctx.status(status).contentType("application/json").result(Json.MAPPER.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void error(Context ctx, int status, String code, String message) {
        json(ctx, status, Json.MAPPER.createObjectNode().put("error", code).put("message", message));
    }
}
