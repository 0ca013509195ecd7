package io.ocean.webhook.internal.resync;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.port.PortClient;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Port whether the integration changed there, as the Python framework's polling listener does: it reads
 * {@code GET /v1/integration/{identifier}} and resyncs when {@code updatedAt} moved. Unlike the Python listener it
 * knows the {@code updatedAt} values its own resync-state reports caused, so reporting progress never triggers a
 * resync: a value at or before the newest one known is old news, and a value a poll sees while a report is in flight
 * is judged once the report is answered (it is a request only if it is not the report's own).
 */
final class PortChangePoller {

    private static final Logger log = LoggerFactory.getLogger(PortChangePoller.class);
    private static final int REMEMBERED = 32;

    private final PortClient client;
    private final String identifier;
    private final Runnable trigger;
    private final Set<String> seen = new LinkedHashSet<>();
    private final Set<String> pending = new LinkedHashSet<>();
    private Instant newest;
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

    /** Our change was answered with the integration as Port shows it (null when it failed). */
    void reported(JsonNode integration) {
        String changed = null;
        synchronized (this) {
            reporting--;
            String ours = updatedAt(integration);
            if (ours != null) {
                baseline = true;
                remember(ours);
            }
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
            if (updatedAt == null) {
                return;
            }
            boolean first = !baseline;
            baseline = true;
            if (seen.contains(updatedAt) || notNewer(updatedAt)) {
                return;
            }
            if (first) {
                remember(updatedAt);
                return;
            }
            if (reporting > 0) {
                pending.add(updatedAt);
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

    /** Whether the value is at or before the newest known (an answer that crossed a newer one). */
    private boolean notNewer(String updatedAt) {
        Instant at = instant(updatedAt);
        return at != null && newest != null && !at.isAfter(newest);
    }

    private void remember(String updatedAt) {
        seen.add(updatedAt);
        if (seen.size() > REMEMBERED) {
            seen.remove(seen.iterator().next());
        }
        Instant at = instant(updatedAt);
        if (at != null && (newest == null || at.isAfter(newest))) {
            newest = at;
        }
    }

    private static Instant instant(String updatedAt) {
        try {
            return Instant.parse(updatedAt);
        } catch (DateTimeParseException e) {
            return null;
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
