package io.ocean.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@link AbstractWebhookProcessor#handleEvent} call returns: raw third-party items to upsert, raw items
 * whose entities are to be deleted, and items that are gone, named by their entity's identifier. The jq mappings of
 * the resource turn the raw items into entities; a {@link DeletedIdentifier} needs no identifier mapping at all.
 *
 * <pre>{@code
 * return WebhookEventRawResults.deletedIdentifiers("gitlab-org/gitlab!42");   // 404: the MR is gone
 * return WebhookEventRawResults.builder().updated(mr).deletedIdentifier("gitlab-org/gitlab!41", payload).build();
 * }</pre>
 *
 * @param updatedRawResults  items that were created or changed
 * @param deletedRawResults  items that no longer exist, mapped with jq to find their entities
 * @param deletedIdentifiers items that no longer exist, by entity identifier in the resource's blueprint
 */
public record WebhookEventRawResults(List<JsonNode> updatedRawResults, List<JsonNode> deletedRawResults,
                                     List<DeletedIdentifier> deletedIdentifiers) {

    /** Copies the lists; a null list is read as empty. */
    public WebhookEventRawResults {
        updatedRawResults = updatedRawResults == null ? List.of() : List.copyOf(updatedRawResults);
        deletedRawResults = deletedRawResults == null ? List.of() : List.copyOf(deletedRawResults);
        deletedIdentifiers = deletedIdentifiers == null ? List.of() : List.copyOf(deletedIdentifiers);
    }

    /** Items to upsert and raw items to delete, with no deleted identifiers (the original two-list form). */
    public WebhookEventRawResults(List<JsonNode> updatedRawResults, List<JsonNode> deletedRawResults) {
        this(updatedRawResults, deletedRawResults, List.of());
    }

    /** Results with nothing to upsert and nothing to delete. */
    public static WebhookEventRawResults empty() {
        return new WebhookEventRawResults(List.of(), List.of(), List.of());
    }

    /** Results that upsert the given items. */
    public static WebhookEventRawResults updated(JsonNode... items) {
        return new WebhookEventRawResults(List.of(items), List.of(), List.of());
    }

    /** Results that delete the entities of the given items, found with the mapping's jq identifier. */
    public static WebhookEventRawResults deleted(JsonNode... items) {
        return new WebhookEventRawResults(List.of(), List.of(items), List.of());
    }

    /** Results that delete the entities with these identifiers, whatever the mapping's jq identifier is. */
    public static WebhookEventRawResults deletedIdentifiers(String... identifiers) {
        List<DeletedIdentifier> gone = new ArrayList<>(identifiers.length);
        for (String identifier : identifiers) {
            gone.add(DeletedIdentifier.of(identifier));
        }
        return new WebhookEventRawResults(List.of(), List.of(), gone);
    }

    /**
     * Results that delete the entity with this identifier and, when the mapping of {@code lastSeen} names another
     * one (the identifier mapping was edited), that one too.
     */
    public static WebhookEventRawResults deletedIdentifier(String identifier, JsonNode lastSeen) {
        return new WebhookEventRawResults(List.of(), List.of(), List.of(DeletedIdentifier.of(identifier, lastSeen)));
    }

    /** A builder, for results that both upsert and delete. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether there is nothing to upsert and nothing to delete. */
    public boolean isEmpty() {
        return updatedRawResults.isEmpty() && deletedRawResults.isEmpty() && deletedIdentifiers.isEmpty();
    }

    /** Collects items to upsert and to delete: {@code builder().updated(a).deletedIdentifier("b").build()}. */
    public static final class Builder {

        private final List<JsonNode> updated = new ArrayList<>();
        private final List<JsonNode> deleted = new ArrayList<>();
        private final List<DeletedIdentifier> identifiers = new ArrayList<>();

        private Builder() {
        }

        /** Adds items to upsert. */
        public Builder updated(JsonNode... items) {
            updated.addAll(List.of(items));
            return this;
        }

        /** Adds raw items whose entities are deleted (found with the mapping's jq identifier). */
        public Builder deleted(JsonNode... items) {
            deleted.addAll(List.of(items));
            return this;
        }

        /** Adds an entity identifier to delete. */
        public Builder deletedIdentifier(String identifier) {
            identifiers.add(DeletedIdentifier.of(identifier));
            return this;
        }

        /** Adds an entity identifier to delete, with the raw item as last seen. */
        public Builder deletedIdentifier(String identifier, JsonNode lastSeen) {
            identifiers.add(DeletedIdentifier.of(identifier, lastSeen));
            return this;
        }

        /** The results. */
        public WebhookEventRawResults build() {
            return new WebhookEventRawResults(updated, deleted, identifiers);
        }
    }
}
