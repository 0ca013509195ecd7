package io.ocean.webhook.internal;

import io.ocean.core.WebhookEvent;
import io.ocean.webhook.internal.run.StoredEvents;
import io.ocean.webhook.internal.run.WebhookRuntime;
import io.ocean.webhook.internal.store.LegacyImport;
import io.ocean.webhook.store.StoredEvent;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives an event from the state files of an earlier Ocean the group key and delivery id its path computes now, so
 * that it keeps its order among new events of its key and its delivery id counts as seen.
 */
final class LegacyKeying implements LegacyImport.Keying {

    private static final Logger log = LoggerFactory.getLogger(LegacyKeying.class);

    private final Map<String, WebhookRuntime.PathSetup> paths;

    LegacyKeying(Map<String, WebhookRuntime.PathSetup> paths) {
        this.paths = paths;
    }

    @Override
    public String groupKey(StoredEvent event) {
        WebhookRuntime.PathSetup setup = paths.get(event.path());
        String key = setup == null ? null : apply(setup.groupKey(), event, "group key");
        return key == null ? "" : key;
    }

    @Override
    public String deliveryId(StoredEvent event) {
        WebhookRuntime.PathSetup setup = paths.get(event.path());
        return setup == null ? null : apply(setup.deliveryId(), event, "delivery id");
    }

    private static String apply(Function<WebhookEvent, String> function, StoredEvent event, String what) {
        if (function == null) {
            return null;
        }
        try {
            return function.apply(StoredEvents.toWebhookEvent(event));
        } catch (RuntimeException e) {
            log.warn("the {} of imported event {} could not be computed; it has none", what, event.traceId(), e);
            return null;
        }
    }
}
