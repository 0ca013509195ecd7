package io.ocean.webhook.internal;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.ocean.core.EntityChanges;
import io.ocean.core.EntitySink;
import io.ocean.core.EventResultsHandler;
import io.ocean.core.LocalCatalog;
import io.ocean.core.OceanException;
import io.ocean.core.ResourceRawResults;
import io.ocean.core.ThrowingRunnable;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.port.PortClientConfig;
import io.ocean.jq.JqEntityMapper;
import io.ocean.jq.MappingOptions;
import io.ocean.webhook.DeadLetter;
import io.ocean.webhook.OceanConfig;
import io.ocean.webhook.ResyncOutcome;
import io.ocean.webhook.WebhooksConfig;
import io.ocean.webhook.internal.console.Console;
import io.ocean.webhook.internal.console.ConsoleHost;
import io.ocean.webhook.internal.http.OceanServer;
import io.ocean.webhook.internal.port.EntityChangeMapper;
import io.ocean.webhook.internal.port.MappingResultsHandler;
import io.ocean.webhook.internal.port.PortAppConfigLoader;
import io.ocean.webhook.internal.port.PortConnection;
import io.ocean.webhook.internal.run.RuntimeMetrics;
import io.ocean.webhook.internal.store.LegacyImport;
import io.ocean.webhook.internal.run.WebhookRuntime;
import io.ocean.webhook.internal.resync.ResyncEngine;
import io.ocean.webhook.store.DeadLetterCount;
import io.ocean.webhook.store.EventPage;
import io.ocean.webhook.store.EventQuery;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventSummary;
import io.ocean.webhook.store.StoredEvent;
import io.ocean.webhook.store.EventStores;
import io.ocean.webhook.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a started Ocean's parts are wired: the port app config source, the entity sink, the event store, the
 * runtime, the console and the server, and their orderly stop. {@code Ocean} holds the registrations and delegates
 * here; the console reads the running integration through this assembly ({@link ConsoleHost}).
 */
public final class OceanAssembly implements ConsoleHost {

    private static final Logger log = LoggerFactory.getLogger(OceanAssembly.class);

    /**
     * What was registered before start.
     *
     * @param paths  each webhook path (normalized, without the prefix) with its processors and key functions
     * @param prefix the prefix every route is served under, {@code /integration}
     * @param routes adds the direct (legacy) routes to the server
     * @param resync the resync handlers and their engine
     */
    public record Registrations(Map<String, WebhookRuntime.PathSetup> paths, String prefix,
                                Consumer<JavalinConfig> routes, ResyncEngine resync) {
    }

    private final OceanConfig config;
    private volatile ResyncEngine resync;
    private volatile Supplier<PortAppConfig> appConfig;
    private volatile PortConnection port;
    private volatile EntityChangeMapper changeMapper;
    private volatile EntitySink sink;
    private volatile LocalCatalog localCatalog;
    private volatile EventStore store;
    private volatile WebhookRuntime runtime;
    private static final String CONSOLE_HOST = "127.0.0.1";

    private volatile Javalin server;
    private volatile Console console;
    private volatile Javalin consoleServer;
    private volatile List<String> paths = List.of();
    private volatile Thread shutdownHook;

    private OceanAssembly(OceanConfig config) {
        this.config = config;
    }

    /**
     * Wires and starts everything: config, sink, store (opened, legacy files imported, interrupted runs recovered),
     * workers, server; and, when {@code startup.shutdownHook} is set, a JVM shutdown hook that runs {@code stop}.
     * On failure, what was started is stopped again.
     *
     * @throws OceanException naming what failed
     */
    public static OceanAssembly start(OceanConfig config, Registrations registrations, Runnable stop) {
        OceanAssembly assembly = new OceanAssembly(config);
        try {
            assembly.wire(registrations);
        } catch (RuntimeException e) {
            assembly.stop();
            throw e instanceof OceanException ? e : new OceanException("Ocean failed to start: " + e.getMessage(), e);
        }
        if (config.startup.shutdownHook) {
            assembly.shutdownHook = new Thread(stop, "ocean-shutdown-hook");
            Runtime.getRuntime().addShutdownHook(assembly.shutdownHook);
        }
        return assembly;
    }

    private void wire(Registrations registrations) {
        appConfig = appConfigSource();
        WebhooksConfig webhooks = config.webhooks;
        changeMapper = new EntityChangeMapper(JqEntityMapper.create(new MappingOptions(
                config.mapping.allowEnvironmentVariables, config.mapping.itemTimeout)));
        resync = registrations.resync();
        // every live change passes the resync's guard, so a resync never undoes a newer live change
        sink = resync.guard(entitySink(), config.entitySink() == null);
        console = Console.of(config, this);
        EventResultsHandler results = config.resultsHandler() != null ? config.resultsHandler()
                : new MappingResultsHandler(changeMapper, sink, appConfig, console.recorder());
        store = openStore(webhooks, registrations.paths());
        paths = List.copyOf(registrations.paths().keySet());
        runtime = new WebhookRuntime(registrations.paths(), new WebhookRuntime.Settings(webhooks.workers,
                webhooks.maxEventProcessingSeconds, config.http.maxBodyBytes, webhooks.retryAfterSeconds,
                webhooks.storeTimeoutMillis, webhooks.leaseSeconds, webhooks.deadLetterCapacity,
                webhooks.deduplicationWindowSeconds),
                store, appConfig, results, console.metrics(RuntimeMetrics.of(config.metrics.registry())),
                console.recorder());
        runtime.start();
        server = OceanServer.start(OceanServer.Settings.of(config.http), runtime::ready, javalin -> {
                    runtime.endpoints().forEach((path, endpoint) ->
                            javalin.routes.post(registrations.prefix() + path, endpoint));
                    registrations.routes().accept(javalin);
                    if (config.console.onMainListener) {
                        console.mount(javalin);
                    }
                    config.javalin().accept(javalin);
                });
        log.info("Ocean listening on {}:{}; webhook paths {}", config.http.host, server.port(),
                registrations.paths().keySet().stream().map(p -> registrations.prefix() + p).toList());
        if (config.console.enabled && !config.console.onMainListener) {
            // its own listener, loopback only: a proxy or port forward in front of the webhook port never reaches it
            consoleServer = OceanServer.start(new OceanServer.Settings(CONSOLE_HOST, config.console.port,
                    config.http.maxBodyBytes), runtime::ready, console::mount);
            console.announce(CONSOLE_HOST, consoleServer.port());
        } else {
            console.announce(config.http.host, server.port());
        }
    }

    /** The port the console is served on: its own listener's, or the server's when it shares it. */
    public int consolePort() {
        Javalin own = consoleServer;
        return own != null ? own.port() : server.port();
    }

    private static EventStore openStore(WebhooksConfig webhooks, Map<String, WebhookRuntime.PathSetup> paths) {
        EventStore store = webhooks.store != null ? webhooks.store : EventStores.sqlite();
        store.open(new StoreSettings(webhooks.stateDir, webhooks.queueCapacity, webhooks.queueMaxBytes,
                webhooks.deadLetterCapacity, webhooks.deadLetterMaxBytes,
                Duration.ofSeconds(webhooks.deduplicationWindowSeconds), Clock.systemUTC()));
        try {
            LegacyImport.run(webhooks.stateDir, store, new LegacyKeying(paths));
            int recovered = store.recover();
            if (recovered > 0) {
                log.info("{} event(s) that were running or waiting when the last process ended will run again",
                        recovered);
            }
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        log.info("events are kept in {}", store.getClass().getSimpleName());
        return store;
    }

    /** Runs the {@code onStart} callbacks in order; the first that throws fails with its cause. */
    public static void runOnStart(List<ThrowingRunnable> callbacks) {
        for (ThrowingRunnable callback : callbacks) {
            try {
                callback.run();
            } catch (Exception e) {
                log.error("onStart failed; stopping", e);
                throw new OceanException("onStart failed: " + e.getMessage(), e);
            }
        }
    }

    /** Starts the resync triggers (on start, schedule, Port's requests); after the {@code onStart} callbacks. */
    public void startResync() {
        resync.start(config, appConfig, port, localCatalog);
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /** The port app config in force. */
    @Override
    public PortAppConfig portAppConfig() {
        return appConfig.get();
    }

    /** Waits until nothing is held; false if the timeout passed first or the caller was interrupted. */
    public boolean awaitIdle(Duration timeout) {
        try {
            return runtime.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The dead letters, oldest first. */
    public List<DeadLetter> deadLetters() {
        return runtime.deadLetters();
    }

    /**
     * A page from the store's read side; an engine that lists dead letters by path only (the interface's default)
     * is asked path by path and the pages merged.
     */
    @Override
    public EventPage events(EventQuery query) {
        try {
            return store.query(query);
        } catch (UnsupportedOperationException e) {
            if (query.path() != null) {
                throw e;
            }
            List<EventSummary> merged = new java.util.ArrayList<>();
            for (String path : paths) {
                merged.addAll(store.query(new EventQuery(query.state(), path, query.reason(), query.from(),
                        query.to(), query.deliveryId(), query.beforeId(), query.limit())).events());
            }
            merged.sort(java.util.Comparator.comparingLong(EventSummary::id).reversed());
            return EventPage.of(merged.subList(0, Math.min(merged.size(), query.limit() + 1)), query);
        }
    }

    @Override
    public List<DeadLetterCount> deadLetterCounts() {
        return store.deadLetterCounts(paths);
    }

    @Override
    public java.util.Optional<StoredEvent> heldEvent(String traceId) {
        return store.find(traceId);
    }

    @Override
    public boolean discard(String traceId) {
        return store.discard(traceId);
    }

    /** Replays a dead letter; false if unknown or its path is full. */
    @Override
    public boolean setPaused(String path, boolean paused) {
        return runtime.setPaused(path, paused);
    }

    @Override
    public java.util.Set<String> pausedPaths() {
        return store.pausedPaths();
    }

    @Override
    public boolean replay(String traceId) {
        return runtime.replay(traceId);
    }

    /** The local catalog, when entities go there. */
    @Override
    public LocalCatalog localCatalog() {
        if (localCatalog == null) {
            throw new IllegalStateException("entities go to " + (port != null ? "Port"
                    : config.entitySink().getClass().getSimpleName()) + ", not the local catalog");
        }
        return localCatalog;
    }

    /** The resync engine's last finished outcome, or null. */
    @Override
    public ResyncOutcome lastResync() {
        return resync.lastOutcome();
    }

    /** When the running resync started, or null. */
    @Override
    public Instant resyncRunningSince() {
        return resync.runningSince();
    }

    /** Maps raw items of a kind with every resource of that kind and applies the changes; blocks until applied. */
    public EntityChanges applyRaw(String kind, WebhookEventRawResults raw) {
        PortAppConfig current = appConfig.get();
        List<ResourceRawResults> results = current.resourcesOfKind(kind).stream()
                .map(resource -> new ResourceRawResults(resource, raw)).toList();
        if (results.isEmpty()) {
            log.warn("registerRaw/unregisterRaw: no resource of kind {} in the port app config", kind);
        }
        EntityChanges changes = changeMapper.changes(results);
        try {
            sink.applyAsync(changes, current).toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new OceanException("applying the changes of kind " + kind + " failed: " + cause.getMessage(), cause);
        }
        return changes;
    }

    /**
     * Stops accepting (503), drains, stops every thread, the server, and closes the store, catalog and Port
     * connection — each step also when one before it failed or the thread is interrupted.
     */
    public void stop() {
        // every step runs with the interrupt cleared (Jetty's stop and the store's close would cut short), and the
        // caller gets it back at the end
        boolean interrupted = Thread.interrupted();
        try {
            interrupted |= stopEverything(interrupted);
        } finally {
            if (interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean stopEverything(boolean interrupted) {
        boolean[] interruptedMeanwhile = {false};
        Thread hook = shutdownHook;
        if (hook != null && Thread.currentThread() != hook) {
            step("removing the shutdown hook", () -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down; the hook runs stop() itself
                }
            });
        }
        step("stopping the resync", () -> {
            if (resync != null) {
                resync.stop(Duration.ofSeconds(config.webhooks.shutdownDrainSeconds));
            }
        });
        step("stopping the runtime", () -> {
            if (runtime != null) {
                interruptedMeanwhile[0] = runtime.stop(Duration.ofSeconds(config.webhooks.shutdownDrainSeconds),
                        interrupted);
            }
        });
        step("stopping the server", () -> {
            if (server != null) {
                server.stop();
            }
        });
        step("stopping the console's listener", () -> {
            if (consoleServer != null) {
                consoleServer.stop();
            }
        });
        step("closing the event store", () -> {
            if (store != null) {
                store.close();
            }
        });
        step("closing the local catalog", () -> {
            if (localCatalog != null) {
                localCatalog.close();
            }
        });
        step("closing the Port connection", () -> {
            if (port != null) {
                port.close();
            }
        });
        return interruptedMeanwhile[0];
    }

    private static void step(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("{} failed", what, e);
        }
    }

    private EntitySink entitySink() {
        if (config.entitySink() != null) {
            log.info("entities go to {} (set in code)", config.entitySink().getClass().getSimpleName());
            return config.entitySink();
        }
        if (port != null) {
            log.info("entities go to Port at {} as integration {} (type {}, version {})", config.port.baseUrl,
                    config.integration.identifier, config.integration.type, config.integration.version);
            return port.sink(config.port.batchWindowMillis);
        }
        // the blueprints Port would create at start: the local catalog refuses what Port would refuse
        java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> blueprints =
                io.ocean.webhook.internal.port.BlueprintsFile.load(Path.of("").toAbsolutePath(),
                        Thread.currentThread().getContextClassLoader());
        localCatalog = LocalCatalog.open(config.localCatalog.file, blueprints);
        log.info("entities go to the local catalog {} (no Port credentials; {}); integration {} (type {}, version {})",
                config.localCatalog.file, blueprints.isEmpty() ? "no blueprints file, every entity accepted"
                        : "validated against " + blueprints.size() + " blueprint(s) of "
                        + io.ocean.webhook.internal.port.BlueprintsFile.DEFAULT_PATH,
                config.integration.identifier, config.integration.type, config.integration.version);
        return localCatalog;
    }

    /** Code, then Port (with credentials), then the file, then the classpath resource. Registers in Port. */
    private Supplier<PortAppConfig> appConfigSource() {
        PortAppConfig fromCode = config.portAppConfig();
        PortAppConfig fallback = fromCode != null ? fromCode : PortAppConfigLoader.load(null,
                Path.of("").toAbsolutePath(), Thread.currentThread().getContextClassLoader());
        if (!config.port.enabled()) {
            return () -> fallback;
        }
        port = PortConnection.open(PortClientConfig.custom().baseUrl(config.port.baseUrl)
                .clientId(config.port.clientId).clientSecret(config.port.clientSecret)
                .integration(config.integration.type, config.integration.version, config.integration.identifier)
                .maxConcurrentRequests(config.port.maxConcurrentRequests).requestTimeout(config.port.requestTimeout)
                .build());
        // before anything is upserted: Port refuses entities of blueprints it does not have
        java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> blueprints =
                io.ocean.webhook.internal.port.BlueprintsFile.load(Path.of("").toAbsolutePath(),
                        Thread.currentThread().getContextClassLoader());
        if (!blueprints.isEmpty()) {
            io.ocean.webhook.internal.port.BlueprintSetup.ensure(port.client(), blueprints,
                    Duration.ofSeconds(Math.max(10, config.port.requestTimeout.toSeconds())));
        }
        return port.register(fromCode, fallback, config.port.appConfigCacheSeconds,
                Duration.ofSeconds(Math.min(10, config.port.requestTimeout.toSeconds())));
    }
}
