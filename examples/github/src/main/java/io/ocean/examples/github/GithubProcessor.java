package io.ocean.examples.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.ResourceConfig;
import io.ocean.webhook.signature.SignatureVerifier;
import java.util.List;

/**
 * What the issue and pull-request processors share: the GitHub event they take, signature verification, the item
 * fetched fresh from GitHub when a token is set, and the repository attached to it for the mapping.
 */
abstract class GithubProcessor extends AbstractWebhookProcessor {

    private final String githubEvent;
    private final String field;
    private final String kind;
    private final SignatureVerifier verifier;
    private final GithubClient github;

    GithubProcessor(WebhookEvent event, String githubEvent, String field, String kind, SignatureVerifier verifier,
                    GithubClient github) {
        super(event);
        this.githubEvent = githubEvent;
        this.field = field;
        this.kind = kind;
        this.verifier = verifier;
        this.github = github;
    }

    /** The REST path of the item, such as {@code /repos/octo/hello/issues/1}. */
    abstract String restPath(String fullName, long number);

    // snippet:contract
    @Override
    public boolean shouldProcessEvent(WebhookEvent event) {
        return githubEvent.equals(event.headers().get("X-GitHub-Event"));
    }

    @Override
    public List<String> getMatchingKinds(WebhookEvent event) {
        return List.of(kind);
    }

    @Override
    public boolean authenticate(JsonNode payload, EventHeaders headers) {
        return verifier.verify(event());
    }

    @Override
    public boolean validatePayload(JsonNode payload) {
        return payload.path(field).has("number") && payload.path("repository").has("full_name");
    }
    // end-snippet

    @Override
    public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) throws Exception {
        JsonNode repository = payload.get("repository");
        if ("deleted".equals(payload.path("action").asText())) {
            return WebhookEventRawResults.deleted(withRepository(payload.get(field), repository));
        }
        JsonNode item = github.hasToken()
                ? github.get(restPath(repository.path("full_name").asText(), payload.path(field).path("number").asLong()))
                : payload.get(field);
        return WebhookEventRawResults.updated(withRepository(item, repository));
    }

    private static JsonNode withRepository(JsonNode item, JsonNode repository) {
        return ((ObjectNode) item.deepCopy()).set("repository", repository);
    }
}
