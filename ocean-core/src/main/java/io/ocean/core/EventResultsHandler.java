package io.ocean.core;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the results of one processed event go: every (processor, resource config) pair that succeeded, each
 * tagged with its resource config, in one call. The mapping layer turns them into entity changes.
 */
@FunctionalInterface
public interface EventResultsHandler {

    /**
     * Applies the results of one event. An exception marks the event as failed; it is logged with its trace id.
     *
     * @param event   the event that was processed
     * @param results the results of each successful pair, in processing order
     */
    void handle(WebhookEvent event, List<ResourceRawResults> results) throws Exception;

    /**
     * Applies the results without holding the worker's thread; the event's group is released when the stage
     * completes, and a failed stage makes the event a dead letter. By default it calls {@link #handle}.
     */
    default CompletionStage<Void> handleAsync(WebhookEvent event, List<ResourceRawResults> results) {
        try {
            handle(event, results);
            return CompletableFuture.completedFuture(null);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
