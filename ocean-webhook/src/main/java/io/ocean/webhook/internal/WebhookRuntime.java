package io.ocean.webhook.internal;

import io.ocean.core.EventResultsHandler;
import io.ocean.core.config.PortAppConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running side of live events: one queue and worker per path, the endpoints that feed them, and the count of
 * events in flight.
 */
public final class WebhookRuntime {

    private static final Logger log = LoggerFactory.getLogger(WebhookRuntime.class);

    /** Limits shared by every path. */
    public record Limits(int queueCapacity, long queueMaxBytes, long maxBodyBytes, int retryAfterSeconds) {
    }

    private final Map<String, List<ProcessorRegistration>> registrations;
    private final Limits limits;
    private final EventProcessor processor;
    private final InFlight inFlight = new InFlight();
    private final Map<String, PathQueue> queues = new LinkedHashMap<>();
    private volatile boolean accepting;

    /** Creates the runtime; nothing runs until {@link #start()}. */
    public WebhookRuntime(Map<String, List<ProcessorRegistration>> registrations, Limits limits,
                          Supplier<PortAppConfig> portAppConfig, EventResultsHandler resultsHandler) {
        this.registrations = Map.copyOf(registrations);
        this.limits = limits;
        this.processor = new EventProcessor(portAppConfig, resultsHandler);
        registrations.keySet().forEach(path -> queues.put(path,
                new PathQueue(path, limits.queueCapacity(), limits.queueMaxBytes(), this::process)));
    }

    /** Starts the workers and begins accepting events. */
    public void start() {
        queues.values().forEach(PathQueue::start);
        accepting = true;
    }

    /** The endpoint of each registered path, keyed by path. */
    public Map<String, WebhookEndpoint> endpoints() {
        Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
        queues.forEach((path, queue) -> endpoints.put(path, new WebhookEndpoint(
                new WebhookEndpoint.Settings(path, limits.maxBodyBytes(), limits.retryAfterSeconds()),
                registrations.get(path), queue, inFlight, () -> accepting)));
        return endpoints;
    }

    /** Whether events are accepted and every worker runs. */
    public boolean ready() {
        return accepting && queues.values().stream().allMatch(PathQueue::running);
    }

    /** Waits until every accepted event has been processed; false if the timeout passed first. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return inFlight.awaitZero(timeout);
    }

    /** Stops accepting, drains the queues for up to {@code drain}, then stops the workers. */
    public void stop(Duration drain) throws InterruptedException {
        accepting = false;
        long deadline = System.nanoTime() + drain.toNanos();
        int left = 0;
        for (PathQueue queue : queues.values()) {
            Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            List<QueuedEvent> dropped = queue.stop(remaining);
            left += dropped.size();
            dropped.forEach(event -> inFlight.end());
        }
        if (left > 0) {
            log.warn("{} queued event(s) were not processed within the drain window", left);
        }
    }

    private void process(QueuedEvent queued) {
        long started = System.nanoTime();
        log.info("processing started after {} ms in queue", (started - queued.queuedAtNanos()) / 1_000_000);
        try {
            boolean ok = processor.process(queued);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (ok) {
                log.info("processing finished in {} ms", millis);
            } else {
                log.warn("processing failed after {} ms", millis);
            }
        } finally {
            inFlight.end();
        }
    }
}
