package io.ocean.webhook.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An event without its headers and body: what a listing shows. {@link EventStore#find} gives the whole event.
 *
 * @param id         the store's sequence number
 * @param traceId    the event's trace id
 * @param path       the webhook path
 * @param groupKey   its group key
 * @param deliveryId the sender's delivery id, or null
 * @param receivedAt when it was received
 * @param bodyBytes  the size of its body
 * @param attempts   how many times processing was started
 * @param state      where it is in its life
 * @param lastError  why its last run failed, or null
 * @param failedAt   when it became a dead letter, or null
 */
public record EventSummary(long id, String traceId, String path, String groupKey, String deliveryId,
                           Instant receivedAt, long bodyBytes, int attempts, EventState state, String lastError,
                           Instant failedAt) {

    /** Requires the trace id, path, group key, receive time and state. */
    public EventSummary {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(state, "state");
    }

    /** The summary of a whole event. */
    public static EventSummary of(StoredEvent event) {
        return new EventSummary(event.id(), event.traceId(), event.path(), event.groupKey(), event.deliveryId(),
                event.receivedAt(), event.body().length, event.attempts(), event.state(), event.lastError(),
                event.failedAt());
    }
}
