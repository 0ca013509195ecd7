package io.ocean.webhook.internal.run;

import io.ocean.webhook.internal.console.ConsoleRecorder;
import io.ocean.webhook.internal.http.WebhookEndpoint;
import io.ocean.webhook.internal.store.DeadLetterStore;
import io.ocean.webhook.internal.store.PendingStore;

import io.ocean.core.EventResultsHandler;
import io.ocean.core.WebhookEvent;
import io.ocean.core.config.PortAppConfig;
import io.ocean.webhook.DeadLetter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The running side of live events: a scheduler per path, the endpoints that feed them, dead letters and replay,
 * and the state kept across restarts.
 */
public final class WebhookRuntime {

    private static final Logger log = LoggerFactory.getLogger(WebhookRuntime.class);

    /** Settings shared by every path. */
    public record Settings(int queueCapacity, long queueMaxBytes, int workers, int maxProcessingSeconds,
                           long maxBodyBytes, int retryAfterSeconds, int deadLetterCapacity, Path stateDir,
                           Duration deduplicationWindow) {
    }

    private final Map<String, List<ProcessorRegistration>> registrations;
    private final Map<String, Function<WebhookEvent, String>> groupKeys;
    private final Settings settings;
    private final RuntimeMetrics metrics;
    private final ConsoleRecorder console;
    private final InFlight inFlight = new InFlight();
    private final ScheduledThreadPoolExecutor timer;
    private final DeadLetterStore deadLetters;
    private final PendingStore pending;
    private final Map<String, PathScheduler> schedulers = new LinkedHashMap<>();
    private final Map<String, Deduplicator> deduplicators = new LinkedHashMap<>();
    private volatile boolean accepting;

    /** Creates the runtime; nothing runs until {@link #start()}. */
    public WebhookRuntime(Map<String, List<ProcessorRegistration>> registrations,
                          Map<String, Function<WebhookEvent, String>> groupKeys,
                          Map<String, Function<WebhookEvent, String>> deliveryIds, Settings settings,
                          Supplier<PortAppConfig> portAppConfig, EventResultsHandler resultsHandler,
                          RuntimeMetrics metrics, ConsoleRecorder console) {
        this.registrations = Map.copyOf(registrations);
        this.groupKeys = Map.copyOf(groupKeys);
        this.settings = settings;
        this.metrics = metrics;
        this.console = console;
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "ocean-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadLetters = new DeadLetterStore(settings.stateDir(), settings.deadLetterCapacity());
        this.pending = new PendingStore(settings.stateDir());
        deliveryIds.forEach((path, id) -> deduplicators.put(path, new Deduplicator(id, settings.deduplicationWindow())));
        PathScheduler.Shared shared = new PathScheduler.Shared(settings.queueCapacity(), settings.queueMaxBytes(),
                settings.workers(), settings.maxProcessingSeconds(), timer, portAppConfig, resultsHandler,
                this::deadLetter, metrics, inFlight, console);
        registrations.keySet().forEach(path -> schedulers.put(path, new PathScheduler(path, shared)));
        metrics.bindDeadLetters(deadLetters::size);
    }

    /** Loads dead letters, re-queues the events saved by the last stop, and begins accepting events. */
    public void start() {
        int letters = deadLetters.load();
        if (letters > 0) {
            log.info("{} dead letter(s) loaded from {}", letters, settings.stateDir().resolve(DeadLetterStore.FILE));
        }
        List<WebhookEvent> saved = pending.load();
        int restored = 0;
        for (WebhookEvent event : saved) {
            String refused = requeue(event, true);
            if (refused == null) {
                restored++;
            } else {
                // an event saved at stop is never dropped: if it cannot be queued again, it becomes a dead letter
                log.warn("event {} saved at the last stop is kept as a dead letter: {}", event.traceId(), refused);
                deadLetters.add(new DeadLetter(event.traceId(), event.path(), "not restored: " + refused, 0,
                        Instant.now(), event));
            }
        }
        pending.clear();
        if (!saved.isEmpty()) {
            log.info("restored {} of {} event(s) saved by the last stop", restored, saved.size());
        }
        accepting = true;
    }

    /** The endpoint of each registered path, keyed by path. */
    public Map<String, WebhookEndpoint> endpoints() {
        Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
        schedulers.forEach((path, scheduler) -> endpoints.put(path, new WebhookEndpoint(
                new WebhookEndpoint.Settings(path, settings.maxBodyBytes(), settings.retryAfterSeconds()),
                registrations.get(path), (event, passed) -> scheduler.offer(
                        new QueuedEvent(event, passed, System.nanoTime()), keyOf(event), false),
                () -> accepting, metrics, deduplicators.get(path), console)));
        return endpoints;
    }

    private void deadLetter(DeadLetter letter) {
        Deduplicator deduplicator = deduplicators.get(letter.path());
        if (deduplicator != null) {
            deduplicator.forget(letter.event());
        }
        deadLetters.add(letter);
    }

    /** Whether events are accepted and every path's workers run. */
    public boolean ready() {
        return accepting && schedulers.values().stream().allMatch(PathScheduler::running);
    }

    /** Waits until every accepted event has been processed or dead-lettered; false if the timeout passed first. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return inFlight.awaitZero(timeout);
    }

    /** The dead letters held, oldest first. */
    public List<DeadLetter> deadLetters() {
        return deadLetters.all();
    }

    /** Puts a dead letter back on its queue; false if unknown, or if its queue refused it (it is then kept). */
    public boolean replay(String traceId) {
        DeadLetter letter = deadLetters.remove(traceId, "replayed");
        if (letter == null) {
            return false;
        }
        MDC.put("traceId", traceId);
        try {
            String refused = requeue(letter.event(), false);
            if (refused == null) {
                log.info("dead letter replayed");
                return true;
            }
            log.warn("dead letter not replayed, kept: {}", refused);
            deadLetters.add(letter);
            return false;
        } finally {
            MDC.remove("traceId");
        }
    }

    /**
     * Stops accepting, drains for up to {@code drain}, cancels what still runs, and saves every unfinished event
     * to {@code pending.jsonl} for the next start.
     */
    public void stop(Duration drain) throws InterruptedException {
        accepting = false;
        long deadline = System.nanoTime() + drain.toNanos();
        List<WebhookEvent> unfinished = new ArrayList<>();
        int heldAtStop = 0;
        for (PathScheduler scheduler : schedulers.values()) {
            scheduler.beginDrain();
            heldAtStop += scheduler.held();
        }
        for (PathScheduler scheduler : schedulers.values()) {
            unfinished.addAll(scheduler.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        }
        timer.shutdownNow();
        pending.save(unfinished);
        int drained = Math.max(0, heldAtStop - unfinished.size());
        if (unfinished.isEmpty()) {
            log.info("drained {} event(s); none left", drained);
        } else {
            log.warn("drained {} event(s); {} not finished within {} s saved to {} for the next start", drained,
                    unfinished.size(), drain.toSeconds(), settings.stateDir().resolve(PendingStore.FILE));
        }
    }

    /** Routes the event again and queues it; null when queued, else why not. */
    private String requeue(WebhookEvent event, boolean force) {
        List<ProcessorRegistration> onPath = registrations.get(event.path());
        PathScheduler scheduler = schedulers.get(event.path());
        if (onPath == null || scheduler == null) {
            return "no processor is registered on " + event.path() + " any more";
        }
        try {
            List<MatchedProcessor> passed = EventRouting.reroute(event, onPath);
            if (passed.isEmpty()) {
                return "no processor matches the event any more";
            }
            PathScheduler.Offer offer = scheduler.offer(new QueuedEvent(event, passed, System.nanoTime()),
                    keyOf(event), force);
            return offer == PathScheduler.Offer.ACCEPTED ? null : "its queue refused it (" + offer + ")";
        } catch (Exception e) {
            log.error("routing event {} again failed", event.traceId(), e);
            return "routing it again failed: " + e;
        }
    }

    private String keyOf(WebhookEvent event) {
        Function<WebhookEvent, String> key = groupKeys.get(event.path());
        return key == null ? null : key.apply(event);
    }
}
