package io.ocean.webhook.internal.console;

import io.javalin.http.Context;
import io.ocean.webhook.store.EventQuery;
import io.ocean.webhook.store.EventState;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The dead-letter filter of the console's API, from the query string: {@code path}, {@code reason}, {@code from},
 * {@code to} (ISO-8601 instants, on the failure time), {@code deliveryId}, and for listings {@code limit} and
 * {@code cursor}. A bad value is an {@link IllegalArgumentException} whose message names the parameter.
 */
record DeadLetterFilter(String path, String reason, Instant from, Instant to, String deliveryId) {

    static final int DEFAULT_LIMIT = 100;

    static DeadLetterFilter of(Context ctx) {
        String path = Text.param(ctx.queryParam("path"));
        return new DeadLetterFilter(path == null ? null : ConsoleApi.normalize(path),
                Text.param(ctx.queryParam("reason")), instant(ctx, "from"), instant(ctx, "to"),
                Text.param(ctx.queryParam("deliveryId")));
    }

    /** The page the request asks for. */
    EventQuery page(Context ctx) {
        return query(cursor(ctx.queryParam("cursor")), Text.limit(ctx.queryParam("limit"), DEFAULT_LIMIT));
    }

    EventQuery query(long beforeId, int limit) {
        return new EventQuery(EventState.DEAD, path, reason, from, to, deliveryId, beforeId, limit);
    }

    private static Instant instant(Context ctx, String name) {
        String text = Text.param(ctx.queryParam(name));
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-12-07T22:00:00Z");
        }
    }

    private static long cursor(String text) {
        if (text == null || text.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            long cursor = Long.parseLong(text.trim());
            if (cursor > 0) {
                return cursor;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("cursor must be the nextCursor of the page before");
    }
}
