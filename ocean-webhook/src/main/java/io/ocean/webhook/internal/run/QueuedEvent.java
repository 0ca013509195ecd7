package io.ocean.webhook.internal.run;

import io.ocean.core.WebhookEvent;
import java.util.List;

/**
 * An accepted event waiting for a worker, with the processors that passed routing.
 *
 * @param event      the event
 * @param processors the processors that matched and passed, in registration order
 * @param queuedAtNanos when it was queued, from {@link System#nanoTime()}
 */
public record QueuedEvent(WebhookEvent event, List<MatchedProcessor> processors, long queuedAtNanos) {

    /** Copies the processor list. */
    public QueuedEvent {
        processors = List.copyOf(processors);
    }

    /** The bytes this event holds in the queue. */
    public long bytes() {
        return event.rawBodyLength();
    }
}
