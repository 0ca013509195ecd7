package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.EventState;
import java.time.Instant;

/**
 * What an engine keeps in memory about one event: everything but its headers and body, so that claiming, limits and
 * ordering never read the bodies. Mutable, and touched only under the owning engine's lock (or on its one thread).
 */
final class EventMeta {

    final long id;
    /** The trace id; null in an engine that looks trace ids up in its database (SQLite: less heap per event). */
    final String traceId;
    final String path;
    final String groupKey;
    /** The delivery id; null where the engine does not need it here (as for {@link #traceId}). */
    final String deliveryId;
    final Instant receivedAt;
    final long bytes;
    int attempts;
    Instant nextAttemptAt;
    EventState state;
    String lastError;
    Instant failedAt;
    /** The fencing token of the latest claim; 0 when never claimed. */
    long token;
    /** When the latest claim's lease ends; null unless running or waiting for a retry. */
    Instant leaseUntil;
    /** When the event was first claimed (its time budget counts from then); null until it is. */
    Instant firstClaimedAt;

    EventMeta(long id, String traceId, String path, String groupKey, String deliveryId, Instant receivedAt,
              long bytes, int attempts, Instant nextAttemptAt, EventState state, String lastError, Instant failedAt,
              long token, Instant leaseUntil) {
        this.id = id;
        this.traceId = traceId;
        this.path = path;
        this.groupKey = groupKey;
        this.deliveryId = deliveryId;
        this.receivedAt = receivedAt;
        this.bytes = bytes;
        this.attempts = attempts;
        this.nextAttemptAt = nextAttemptAt;
        this.state = state;
        this.lastError = lastError;
        this.failedAt = failedAt;
        this.token = token;
        this.leaseUntil = leaseUntil;
    }

    boolean held() {
        return state != EventState.DEAD;
    }
}
