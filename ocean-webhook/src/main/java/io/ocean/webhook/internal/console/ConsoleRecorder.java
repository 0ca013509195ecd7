package io.ocean.webhook.internal.console;

import io.ocean.core.EntityChanges;
import io.ocean.core.WebhookEvent;
import io.ocean.webhook.internal.run.Outcome;

/**
 * What the runtime tells the console about an event, from the few places that know: the edge (received, answered),
 * the run (retrying, finished) and the results handler (entities changed). Every call is O(1) and bounded; with the
 * console off the runtime holds {@link #OFF}, which records nothing.
 */
public interface ConsoleRecorder {

    /** Records nothing: the console is off. */
    ConsoleRecorder OFF = new ConsoleRecorder() {
    };

    /** An event was read and parsed at the edge (before routing); its raw bytes and headers are kept by reference. */
    default void received(WebhookEvent event) {
    }

    /** The edge answered the sender; for a request refused before it was parsed this is the first call. */
    default void answered(String traceId, String path, Outcome outcome) {
    }

    /** A (processor, resource) pair of the event failed and waits for retry {@code retry}. */
    default void retrying(String traceId, int retry) {
    }

    /**
     * The event's run ended: processed when {@code deadLetterReason} is null, else a dead letter.
     *
     * @param queueNanos      time from queued to the start of processing
     * @param processingNanos time from the start of processing to the results applied
     */
    default void finished(String traceId, long queueNanos, long processingNanos, String deadLetterReason) {
    }

    /** The event's entity changes were applied. */
    default void changed(String traceId, EntityChanges changes) {
    }
}
