package io.ocean.webhook.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A worker's hold on an event: while the lease lasts, no other worker (in any process) runs an event of the same
 * path and group key. Every write about the event must present the claim; a store refuses it when the event was
 * claimed again since (its fencing token is higher), so a worker whose lease was taken over changes nothing.
 *
 * @param event          the event, state {@link EventState#RUNNING}, attempts already counting this run
 * @param token          the fencing token, higher at each claim of any event
 * @param leaseUntil     when the lease ends unless renewed, on the store's clock
 * @param firstClaimedAt when the event was first claimed, on the store's clock: its time budget
 *                       ({@code maxEventProcessingSeconds}) counts from then, across retries, restarts and processes
 */
public record Claim(StoredEvent event, long token, Instant leaseUntil, Instant firstClaimedAt) {

    /** Requires every part. */
    public Claim {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(firstClaimedAt, "firstClaimedAt");
    }

    /** The claimed event's trace id. */
    public String traceId() {
        return event.traceId();
    }
}
