package io.ocean.webhook.store;

import java.time.Instant;

/**
 * A page of the events a store holds, metadata only, newest (highest id) first: the console's and operators' view of
 * the dead letters and the queues, served from the store's read side. Every filter is optional (null).
 *
 * @param state      only events in this state ({@link EventState#DEAD} for the dead letters); null for any
 * @param path       only this webhook path
 * @param reason     only events whose last error is exactly this
 * @param from       only events failed (dead letters) or received (others) at or after this
 * @param to         only events failed (dead letters) or received (others) before this
 * @param deliveryId only events with this delivery id
 * @param beforeId   only events with a lower id: the {@link EventPage#nextBeforeId()} of the page before, or
 *                   {@link Long#MAX_VALUE} for the first page
 * @param limit      at most this many, from 1 to {@link #MAX_LIMIT}
 */
public record EventQuery(EventState state, String path, String reason, Instant from, Instant to, String deliveryId,
                         long beforeId, int limit) {

    /** The largest page a store hands out. */
    public static final int MAX_LIMIT = 1_000;

    /** Checks the limit and the cursor. */
    public EventQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        if (beforeId < 1) {
            throw new IllegalArgumentException("beforeId must be > 0, got " + beforeId);
        }
    }

    /** The first page of the dead letters, {@code limit} of them, no filter. */
    public static EventQuery deadLetters(int limit) {
        return new EventQuery(EventState.DEAD, null, null, null, null, null, Long.MAX_VALUE, limit);
    }

    /** Whether {@code event} passes the filters (the cursor included); for engines that filter in memory. */
    public boolean matches(EventSummary event) {
        return matches(event.id(), event.state(), event.path(), event.lastError(), event.receivedAt(),
                event.failedAt(), event.deliveryId());
    }

    /**
     * {@link #matches(EventSummary)} on an event's fields, for an engine that filters its own records before it
     * builds the summaries of a page.
     */
    public boolean matches(long id, EventState eventState, String eventPath, String lastError, Instant receivedAt,
            Instant failedAt, String eventDeliveryId) {
        Instant at = eventState == EventState.DEAD && failedAt != null ? failedAt : receivedAt;
        return id < beforeId
                && (state == null || state == eventState)
                && (path == null || path.equals(eventPath))
                && (reason == null || reason.equals(lastError))
                && (from == null || !at.isBefore(from))
                && (to == null || at.isBefore(to))
                && (deliveryId == null || deliveryId.equals(eventDeliveryId));
    }
}
