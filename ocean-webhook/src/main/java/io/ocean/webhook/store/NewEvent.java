package io.ocean.webhook.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An event as the HTTP edge accepted it, to be written to the store before the sender gets its 200.
 *
 * @param traceId    the event's trace id, unique
 * @param path       the webhook path it arrived on, e.g. {@code /webhook}
 * @param groupKey   the key its path groups it by; {@code ""} for the path's default group
 * @param deliveryId the sender's delivery id when the path deduplicates, else null
 * @param receivedAt when it was received
 * @param headers    the request headers the processors may read, names as received
 * @param body       the raw request body, exactly as received (not copied: the caller gives it up)
 */
public record NewEvent(String traceId, String path, String groupKey, String deliveryId, Instant receivedAt,
                       Map<String, List<String>> headers, byte[] body) {

    /** Requires every part but the delivery id; copies the headers. */
    public NewEvent {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(receivedAt, "receivedAt");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        Objects.requireNonNull(body, "body");
    }
}
