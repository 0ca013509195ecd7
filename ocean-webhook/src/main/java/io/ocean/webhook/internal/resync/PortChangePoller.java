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
    private final Set<String> pending = new LinkedHashSet<>();
    private boolean baseline;
    private int reporting;

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

    /** One of our own changes is about to reach Port: what polls see until it is answered is judged after. */
    synchronized void reporting() {
        reporting++;
    }

    /**
     * Our change was answered with the integration as Port shows it (null when it failed): its {@code updatedAt}
     * is not a request; values polls saw meanwhile that are not ours are.
     */
    void reported(JsonNode integration) {
        String changed = null;
        synchronized (this) {
            reporting--;
            remember(updatedAt(integration));
            if (reporting == 0) {
                for (String value : pending) {
                    if (!seen.contains(value)) {
                        changed = value;
                    }
                }
                pending.forEach(this::remember);
                pending.clear();
            }
        }
        if (changed != null) {
            request(changed);
        }
    }

    private void observed(JsonNode integration) {
        String updatedAt = updatedAt(integration);
        synchronized (this) {
            if (updatedAt == null || seen.contains(updatedAt)) {
                return;
            }
            if (!baseline || reporting > 0) {
                // the first poll only records where Port stands; during a report the value may be ours
                if (baseline) {
                    pending.add(updatedAt);
                } else {
                    remember(updatedAt);
                }
                baseline = true;
                return;
            }
            remember(updatedAt);
        }
        request(updatedAt);
    }

    private void request(String updatedAt) {
        log.info("the integration changed in Port (updatedAt {}); resyncing", updatedAt);
        trigger.run();
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
