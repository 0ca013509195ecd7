package io.ocean.webhook.internal.run;

import io.ocean.core.AbstractWebhookProcessor;

/** A processor that matched an event and passed authentication and validation, with the instance that routed it. */
public record MatchedProcessor(ProcessorRegistration registration, AbstractWebhookProcessor routingInstance) {

    /** The processor's class name, for logs. */
    public String name() {
        return routingInstance.getClass().getSimpleName();
    }
}
