package io.ocean.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import java.util.List;

/** A GitHub issues processor and its mapping, as the Port tests use them. */
class GithubIssues extends AbstractWebhookProcessor {

    static PortAppConfig mapping(String blueprint) {
        return PortAppConfig.fromYaml("""
                resources:
                  - kind: issue
                    port:
                      entity:
                        mappings:
                          identifier: .repository.name + "-" + (.number | tostring)
                          title: .title
                          blueprint: '"%s"'
                          properties:
                            state: .state
                """.formatted(blueprint));
    }

    GithubIssues(WebhookEvent event) {
        super(event);
    }

    @Override
    public boolean shouldProcessEvent(WebhookEvent event) {
        return "issues".equals(event.headers().get("X-GitHub-Event"));
    }

    @Override
    public List<String> getMatchingKinds(WebhookEvent event) {
        return List.of("issue");
    }

    @Override
    public boolean authenticate(JsonNode payload, EventHeaders headers) {
        return true;
    }

    @Override
    public boolean validatePayload(JsonNode payload) {
        return payload.has("issue");
    }

    @Override
    public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) {
        ObjectNode issue = ((ObjectNode) payload.get("issue").deepCopy()).set("repository", payload.get("repository"));
        return "deleted".equals(payload.path("action").asText())
                ? WebhookEventRawResults.deleted(issue) : WebhookEventRawResults.updated(issue);
    }
}
