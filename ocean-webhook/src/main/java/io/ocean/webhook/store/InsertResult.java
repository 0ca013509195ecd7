package io.ocean.webhook.store;

import java.util.Objects;

/**
 * What {@link EventStore#insert} did.
 *
 * @param status       accepted, duplicate, or refused by a limit
 * @param traceId      the accepted event's trace id, or for a duplicate the trace id of the first delivery
 */
public record InsertResult(Status status, String traceId) {

    /** The outcomes of an insert. */
    public enum Status {
        /** Committed: the sender may be told 200. */
        ACCEPTED,
        /** The delivery id was seen within the deduplication window; nothing was written. */
        DUPLICATE,
        /** The path holds {@code queueCapacity} events already. */
        FULL_COUNT,
        /** The path holds {@code queueMaxBytes} bytes of bodies already. */
        FULL_BYTES
    }

    /** Requires both parts. */
    public InsertResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(traceId, "traceId");
    }
}
