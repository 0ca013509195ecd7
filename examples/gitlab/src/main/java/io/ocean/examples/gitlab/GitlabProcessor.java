package io.ocean.examples.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.ResourceConfig;
import io.ocean.http.HttpApi;
import io.ocean.webhook.gitlab.GitLabEvent;
import io.ocean.webhook.signature.SignatureVerifier;
import java.util.List;
import java.util.Optional;

/**
 * The events about one kind of GitLab item (a merge request, with the notes on it; an issue, likewise; a pipeline):
 * the item read fresh from GitLab when there is a client, deleted by its identifier ({@code project_id} +
 * {@code separator} + {@code iid}; with the last-seen item, so an edited identifier mapping deletes too) when GitLab
 * says it is gone, and given its project's id as {@code project_id}, which GitLab's API has and the hooks do not.
 */
final class GitlabProcessor extends AbstractWebhookProcessor {

    private final String itemKind;
    private final String kind;
    private final String collection;
    private final String separator;
    private final SignatureVerifier verifier;
    private final HttpApi gitlab;

    GitlabProcessor(WebhookEvent event, String itemKind, String kind, String collection, String separator,
                    SignatureVerifier verifier, HttpApi gitlab) {
        super(event);
        this.itemKind = itemKind;
        this.kind = kind;
        this.collection = collection;
        this.separator = separator;
        this.verifier = verifier;
        this.gitlab = gitlab;
    }

    @Override
    public boolean shouldProcessEvent(WebhookEvent event) {
        return GitLabEvent.of(event).isAbout(itemKind);
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
        GitLabEvent gitlabEvent = GitLabEvent.of(payload);
        return gitlabEvent.projectId() >= 0 && gitlabEvent.item().has("id");
    }

    @Override
    public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) {
        GitLabEvent item = GitLabEvent.of(event());
        ObjectNode seen = ((ObjectNode) item.item().deepCopy()).put("project_id", item.projectId());
        if (gitlab == null || collection == null) {
            return WebhookEventRawResults.updated(seen);
        }
        // snippet:fresh
        Optional<JsonNode> fresh = gitlab.find("/projects/{id}/{collection}/{iid}", item.projectId(), collection,
                item.iid());
        String identifier = item.projectId() + separator + item.iid();   // the default mapping's, as in "14!1"
        return fresh.map(WebhookEventRawResults::updated)
                .orElseGet(() -> WebhookEventRawResults.deletedIdentifier(identifier, seen));
        // end-snippet
    }
}
