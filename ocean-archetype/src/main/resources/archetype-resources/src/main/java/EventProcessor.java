package ${package};

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.ResourceConfig;
import io.ocean.webhook.signature.SignatureVerifier;
import java.util.List;

/**
 * Turns a ${kind} event into the raw item of kind {@code ${kind}}; the port app config maps it into an entity. An
 * event is routed by its name ({@link Integration#eventName}); one whose {@code action} is {@code deleted} removes the
 * entity.
 */
public final class EventProcessor extends AbstractWebhookProcessor {

    private final SignatureVerifier verifier;

    /** One instance per event and resource. */
    public EventProcessor(WebhookEvent event, SignatureVerifier verifier) {
        super(event);
        this.verifier = verifier;
    }

    @Override
    public boolean shouldProcessEvent(WebhookEvent event) {
        return !Integration.eventName(event).isEmpty() && event.payload().hasNonNull("id");
    }

    @Override
    public List<String> getMatchingKinds(WebhookEvent event) {
        return List.of("${kind}");
    }

    @Override
    public boolean authenticate(JsonNode payload, EventHeaders headers) {
        return verifier.verify(event());
    }

    @Override
    public boolean validatePayload(JsonNode payload) {
        return payload.path("id").isValueNode();
    }

    @Override
    public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) {
        return "deleted".equals(payload.path("action").asText()) ? WebhookEventRawResults.deleted(payload)
                : WebhookEventRawResults.updated(payload);
    }
}
