package io.ocean.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.ocean.core.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookEventRawResultsTest {

    private final JsonNode item = Json.MAPPER.createObjectNode().put("id", 1);

    @Test
    void theTwoListConstructorStillWorksAndDeletesNoIdentifier() {
        WebhookEventRawResults results = new WebhookEventRawResults(List.of(item), null);

        assertThat(results.updatedRawResults()).containsExactly(item);
        assertThat(results.deletedRawResults()).isEmpty();
        assertThat(results.deletedIdentifiers()).isEmpty();
    }

    @Test
    void theBuilderCollectsUpdatesDeletesAndIdentifiersInOrder() {
        WebhookEventRawResults results = WebhookEventRawResults.builder().updated(item).deleted(item)
                .deletedIdentifier("a").deletedIdentifier("b", item).build();

        assertThat(results.updatedRawResults()).containsExactly(item);
        assertThat(results.deletedRawResults()).containsExactly(item);
        assertThat(results.deletedIdentifiers()).containsExactly(DeletedIdentifier.of("a"),
                DeletedIdentifier.of("b", item));
        assertThat(results.isEmpty()).isFalse();
        assertThat(WebhookEventRawResults.empty().isEmpty()).isTrue();
    }

    @Test
    void aBlankIdentifierIsRefusedAndAJsonNullLastSeenIsAbsent() {
        assertThatThrownBy(() -> WebhookEventRawResults.deletedIdentifiers(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identifier");
        assertThat(DeletedIdentifier.of("a", NullNode.getInstance()).lastSeen()).isNull();
    }
}
