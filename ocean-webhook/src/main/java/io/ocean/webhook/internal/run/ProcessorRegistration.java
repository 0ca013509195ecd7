package io.ocean.webhook.internal.run;

import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.WebhookEvent;
import java.util.Objects;
import java.util.function.Function;

/**
 * A processor factory registered on a path; {@code name} (the class it produced first, or its position)
 * names it in logs.
 */
public record ProcessorRegistration(String path, int position,
                                    Function<WebhookEvent, ? extends AbstractWebhookProcessor> factory) {

    /** Requires a factory. */
    public ProcessorRegistration {
        Objects.requireNonNull(factory, "factory");
    }

    /** A new processor instance for the event; a factory that returns null is a bug we name. */
    public AbstractWebhookProcessor create(WebhookEvent event) {
        AbstractWebhookProcessor processor = factory.apply(event);
        if (processor == null) {
            throw new IllegalStateException("processor factory #" + position + " on " + path + " returned null");
        }
        return processor;
    }
}
