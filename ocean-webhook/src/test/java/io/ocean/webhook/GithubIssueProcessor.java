package io.ocean.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.ResourceConfig;
import java.util.List;

/** A GitHub issues processor as an integration author would write it, with no fresh-data fetch. */
class GithubIssueProcessor extends AbstractWebhookProcessor {

    GithubIssueProcessor(WebhookEvent event) {
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
        return payload.has("issue") && payload.has("repository");
    }

    @Override
    public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) {
        JsonNode issue = ((com.fasterxml.jackson.databind.node.ObjectNode) payload.get("issue").deepCopy())
                .set("repository", payload.get("repository"));
        return "deleted".equals(payload.path("action").asText())
                ? WebhookEventRawResults.deleted(issue)
                : WebhookEventRawResults.updated(issue);
    }
}
