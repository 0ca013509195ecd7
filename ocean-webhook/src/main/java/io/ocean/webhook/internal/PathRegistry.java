package io.ocean.webhook.internal;

import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.WebhookEvent;
import io.ocean.webhook.internal.run.ProcessorRegistration;
import io.ocean.webhook.internal.run.WebhookRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** What was registered on each webhook path before start: processors, group key and delivery id functions. */
public final class PathRegistry {

    private final Map<String, List<ProcessorRegistration>> processors = new LinkedHashMap<>();
    private final Map<String, Function<WebhookEvent, String>> groupKeys = new LinkedHashMap<>();
    private final Map<String, Function<WebhookEvent, String>> deliveryIds = new LinkedHashMap<>();

    /** Adds a processor factory on a normalized path, after those already there. */
    public void addProcessor(String path, Function<WebhookEvent, ? extends AbstractWebhookProcessor> factory) {
        List<ProcessorRegistration> onPath = processors.computeIfAbsent(path, p -> new ArrayList<>());
        onPath.add(new ProcessorRegistration(path, onPath.size(), Objects.requireNonNull(factory, "factory")));
    }

    /** Sets the group key function of a path. */
    public void groupBy(String path, Function<WebhookEvent, String> key) {
        groupKeys.put(path, Objects.requireNonNull(key, "key"));
    }

    /** Sets the delivery id function of a path. */
    public void deduplicateBy(String path, Function<WebhookEvent, String> deliveryId) {
        deliveryIds.put(path, Objects.requireNonNull(deliveryId, "deliveryId"));
    }

    /** The paths with processors, in registration order. */
    public List<String> paths() {
        return List.copyOf(processors.keySet());
    }

    /** Each path with processors, and its setup. */
    public Map<String, WebhookRuntime.PathSetup> setups() {
        Map<String, WebhookRuntime.PathSetup> setups = new LinkedHashMap<>();
        processors.forEach((path, registered) -> setups.put(path,
                new WebhookRuntime.PathSetup(registered, groupKeys.get(path), deliveryIds.get(path))));
        return setups;
    }
}
