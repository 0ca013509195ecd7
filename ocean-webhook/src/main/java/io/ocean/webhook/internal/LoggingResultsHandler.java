package io.ocean.webhook.internal;

import io.ocean.core.EventResultsHandler;
import io.ocean.core.ResourceRawResults;
import io.ocean.core.WebhookEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default results handler until a mapping is plugged in: one log line per resource, counts only. */
public final class LoggingResultsHandler implements EventResultsHandler {

    private static final Logger log = LoggerFactory.getLogger(LoggingResultsHandler.class);

    @Override
    public void handle(WebhookEvent event, List<ResourceRawResults> results) {
        for (ResourceRawResults result : results) {
            log.info("results for kind {}: {} updated, {} deleted", result.resourceConfig().kind(),
                    result.rawResults().updatedRawResults().size(), result.rawResults().deletedRawResults().size());
        }
    }
}
