package io.ocean.core;

import io.ocean.core.config.PortAppConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where entity changes go: Port, or with no Port credentials the local catalog. The runtime calls
 * {@link #applyAsync} and releases the event's group when the returned stage completes; a failed stage makes the
 * event a dead letter.
 */
@FunctionalInterface
public interface EntitySink {

    /**
     * Applies the changes; {@code config} carries the flags that shape them ({@code enableMergeEntity},
     * {@code createMissingRelatedEntities}, {@code deleteDependentEntities}).
     */
    void apply(EntityChanges changes, PortAppConfig config) throws Exception;

    /** Applies the changes without holding the caller's thread; by default it calls {@link #apply}. */
    default CompletionStage<Void> applyAsync(EntityChanges changes, PortAppConfig config) {
        try {
            apply(changes, config);
            return CompletableFuture.completedFuture(null);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
