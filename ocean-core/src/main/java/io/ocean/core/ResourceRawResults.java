package io.ocean.core;

import io.ocean.core.config.ResourceConfig;
import java.util.Objects;

/**
 * The raw results one processor returned for one resource config of an event.
 *
 * @param resourceConfig the resource the results are to be mapped with
 * @param rawResults     what {@link AbstractWebhookProcessor#handleEvent} returned
 */
public record ResourceRawResults(ResourceConfig resourceConfig, WebhookEventRawResults rawResults) {

    /** Requires both parts. */
    public ResourceRawResults {
        Objects.requireNonNull(resourceConfig, "resourceConfig");
        Objects.requireNonNull(rawResults, "rawResults");
    }
}
