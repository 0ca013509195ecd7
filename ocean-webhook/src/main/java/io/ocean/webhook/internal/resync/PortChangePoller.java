package io.ocean.webhook.internal.resync;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.port.PortClient;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Port whether the integration changed there, as the Python framework's polling listener does: it reads
 * {@code GET /v1/integration/{identifier}} and resyncs when {@code updatedAt} moved. Unlike the Python listener it
 * remembers the {@code updatedAt} values its own resync-state reports caused, so that reporting progress never
 * triggers another resync, and a stale answer that crossed a report does not either.
 */
final class PortChangePoller {

    private static final Logger log = LoggerFactory.getLogger(PortChangePoller.class);
    private static final int REMEMBERED = 32;

    private final PortClient client;
    private final String identifier;
    private final Runnable trigger;
    private final Set<String> seen = new LinkedHashSet<>();
    private boolean baseline;

    PortChangePoller(PortClient client, String identifier, Runnable trigger) {
        this.client = client;
        this.identifier = identifier;
        this.trigger = trigger;
    }

    /** One poll; the first only records where Port stands (the start has its own resync). */
    void poll() {
        client.getIntegration(identifier).whenComplete((integration, error) -> {
            if (error != null) {
                log.debug("polling the integration in Port failed: {}", error.getMessage());
                return;
            }
            integration.ifPresent(this::observed);
        });
    }

    /** The integration as Port showed it after one of our own changes: its {@code updatedAt} is not a request. */
    synchronized void ours(JsonNode integration) {
        remember(updatedAt(integration));
    }

    private void observed(JsonNode integration) {
        String updatedAt = updatedAt(integration);
        boolean changed;
        synchronized (this) {
            changed = baseline && updatedAt != null && !seen.contains(updatedAt);
            baseline = true;
            remember(updatedAt);
        }
        if (changed) {
            log.info("the integration changed in Port (updatedAt {}); resyncing", updatedAt);
            trigger.run();
        }
    }

    private void remember(String updatedAt) {
        if (updatedAt == null) {
            return;
        }
        seen.add(updatedAt);
        if (seen.size() > REMEMBERED) {
            seen.remove(seen.iterator().next());
        }
    }

    private static String updatedAt(JsonNode integration) {
        if (integration == null) {
            return null;
        }
        JsonNode at = integration.path("updatedAt");
        if (at.isMissingNode() || at.isNull()) {
            at = integration.path("resyncState").path("updatedAt");
        }
        return at.isMissingNode() || at.isNull() ? null : at.asText();
    }
}
