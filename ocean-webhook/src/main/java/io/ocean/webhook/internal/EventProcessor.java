package io.ocean.webhook.internal;

import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventResultsHandler;
import io.ocean.core.ResourceRawResults;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one accepted event: for each passed processor, each matching kind, each resource of that kind, a
 * new processor instance runs {@code beforeProcessing → handleEvent → afterProcessing}. A failing pair does
 * not stop the others; the successful results go to the results handler together.
 */
public final class EventProcessor {

    private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);

    private final Supplier<PortAppConfig> portAppConfig;
    private final EventResultsHandler resultsHandler;

    /** Creates a processor that reads the current port app config for each event. */
    public EventProcessor(Supplier<PortAppConfig> portAppConfig, EventResultsHandler resultsHandler) {
        this.portAppConfig = portAppConfig;
        this.resultsHandler = resultsHandler;
    }

    /** Processes the event; true when every pair and the results handler succeeded. */
    public boolean process(QueuedEvent queued) {
        WebhookEvent event = queued.event();
        PortAppConfig config = portAppConfig.get();
        List<ResourceRawResults> results = new ArrayList<>();
        int failures = 0;
        for (MatchedProcessor match : queued.processors()) {
            List<String> kinds;
            try {
                kinds = match.routingInstance().getMatchingKinds(event);
            } catch (Exception e) {
                log.error("{}.getMatchingKinds failed", match.name(), e);
                failures++;
                continue;
            }
            for (String kind : new LinkedHashSet<>(kinds == null ? List.<String>of() : kinds)) {
                List<ResourceConfig> resources = config.resourcesOfKind(kind);
                if (resources.isEmpty()) {
                    log.debug("{}: no resource of kind {} in the port app config", match.name(), kind);
                }
                for (ResourceConfig resource : resources) {
                    WebhookEventRawResults raw = runPair(match, resource, event);
                    if (raw == null) {
                        failures++;
                    } else {
                        results.add(new ResourceRawResults(resource, raw));
                    }
                }
            }
        }
        try {
            resultsHandler.handle(event, results);
        } catch (Exception e) {
            log.error("applying the results failed", e);
            failures++;
        }
        return failures == 0;
    }

    private static WebhookEventRawResults runPair(MatchedProcessor match, ResourceConfig resource, WebhookEvent event) {
        AbstractWebhookProcessor processor;
        try {
            processor = match.registration().create(event);
        } catch (RuntimeException e) {
            log.error("creating {} for kind {} failed", match.name(), resource.kind(), e);
            return null;
        }
        try {
            processor.beforeProcessing();
            WebhookEventRawResults raw = processor.handleEvent(event.payload(), resource);
            processor.afterProcessing();
            return raw == null ? WebhookEventRawResults.empty() : raw;
        } catch (Exception e) {
            log.error("{} failed for kind {}", match.name(), resource.kind(), e);
            try {
                processor.onError(e);
            } catch (Exception hookFailure) {
                log.warn("{}.onError threw", match.name(), hookFailure);
            }
            return null;
        }
    }
}
