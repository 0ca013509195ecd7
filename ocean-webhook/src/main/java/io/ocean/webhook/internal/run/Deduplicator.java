package io.ocean.webhook.internal.run;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ocean.core.WebhookEvent;
import java.time.Duration;
import java.util.function.Function;

/**
 * The delivery ids of one path seen within the window, each with the trace id of the event that carried it first.
 * An id is claimed when its event is queued, released if queueing failed, and forgotten if the event became a dead
 * letter, so that the sender's retry is processed.
 */
public final class Deduplicator {

    /** At most this many ids per path. */
    public static final long MAX_IDS = 100_000;

    private final Function<WebhookEvent, String> deliveryId;
    private final Cache<String, String> seen;

    /** Remembers ids for {@code window}. */
    public Deduplicator(Function<WebhookEvent, String> deliveryId, Duration window) {
        this.deliveryId = deliveryId;
        this.seen = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(MAX_IDS).build();
    }

    /** The event's delivery id, or null when it has none. */
    public String idOf(WebhookEvent event) {
        return deliveryId.apply(event);
    }

    /** Claims the id for this trace id; returns the trace id of an earlier claim, or null if this one is first. */
    public String claim(String id, String traceId) {
        return seen.asMap().putIfAbsent(id, traceId);
    }

    /** Gives up a claim (its event was not queued). */
    public void release(String id, String traceId) {
        seen.asMap().remove(id, traceId);
    }

    /** Forgets the id of an event that became a dead letter, so that a retry of it is processed. */
    public void forget(WebhookEvent event) {
        String id = idOf(event);
        if (id != null) {
            seen.asMap().remove(id, event.traceId());
        }
    }
}
