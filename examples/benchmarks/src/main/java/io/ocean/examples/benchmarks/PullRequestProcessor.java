package io.ocean.examples.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.RetryableException;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.ResourceConfig;
import java.util.List;

/** A real pull-request processor for the end-to-end and fault benchmarks; may fail first attempts on purpose. */
class PullRequestProcessor extends AbstractWebhookProcessor {

    private final int failFirstAttemptOneIn;
    private int attempts;

    PullRequestProcessor(WebhookEvent event, int failFirstAttemptOneIn) {
        super(event);
        this.failFirstAttemptOneIn = failFirstAttemptOneIn;
    }

    @Override
    public boolean shouldProcessEvent(WebhookEvent event) {
        return "pull_request".equals(event.headers().get("X-GitHub-Event"));
    }

    @Override
    public List<String> getMatchingKinds(WebhookEvent event) {
        return List.of("pull-request");
    }

    @Override
    public boolean authenticate(JsonNode payload, EventHeaders headers) {
        return true;
    }

    @Override
    public boolean validatePayload(JsonNode payload) {
        return payload.has("pull_request");
    }

    @Override
    public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) {
        long id = payload.path("pull_request").path("id").asLong();
        if (attempts++ == 0 && failFirstAttemptOneIn > 0 && id % failFirstAttemptOneIn == 0) {
            throw new RetryableException("first attempt fails on purpose");
        }
        return WebhookEventRawResults.updated(payload.get("pull_request"));
    }

    @Override
    public double initialRetryDelaySeconds() {
        return 0.25;
    }
}
