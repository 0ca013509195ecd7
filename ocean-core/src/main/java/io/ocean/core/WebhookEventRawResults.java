package io.ocean.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What one {@link AbstractWebhookProcessor#handleEvent} call returns: raw third-party items to upsert and
 * raw items whose entities are to be deleted. The jq mappings of the resource turn them into entities.
 *
 * @param updatedRawResults items that were created or changed
 * @param deletedRawResults items that no longer exist
 */
public record WebhookEventRawResults(List<JsonNode> updatedRawResults, List<JsonNode> deletedRawResults) {

    /** Copies both lists; a null list is read as empty. */
    public WebhookEventRawResults {
        updatedRawResults = updatedRawResults == null ? List.of() : List.copyOf(updatedRawResults);
        deletedRawResults = deletedRawResults == null ? List.of() : List.copyOf(deletedRawResults);
    }

    /** Results with nothing to upsert and nothing to delete. */
    public static WebhookEventRawResults empty() {
        return new WebhookEventRawResults(List.of(), List.of());
    }

    /** Results that upsert the given items. */
    public static WebhookEventRawResults updated(JsonNode... items) {
        return new WebhookEventRawResults(List.of(items), List.of());
    }

    /** Results that delete the entities of the given items. */
    public static WebhookEventRawResults deleted(JsonNode... items) {
        return new WebhookEventRawResults(List.of(), List.of(items));
    }
}
