package io.ocean.webhook.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.RetryableException;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.ResourceConfig;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A processor for the console's tests: {@code "ignore": true} is not matched, {@code "forged": true} fails
 * authentication, {@code "broken": true} fails validation, and while {@link Behaviour#failing} is set
 * {@code handleEvent} throws, with {@link Behaviour#retries} retries {@link Behaviour#retryDelaySeconds} apart.
 */
final class ConsoleProcessor extends AbstractWebhookProcessor {

    /** What the processors of one Ocean do, switchable while it runs. */
    static final class Behaviour {
        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicInteger retries = new AtomicInteger(0);
        volatile double retryDelaySeconds = 0.01;
    }

    private final Behaviour behaviour;

    ConsoleProcessor(WebhookEvent event, Behaviour behaviour) {
        super(event);
        this.behaviour = behaviour;
    }

    @Override
    public boolean shouldProcessEvent(WebhookEvent event) {
        return !event.payload().path("ignore").asBoolean();
    }

    @Override
    public List<String> getMatchingKinds(WebhookEvent event) {
        return List.of("issue");
    }

    @Override
    public boolean authenticate(JsonNode payload, EventHeaders headers) {
        return !payload.path("forged").asBoolean();
    }

    @Override
    public boolean validatePayload(JsonNode payload) {
        return !payload.path("broken").asBoolean();
    }

    @Override
    public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) {
        if (behaviour.failing.get()) {
            throw new RetryableException("downstream refused issue " + payload.path("issue").path("id").asText());
        }
        return WebhookEventRawResults.updated(payload);
    }

    @Override
    public int maxRetries() {
        return behaviour.retries.get();
    }

    @Override
    public double initialRetryDelaySeconds() {
        return behaviour.retryDelaySeconds;
    }

    @Override
    public double retryJitter() {
        return 0;
    }
}
