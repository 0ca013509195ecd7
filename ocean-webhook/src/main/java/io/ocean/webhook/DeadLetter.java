package io.ocean.webhook;

import io.ocean.core.WebhookEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * An accepted event that could not be processed: a (processor, resource) pair failed after its last retry, or its
 * results could not be applied. Kept in the event store (so it survives restarts); {@link Ocean#replay} runs it again.
 *
 * @param traceId  the event's trace id
 * @param path     the path it arrived on
 * @param reason   why it failed, for a person
 * @param attempts how many times processing of the event was started (a run cut short by a crash counts)
 * @param failedAt when it was given up on
 * @param event    the event, with its raw bytes and headers
 */
public record DeadLetter(String traceId, String path, String reason, int attempts, Instant failedAt, WebhookEvent event) {

    /** Requires every part but allows zero attempts (a failure before {@code handleEvent}). */
    public DeadLetter {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(failedAt, "failedAt");
        Objects.requireNonNull(event, "event");
    }
}
