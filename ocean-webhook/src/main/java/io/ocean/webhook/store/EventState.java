package io.ocean.webhook.store;

/** Where an accepted event is in its life. Finished events are deleted, so there is no "done" state. */
public enum EventState {
    /** Waiting for a worker. */
    QUEUED,
    /** Claimed by a worker, which holds a lease on it. */
    RUNNING,
    /** Claimed, and waiting for a retry at {@link StoredEvent#nextAttemptAt()}; its key stays blocked. */
    WAITING,
    /** Failed for good; kept until replayed or evicted. */
    DEAD
}
