package io.ocean.webhook.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.webhook.DeadLetter;
import io.ocean.webhook.internal.http.BodyRejectedException;
import io.ocean.webhook.internal.http.RequestBodies;
import io.ocean.webhook.store.StoredEvent;

/** Stored events turned back into what processors and users see, parsed from the raw body as it was received. */
public final class StoredEvents {

    private StoredEvents() {
    }

    /**
     * The event as the processors saw it at the edge: same trace id, headers, bytes and receive time.
     *
     * @throws IllegalArgumentException when its body no longer parses (it did when it was accepted)
     */
    public static WebhookEvent toWebhookEvent(StoredEvent stored) {
        return toWebhookEvent(stored, null);
    }

    /**
     * The same, with the tree the edge already parsed from this very body when there is one (see
     * {@link ParsedPayloads}); parsed from the stored body when {@code parsed} is null.
     */
    static WebhookEvent toWebhookEvent(StoredEvent stored, JsonNode parsed) {
        EventHeaders headers = EventHeaders.of(stored.headers());
        JsonNode payload = parsed;
        if (payload == null) {
            try {
                payload = RequestBodies.parse(headers.get("content-type"), stored.body());
            } catch (BodyRejectedException e) {
                throw new IllegalArgumentException("the stored body no longer parses: " + e.getMessage(), e);
            }
        }
        return new WebhookEvent(stored.traceId(), stored.path(), payload, headers, stored.body(), stored.receivedAt());
    }

    /** A dead letter as {@code ocean.deadLetters()} lists it. */
    public static DeadLetter toDeadLetter(StoredEvent stored) {
        return new DeadLetter(stored.traceId(), stored.path(), stored.lastError() == null ? "" : stored.lastError(),
                stored.attempts(), stored.failedAt() == null ? stored.nextAttemptAt() : stored.failedAt(),
                toWebhookEvent(stored));
    }
}
