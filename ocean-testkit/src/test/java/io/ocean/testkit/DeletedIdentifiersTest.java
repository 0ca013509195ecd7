package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.Entity;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.core.internal.Json;
import io.ocean.webhook.Ocean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A processor says "this item is gone" by identifier, and the right owned entity is deleted whatever the mapping. */
class DeletedIdentifiersTest {

    /** Deletes what the payload names: {@code {"gone": id, "lastSeen": item}}, or {@code {"stub": item}}. */
    static final class GoneProcessor extends AbstractWebhookProcessor {

        GoneProcessor(WebhookEvent event) {
            super(event);
        }

        @Override
        public boolean shouldProcessEvent(WebhookEvent event) {
            return true;
        }

        @Override
        public List<String> getMatchingKinds(WebhookEvent event) {
            return List.of("merge_request");
        }

        @Override
        public boolean authenticate(JsonNode payload, EventHeaders headers) {
            return true;
        }

        @Override
        public boolean validatePayload(JsonNode payload) {
            return true;
        }

        @Override
        public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) {
            if (payload.has("stub")) {
                return WebhookEventRawResults.deleted(payload.get("stub"));
            }
            return payload.has("lastSeen")
                    ? WebhookEventRawResults.deletedIdentifier(payload.get("gone").asText(), payload.get("lastSeen"))
                    : WebhookEventRawResults.deletedIdentifiers(payload.get("gone").asText());
        }
    }

    /** The mapping as someone edited it in Port: the identifier now needs fields a stub does not carry. */
    private static final PortAppConfig EDITED = PortAppConfig.fromYaml("""
            resources:
              - kind: merge_request
                port:
                  entity:
                    mappings:
                      identifier: .project.path_with_namespace + "!" + (.iid | tostring)
                      blueprint: if .object_kind == "issue" then "gitlabIssue" else "gitlabMergeRequest" end
            """);

    private static Ocean integration() {
        Ocean ocean = Ocean.create(cfg -> cfg.integration.identifier = "my-gitlab");
        ocean.addWebhookProcessor("/webhook", GoneProcessor::new);
        return ocean;
    }

    private static void send(OceanTestClient client, Ocean app, String json) {
        assertThat(client.send("/webhook", Json.readOrMissing(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Map.of()).status()).isEqualTo(200);
        assertThat(app.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void anEditedIdentifierMappingStillDeletesTheEntityNamedByItsIdentifier() {
        Ocean ocean = integration();
        OceanTest.run(ocean, EDITED, (app, port, client) -> {
            port.putOwnedEntity(Entity.in("gitlabMergeRequest", "42"), app);

            send(client, app, "{\"stub\": {\"iid\": 42}}");
            assertThat(port.entity("gitlabMergeRequest", "42")).as("a stub cannot satisfy the edited mapping")
                    .isPresent();

            send(client, app, "{\"gone\": \"42\"}");
            assertThat(port.entity("gitlabMergeRequest", "42")).isEmpty();
            assertThat(app.deadLetters()).isEmpty();
        });
    }

    @Test
    void anEntityOfAnotherIntegrationWithThatIdentifierIsNotDeleted() {
        OceanTest.run(integration(), EDITED, (app, port, client) -> {
            port.putEntity(Entity.in("gitlabMergeRequest", "42").withTitle("theirs"),
                    FakePort.datasource("gitlab", "1.0.0", "someone-else"));

            send(client, app, "{\"gone\": \"42\"}");

            assertThat(port.entity("gitlabMergeRequest", "42"))
                    .hasValueSatisfying(e -> assertThat(e.title()).isEqualTo("theirs"));
        });
    }

    @Test
    void theLastSeenItemPicksTheBlueprintAndItsCurrentIdentifierIsDeletedToo() {
        OceanTest.run(integration(), EDITED, (app, port, client) -> {
            port.putOwnedEntity(Entity.in("gitlabIssue", "7"));
            port.putOwnedEntity(Entity.in("gitlabMergeRequest", "7"));
            port.putOwnedEntity(Entity.in("gitlabIssue", "group/project!7"));

            send(client, app, """
                    {"gone": "7", "lastSeen": {"object_kind": "issue", "iid": 7,
                                               "project": {"path_with_namespace": "group/project"}}}""");

            assertThat(port.entity("gitlabIssue", "7")).isEmpty();
            assertThat(port.entity("gitlabIssue", "group/project!7")).isEmpty();
            assertThat(port.entity("gitlabMergeRequest", "7")).as("another blueprint").isPresent();
        });
    }
}
