package io.ocean.webhook.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An event as the store holds it. {@code id} orders the events of one path: within a group key, a lower id runs
 * first.
 *
 * @param id            the store's sequence number; a replayed event gets a new, higher one
 * @param traceId       the event's trace id
 * @param path          the webhook path
 * @param groupKey      its group key; {@code ""} for the path's default group
 * @param deliveryId    the sender's delivery id, or null
 * @param receivedAt    when it was received
 * @param headers       the request headers
 * @param body          the raw body (not copied)
 * @param attempts      how many times processing was started (a run cut short by a crash counts)
 * @param nextAttemptAt when it may run (again); the receive time for a new event
 * @param state         where it is in its life
 * @param lastError     why its last run failed, or null
 * @param failedAt      when it became a dead letter, or null
 */
public record StoredEvent(long id, String traceId, String path, String groupKey, String deliveryId,
                          Instant receivedAt, Map<String, List<String>> headers, byte[] body, int attempts,
                          Instant nextAttemptAt, EventState state, String lastError, Instant failedAt) {

    /** Requires every part but the delivery id, the last error and the failure time; copies the headers. */
    public StoredEvent {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(receivedAt, "receivedAt");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(state, "state");
    }

    /** A queued event made from what the edge accepted. */
    public static StoredEvent queued(long id, NewEvent event) {
        return new StoredEvent(id, event.traceId(), event.path(), event.groupKey(), event.deliveryId(),
                event.receivedAt(), event.headers(), event.body(), 0, event.receivedAt(), EventState.QUEUED, null,
                null);
    }

    /** The same event in another state. */
    public StoredEvent with(EventState newState, int newAttempts, Instant newNextAttemptAt, String error,
                            Instant newFailedAt) {
        return new StoredEvent(id, traceId, path, groupKey, deliveryId, receivedAt, headers, body, newAttempts,
                newNextAttemptAt, newState, error, newFailedAt);
    }
}
