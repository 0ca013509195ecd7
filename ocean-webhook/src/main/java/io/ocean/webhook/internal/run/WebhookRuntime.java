package io.ocean.webhook.internal.run;

import io.ocean.core.EventResultsHandler;
import io.ocean.core.WebhookEvent;
import io.ocean.core.config.PortAppConfig;
import io.ocean.webhook.DeadLetter;
import io.ocean.webhook.internal.console.ConsoleRecorder;
import io.ocean.webhook.internal.http.WebhookEndpoint;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.ReplayResult;
import io.ocean.webhook.store.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The running side of live events over an open {@link EventStore}: a scheduler per path, the endpoints that write
 * to the store, dead letters and replay, draining and stopping.
 */
public final class WebhookRuntime {

    private static final Logger log = LoggerFactory.getLogger(WebhookRuntime.class);
    /** How long stop() waits for worker threads after interrupting them. */
    private static final Duration THREADS_GRACE = Duration.ofSeconds(5);

    /** Settings shared by every path. */
    public record Settings(int workers, int maxProcessingSeconds, long maxBodyBytes, int retryAfterSeconds,
                           long storeTimeoutMillis, int leaseSeconds, int deadLetterCapacity,
                           int deduplicationWindowSeconds) {

        /** How often old delivery ids are purged: a tenth of the window, between 1 s and a minute. */
        long purgeEverySeconds() {
            return Math.max(1, Math.min(60, deduplicationWindowSeconds / 10));
        }
    }

    /** What was registered on one path: processors, and the group key and delivery id functions (or null). */
    public record PathSetup(List<ProcessorRegistration> processors, Function<WebhookEvent, String> groupKey,
                            Function<WebhookEvent, String> deliveryId) {
    }

    private final Map<String, PathSetup> paths;
    private final Settings settings;
    private final EventStore store;
    private final RuntimeMetrics metrics;
    private final ConsoleRecorder console;
    private final StoreStats stats;
    private final ScheduledThreadPoolExecutor timer;
    private final StoreWrites storeWrites;
    private final Map<String, PathScheduler> schedulers = new LinkedHashMap<>();
    private final Object releases = new Object();
    private volatile boolean accepting;

    /** Creates the runtime over an opened store; nothing runs until {@link #start()}. The console hears of events. */
    public WebhookRuntime(Map<String, PathSetup> paths, Settings settings, EventStore store,
                          Supplier<PortAppConfig> portAppConfig, EventResultsHandler resultsHandler,
                          RuntimeMetrics metrics, ConsoleRecorder console) {
        this.paths = Map.copyOf(paths);
        this.settings = settings;
        this.store = store;
        this.metrics = metrics;
        this.console = console;
        this.stats = new StoreStats(store);
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "ocean-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        // enough writers waiting at once that one commit finishes what all the workers ran meanwhile
        this.storeWrites = new StoreWrites(Math.max(32, settings.workers() * paths.size() * 8));
        PathScheduler.Shared shared = new PathScheduler.Shared(settings.workers(), settings.maxProcessingSeconds(),
                settings.leaseSeconds(), store, timer, storeWrites, portAppConfig, resultsHandler, metrics, console,
                this::released);
        paths.forEach((path, setup) -> {
            schedulers.put(path, new PathScheduler(path, setup.processors(), shared));
            metrics.bindQueue(path, () -> stats.of(path).held(), () -> stats.of(path).heldBytes(),
                    () -> stats.oldestAgeSeconds(path));
        });
        metrics.bindDeadLetters(() -> schedulers.keySet().stream().mapToLong(path -> stats.of(path).dead()).sum());
    }

    /** Begins claiming on every path and accepting events; the store is opened and recovered already. */
    public void start() {
        store.onNewEvents(path -> {
            PathScheduler scheduler = schedulers.get(path);
            if (scheduler != null) {
                scheduler.wake();
            }
        });
        schedulers.values().forEach(PathScheduler::start);
        timer.scheduleWithFixedDelay(this::purgeDeliveryIds, 1, settings.purgeEverySeconds(), TimeUnit.SECONDS);
        accepting = true;
    }

    /** Delivery ids older than the window are forgotten (the store answers duplicates only within it anyway). */
    private void purgeDeliveryIds() {
        try {
            long purged = store.purgeDeliveryIds();
            if (purged > 0) {
                log.debug("forgot {} delivery id(s) older than the deduplication window", purged);
            }
        } catch (RuntimeException e) {
            log.warn("purging old delivery ids from the store failed", e);
        }
    }

    /** The endpoint of each registered path, keyed by path. */
    public Map<String, WebhookEndpoint> endpoints() {
        Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
        schedulers.forEach((path, scheduler) -> {
            PathSetup setup = paths.get(path);
            endpoints.put(path, new WebhookEndpoint(
                    new WebhookEndpoint.Settings(path, settings.maxBodyBytes(), settings.retryAfterSeconds(),
                            settings.storeTimeoutMillis()),
                    setup.processors(),
                    // the scheduler keeps the edge's parsed tree for the worker (ParsedPayloads) and wakes
                    new WebhookEndpoint.Intake(setup.groupKey(), setup.deliveryId(), store, scheduler),
                    () -> accepting, metrics, console));
        });
        return endpoints;
    }

    /**
     * Pauses or resumes a registered path in the store (kept across restarts); a resumed path's dispatcher is woken
     * at once. False when no path is registered under this name.
     */
    public boolean setPaused(String path, boolean paused) {
        PathScheduler scheduler = schedulers.get(path);
        if (scheduler == null) {
            return false;
        }
        if (paused) {
            store.pausePath(path);
        } else {
            store.resumePath(path);
            scheduler.wake();
        }
        return true;
    }

    /** Whether events are accepted and every path's workers run. */
    public boolean ready() {
        return accepting && schedulers.values().stream().allMatch(PathScheduler::running);
    }

    /** Waits until no path holds an event (queued, running or waiting); false if the timeout passed first. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return awaitDrained(System.nanoTime() + timeout.toNanos(), false);
    }

    private boolean awaitDrained(long deadline, boolean forStop) throws InterruptedException {
        while (true) {
            boolean done = schedulers.values().stream().allMatch(forStop ? PathScheduler::drained : PathScheduler::idle);
            if (done) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            synchronized (releases) {
                // releases notify; the cap also catches events other threads commit meanwhile
                TimeUnit.NANOSECONDS.timedWait(releases, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
    }

    private void released() {
        synchronized (releases) {
            releases.notifyAll();
        }
    }

    /** The dead letters of every path, oldest first, at most {@code deadLetterCapacity}. */
    public List<DeadLetter> deadLetters() {
        List<DeadLetter> letters = new ArrayList<>();
        for (String path : schedulers.keySet()) {
            for (StoredEvent stored : store.deadLetters(path, settings.deadLetterCapacity())) {
                try {
                    letters.add(StoredEvents.toDeadLetter(stored));
                } catch (IllegalArgumentException e) {
                    log.warn("dead letter {} cannot be read: {}", stored.traceId(), e.getMessage());
                }
            }
        }
        letters.sort(Comparator.comparing(DeadLetter::failedAt));
        return letters;
    }

    /** Puts a dead letter back on its path's queue; false if unknown, or if its path is full (it is then kept). */
    public boolean replay(String traceId) {
        MDC.put("traceId", traceId);
        try {
            Optional<StoredEvent> letter = store.find(traceId);
            ReplayResult result = store.replay(traceId);
            switch (result) {
                case REPLAYED -> {
                    log.info("dead letter replayed");
                    letter.map(e -> schedulers.get(e.path())).ifPresent(PathScheduler::wake);
                    return true;
                }
                case FULL -> {
                    log.warn("dead letter not replayed, kept: its path is full");
                    return false;
                }
                default -> {
                    return false;
                }
            }
        } finally {
            MDC.remove("traceId");
        }
    }

    /**
     * Stops accepting, drains for up to {@code drain} (not at all when the caller was {@code interrupted}), abandons
     * what still runs (the store keeps it for the next start) and stops every thread. An interrupt that arrives
     * meanwhile ends the drain; returns whether one did, for the caller to keep.
     */
    public boolean stop(Duration drain, boolean interrupted) {
        accepting = false;
        schedulers.values().forEach(PathScheduler::beginDrain);
        boolean drained = false;
        if (interrupted) {
            log.warn("stop() was called on an interrupted thread; not draining");
        } else {
            try {
                drained = awaitDrained(System.nanoTime() + drain.toNanos(), true);
            } catch (InterruptedException e) {
                interrupted = true;
                log.warn("stop() was interrupted while draining; stopping now");
            }
        }
        int left = 0;
        for (PathScheduler scheduler : schedulers.values()) {
            List<EventRun> runs = scheduler.stopClaiming();
            left += runs.size();
            runs.forEach(EventRun::abandon); // calls cancel(): no lock of ours is held here
        }
        timer.shutdownNow();
        schedulers.values().forEach(PathScheduler::shutdownNow);
        interrupted |= awaitThreads();
        boolean beforeWrites = Thread.interrupted();
        storeWrites.shutdown(THREADS_GRACE); // the ends of finished runs reach the store before it closes
        interrupted |= beforeWrites | Thread.interrupted();
        if (drained) {
            log.info("drained every event");
        } else {
            log.warn("{} running event(s) stopped after the drain of {} s; they and any queued events stay in the "
                    + "store for the next start", left, drain.toSeconds());
        }
        return interrupted;
    }

    /** Waits a few seconds for the threads to end, through interrupts; true if the caller was interrupted. */
    private boolean awaitThreads() {
        boolean interrupted = false;
        long deadline = System.nanoTime() + THREADS_GRACE.toNanos();
        for (PathScheduler scheduler : schedulers.values()) {
            while (true) {
                try {
                    if (!scheduler.awaitTermination(Math.max(0, deadline - System.nanoTime()))) {
                        log.warn("the workers of a path did not stop within {} s (a processor ignores interrupts)",
                                THREADS_GRACE.toSeconds());
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        return interrupted;
    }
}
