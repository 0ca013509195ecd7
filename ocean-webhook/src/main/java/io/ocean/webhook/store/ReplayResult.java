package io.ocean.webhook.store;

/** What {@link EventStore#replay} did. */
public enum ReplayResult {
    /** The dead letter is queued again, after the events already queued for its key. */
    REPLAYED,
    /** No dead letter has this trace id. */
    NOT_FOUND,
    /** Its path is full; the dead letter is kept. */
    FULL
}
