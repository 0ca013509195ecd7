package io.ocean.webhook.internal.resync;

import io.ocean.core.EntitySink;
import io.ocean.core.LocalCatalog;
import io.ocean.core.ThrowingRunnable;
import io.ocean.core.config.PortAppConfig;
import io.ocean.jq.JqEntityMapper;
import io.ocean.jq.MappingOptions;
import io.ocean.webhook.OceanConfig;
import io.ocean.webhook.ResyncConfig;
import io.ocean.webhook.ResyncHandler;
import io.ocean.webhook.ResyncOutcome;
import io.ocean.webhook.ResyncStatus;
import io.ocean.webhook.internal.port.PortConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything about resyncs behind {@code Ocean}: the handlers and hooks registered before start, the guard on the
 * entity sink, the triggers (start, schedule, code, Port), one resync at a time on its own thread, and the stop.
 */
public final class ResyncEngine {

    private static final Logger log = LoggerFactory.getLogger(ResyncEngine.class);

    private final Map<String, List<ResyncHandler>> byKind = new LinkedHashMap<>();
    private final List<ResyncHandler> anyKind = new ArrayList<>();
    private final java.util.Set<String> liveOnly = new java.util.LinkedHashSet<>();
    private final java.util.Set<String> partial = new java.util.LinkedHashSet<>();
    private final List<ThrowingRunnable> startHooks = new ArrayList<>();
    private final List<ThrowingRunnable> completeHooks = new ArrayList<>();
    private final Clock clock;
    private volatile boolean started;
    private volatile boolean aborting;
    private volatile LiveChangeGuard guard;
    private volatile ResyncTriggers triggers;
    private volatile ResyncOutcome last;
    private volatile Instant runningSince;
    private ExecutorService runner;
    private ScheduledExecutorService timer;

    /** An engine on the system clock. */
    public ResyncEngine() {
        this(Clock.systemUTC());
    }

    /** An engine on {@code clock} (for the times reported to Port). */
    public ResyncEngine(Clock clock) {
        this.clock = clock;
    }

    /** Adds a handler for one kind; several for a kind run one after another. */
    public synchronized void onResync(String kind, ResyncHandler handler) {
        checkNotStarted();
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("kind must not be blank");
        }
        byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(Objects.requireNonNull(handler, "handler"));
    }

    /** Adds a handler for every kind without its own handler. */
    public synchronized void onResync(ResyncHandler handler) {
        checkNotStarted();
        anyKind.add(Objects.requireNonNull(handler, "handler"));
    }

    /** Marks kinds that only live events bring: resyncs neither list them (no WARN) nor delete their entities. */
    public synchronized void liveOnly(String... kinds) {
        checkNotStarted();
        for (String kind : kinds) {
            liveOnly.add(requireKind(kind));
        }
    }

    /** Marks kinds whose listing is partial: a resync never deletes as stale what their listing did not yield. */
    public synchronized void partialListing(String... kinds) {
        checkNotStarted();
        for (String kind : kinds) {
            partial.add(requireKind(kind));
        }
    }

    private static String requireKind(String kind) {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("kind must not be blank");
        }
        return kind;
    }

    /** Adds a hook run before any kind of each resync. */
    public synchronized void onResyncStart(ThrowingRunnable hook) {
        checkNotStarted();
        startHooks.add(Objects.requireNonNull(hook, "hook"));
    }

    /** Adds a hook run after each successful resync. */
    public synchronized void onResyncComplete(ThrowingRunnable hook) {
        checkNotStarted();
        completeHooks.add(Objects.requireNonNull(hook, "hook"));
    }

    /**
     * Puts the guard that keeps live events and resyncs from undoing each other around the sink; live events must
     * go through the returned sink. {@code ours}: the sink is Ocean's own (Port or the local catalog).
     */
    public EntitySink guard(EntitySink sink, boolean ours) {
        LiveChangeGuard guarded = new LiveChangeGuard(sink, ours);
        guard = guarded;
        return guarded;
    }

    /**
     * Starts the triggers; called after the {@code onStart} callbacks. With Port credentials ({@code port} not null)
     * the config is read fresh from Port, owned entities searched there and the state reported to Port.
     */
    public synchronized void start(OceanConfig config, Supplier<PortAppConfig> appConfig, PortConnection port,
                                   LocalCatalog localCatalog) {
        if (guard == null) {
            throw new IllegalStateException("guard(sink) must be called before start");
        }
        started = true;
        ResyncConfig settings = config.resync;
        ResyncSchedule schedule = new ResyncSchedule(clock.instant(), settings.intervalMinutes == null ? null
                : Duration.ofMinutes(settings.intervalMinutes), clock);
        runner = Executors.newSingleThreadExecutor(daemon("ocean-resync"));
        timer = Executors.newSingleThreadScheduledExecutor(daemon("ocean-resync-timer"));
        PortChangePoller poller = port == null ? null : new PortChangePoller(port.client(),
                config.integration.identifier, () -> trigger("port"));
        ResyncTarget target = port != null
                ? new PortTarget(port.client(), config.integration.identifier, config.portAppConfig() != null,
                        appConfig, Math.max(10, config.port.requestTimeout.toSeconds()), poller)
                : localCatalog != null ? new LocalTarget(localCatalog, appConfig) : new CodeSinkTarget(appConfig);
        ResyncRun.Setup setup = new ResyncRun.Setup(target, guard, JqEntityMapper.create(new MappingOptions(
                config.mapping.allowEnvironmentVariables, config.mapping.itemTimeout)), Map.copyOf(byKind),
                List.copyOf(anyKind), List.copyOf(startHooks), List.copyOf(completeHooks), settings.batchesInFlight,
                schedule, () -> aborting, clock, new ResyncMetrics(config.metrics.registry()),
                java.util.Set.copyOf(liveOnly), java.util.Set.copyOf(partial));
        triggers = new ResyncTriggers(runner, trigger -> run(setup, trigger));
        if (!hasHandlers()) {
            log.info("no onResync handler: resyncs are off");
            return;
        }
        if (settings.onStart) {
            trigger("start");
        }
        if (settings.intervalMinutes != null) {
            long millis = Duration.ofMinutes(settings.intervalMinutes).toMillis();
            timer.scheduleAtFixedRate(() -> trigger("schedule"), millis, millis, TimeUnit.MILLISECONDS);
            log.info("resync every {} minute(s); next at {}", settings.intervalMinutes, schedule.next());
        }
        if (poller != null && settings.pollIntervalSeconds > 0) {
            timer.scheduleWithFixedDelay(poller::poll, 0, settings.pollIntervalSeconds, TimeUnit.SECONDS);
        }
    }

    /** When the resync that runs now started; null when none runs. */
    public Instant runningSince() {
        return runningSince;
    }

    /** How the last finished resync went; null until one has finished. */
    public ResyncOutcome lastOutcome() {
        return last;
    }

    private ResyncOutcome run(ResyncRun.Setup setup, String trigger) {
        runningSince = clock.instant();
        try {
            ResyncOutcome outcome = new ResyncRun(setup, trigger).run();
            last = outcome;
            return outcome;
        } finally {
            runningSince = null;
        }
    }

    /**
     * Triggers a resync: one starts now, or one more is queued after the running one (further triggers share it).
     *
     * @throws IllegalStateException before start
     */
    public CompletableFuture<ResyncOutcome> resync() {
        if (!started) {
            throw new IllegalStateException("resync() needs a started Ocean");
        }
        return trigger("code");
    }

    /**
     * Stops: no new resync starts; the running one finishes its current batch, reports {@code aborted} and deletes
     * nothing. Waits up to {@code wait} for it, then interrupts its handler.
     */
    public void stop(Duration wait) {
        ResyncTriggers current;
        synchronized (this) {
            if (!started || aborting) {
                return;
            }
            aborting = true;
            current = triggers;
        }
        Instant now = clock.instant();
        current.close(new ResyncOutcome(ResyncStatus.ABORTED, "stop", now, now, List.of(), List.of(),
                List.of("the integration stopped before this resync began")));
        timer.shutdownNow();
        runner.shutdown();
        try {
            if (!runner.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("the resync did not finish its batch within {} s; interrupting its handler",
                        wait.toSeconds());
                runner.shutdownNow();
                runner.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<ResyncOutcome> trigger(String trigger) {
        if (!hasHandlers()) {
            Instant now = clock.instant();
            return CompletableFuture.completedFuture(new ResyncOutcome(ResyncStatus.SKIPPED, trigger, now, now,
                    List.of(), List.of(), List.of("no onResync handler is registered")));
        }
        CompletableFuture<ResyncOutcome> outcome = triggers.trigger(trigger);
        outcome.whenComplete((done, error) -> {
            if (error != null && !(error instanceof IllegalStateException)) {
                log.error("resync ({}) failed unexpectedly", trigger, error);
            }
        });
        return outcome;
    }

    private synchronized boolean hasHandlers() {
        return !byKind.isEmpty() || !anyKind.isEmpty();
    }

    private synchronized void checkNotStarted() {
        if (started) {
            throw new IllegalStateException("register resync handlers and hooks before start()");
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
