package io.ocean.webhook;

import io.javalin.Javalin;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.OceanException;
import io.ocean.core.ThrowingRunnable;
import io.ocean.core.WebhookEvent;
import io.ocean.core.config.PortAppConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.EntityChanges;
import io.ocean.core.EntitySink;
import io.ocean.core.EventResultsHandler;
import io.ocean.core.LocalCatalog;
import io.ocean.core.ResourceRawResults;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.jq.JqEntityMapper;
import io.ocean.jq.MappingOptions;
import io.ocean.core.port.PortClientConfig;
import io.ocean.webhook.internal.port.EntityChangeMapper;
import io.ocean.webhook.internal.EnvironmentSettings;
import java.util.Locale;
import java.util.function.Supplier;
import io.ocean.webhook.internal.port.MappingResultsHandler;
import io.ocean.webhook.internal.http.OceanServer;
import io.ocean.webhook.internal.port.PortAppConfigLoader;
import io.ocean.webhook.internal.port.PortConnection;
import io.ocean.webhook.internal.run.ProcessorRegistration;
import io.ocean.webhook.internal.run.RuntimeMetrics;
import io.ocean.webhook.internal.run.WebhookRuntime;
import io.ocean.webhook.internal.resync.ResyncEngine;
import java.util.concurrent.CompletableFuture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door of an integration: register processors and routes, then {@link #start()}.
 *
 * <pre>{@code
 * Ocean ocean = Ocean.create(cfg -> cfg.http.port = 8000);
 * ocean.addWebhookProcessor("/webhook", IssueProcessor::new);   // POST /integration/webhook
 * ocean.start();
 * }</pre>
 */
public final class Ocean implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Ocean.class);
    private static final String INTEGRATION_CONFIG = "OCEAN__INTEGRATION__CONFIG__";
    /** The Python framework's variable names, mapped to ours. */
    private static final Map<String, String> ALIASES = Map.of(
            "OCEAN__BASE_URL", "OCEAN__INTEGRATION__BASE_URL",
            "OCEAN__EVENT_WORKERS_COUNT", "OCEAN__WEBHOOKS__WORKERS",
            "OCEAN__MAX_EVENT_PROCESSING_SECONDS", "OCEAN__WEBHOOKS__MAX_EVENT_PROCESSING_SECONDS",
            "OCEAN__SCHEDULED_RESYNC_INTERVAL", "OCEAN__RESYNC__INTERVAL_MINUTES");

    private enum State { NEW, STARTED, STOPPED }

    private final OceanConfig config;
    private final Map<String, List<ProcessorRegistration>> processors = new LinkedHashMap<>();
    private final Map<String, Function<WebhookEvent, String>> groupKeys = new LinkedHashMap<>();
    private final Map<String, Function<WebhookEvent, String>> deliveryIds = new LinkedHashMap<>();
    private final List<ThrowingRunnable> onStart = new ArrayList<>();
    private final OceanRouter router = new OceanRouter(this::checkNotStarted);
    private final ResyncEngine resync = new ResyncEngine();
    private volatile State state = State.NEW;
    private volatile Supplier<PortAppConfig> appConfig;
    private volatile PortConnection port;
    private volatile WebhookRuntime runtime;
    private volatile EntityChangeMapper changeMapper;
    private volatile EntitySink sink;
    private volatile LocalCatalog localCatalog;
    private volatile Javalin server;
    private Thread shutdownHook;

    private Ocean(OceanConfig config) {
        this.config = config;
    }

    /**
     * Creates an integration; {@code configurer} sets what differs from the defaults.
     *
     * @throws OceanException naming the field when a setting is invalid
     */
    public static Ocean create(Consumer<OceanConfig> configurer) {
        return create(System.getenv(), configurer, callerVersion());
    }

    /** Creates an integration with every default, and the process environment applied. */
    public static Ocean create() {
        return create(System.getenv(), config -> { }, callerVersion());
    }

    /**
     * Creates an integration from an explicit environment instead of the process's: every setting can come from a
     * variable {@code OCEAN__<GROUP>__<FIELD>} (and the Python framework's names), applied before {@code configurer},
     * so code wins. Tests use this to configure an Ocean "through variables".
     *
     * @throws OceanException naming the variable or field when a value is invalid
     */
    public static Ocean create(Map<String, String> environment, Consumer<OceanConfig> configurer) {
        return create(environment, configurer, callerVersion());
    }

    private static Ocean create(Map<String, String> environment, Consumer<OceanConfig> configurer, String version) {
        OceanConfig config = new OceanConfig();
        if (version != null) {
            config.integration.version = version;
        }
        EnvironmentSettings.apply(config, environment, ALIASES);
        environment.forEach((name, value) -> {
            if (name.startsWith(INTEGRATION_CONFIG) && name.length() > INTEGRATION_CONFIG.length()) {
                config.integration.config.put(name.substring(INTEGRATION_CONFIG.length()).toLowerCase(Locale.ROOT),
                        value);
            }
        });
        configurer.accept(config);
        config.validate();
        return new Ocean(config);
    }

    /** The implementation version of the jar of the class that called {@code create}, or null. */
    private static String callerVersion() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(type -> type != Ocean.class).findFirst())
                .map(type -> type.getPackage() == null ? null : type.getPackage().getImplementationVersion())
                .orElse(null);
    }

    /**
     * Registers a processor on a path, served as {@code POST /integration{path}}. Several may share a path;
     * they are asked in registration order. The factory makes a new instance per event and per resource.
     */
    public synchronized Ocean addWebhookProcessor(String path,
                                                  Function<WebhookEvent, ? extends AbstractWebhookProcessor> factory) {
        checkNotStarted();
        String normalized = Paths.normalize(path);
        List<ProcessorRegistration> onPath = processors.computeIfAbsent(normalized, p -> new ArrayList<>());
        onPath.add(new ProcessorRegistration(normalized, onPath.size(), Objects.requireNonNull(factory, "factory")));
        return this;
    }

    /** Groups the events of a path by a key: one key's events are processed one at a time, in arrival order. */
    public synchronized Ocean groupEventsBy(String path, Function<WebhookEvent, String> key) {
        checkNotStarted();
        groupKeys.put(Paths.normalize(path), Objects.requireNonNull(key, "key"));
        return this;
    }

    /**
     * Suppresses duplicate deliveries on a path: a delivery whose id was queued within
     * {@code webhooks.deduplicationWindowSeconds} is answered {@code 200 {"status":"duplicate"}} with the first
     * event's trace id, and not processed again. See {@link DeliveryIds} for common senders.
     */
    public synchronized Ocean deduplicateBy(String path, Function<WebhookEvent, String> deliveryId) {
        checkNotStarted();
        deliveryIds.put(Paths.normalize(path), Objects.requireNonNull(deliveryId, "deliveryId"));
        return this;
    }

    /** Direct routes mounted under {@code /integration}, for the legacy style. */
    public OceanRouter router() {
        return router;
    }

    /** Runs once after the server listens; an exception fails {@link #start()} and stops the server. */
    public synchronized Ocean onStart(ThrowingRunnable callback) {
        checkNotStarted();
        onStart.add(Objects.requireNonNull(callback, "callback"));
        return this;
    }

    // --- resync (issue 15): each method delegates to the ResyncEngine ---

    /**
     * Registers the handler that yields every item of {@code kind} for a full resync; several for one kind run one
     * after another. Items are mapped with every resource of the kind, as live events are.
     */
    public Ocean onResync(String kind, ResyncHandler handler) {
        resync.onResync(kind, handler);
        return this;
    }

    /** Registers a handler for every kind without its own handler; the kind is passed in. */
    public Ocean onResync(ResyncHandler handler) {
        resync.onResync(handler);
        return this;
    }

    /** Runs before any kind of each resync; throwing fails that resync. */
    public Ocean onResyncStart(ThrowingRunnable hook) {
        resync.onResyncStart(hook);
        return this;
    }

    /** Runs after each resync that completed without error. */
    public Ocean onResyncComplete(ThrowingRunnable hook) {
        resync.onResyncComplete(hook);
        return this;
    }

    /**
     * Triggers a full resync: it starts now, or after the running one (triggers during a run share one queued
     * resync). The future completes with its outcome.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public CompletableFuture<ResyncOutcome> resync() {
        return resync.resync();
    }

    // --- end resync ---

    /**
     * The settings, environment variables applied. They are read by {@link #start()}: a change made before start
     * takes effect (the testkit points an Ocean at its FakePort this way), later changes do not.
     */
    public OceanConfig config() {
        return config;
    }

    /**
     * The integration's own settings ({@code cfg.integration.config}), read-only; {@code require(name)} fails with
     * the variable to set when one is missing.
     */
    public IntegrationSettings integrationConfig() {
        return new IntegrationSettings(config.integration.config);
    }

    /** The port app config in force; null before {@link #start()}. */
    public PortAppConfig portAppConfig() {
        Supplier<PortAppConfig> source = appConfig;
        return source == null ? null : source.get();
    }

    /**
     * Loads the port app config, starts the workers and the server, then runs the {@link #onStart} callbacks.
     *
     * @throws OceanException when the config is broken, the port is taken, or an {@code onStart} callback fails
     */
    public synchronized Ocean start() {
        if (state != State.NEW) {
            throw new IllegalStateException("start() can be called once; this Ocean is " + state.name().toLowerCase());
        }
        config.validate(); // again: ocean.config() may have been changed since create()
        state = State.STARTED;
        try {
            appConfig = appConfigSource();
            WebhooksConfig webhooks = config.webhooks;
            changeMapper = new EntityChangeMapper(JqEntityMapper.create(new MappingOptions(
                    config.mapping.allowEnvironmentVariables, config.mapping.itemTimeout)));
            sink = resync.guard(entitySink(), config.entitySink() == null);
            EventResultsHandler results = config.resultsHandler() != null ? config.resultsHandler()
                    : new MappingResultsHandler(changeMapper, sink, appConfig);
            runtime = new WebhookRuntime(processors, groupKeys, deliveryIds, new WebhookRuntime.Settings(
                    webhooks.queueCapacity, webhooks.queueMaxBytes, webhooks.workers,
                    webhooks.maxEventProcessingSeconds, config.http.maxBodyBytes, webhooks.retryAfterSeconds,
                    webhooks.deadLetterCapacity, webhooks.stateDir,
                    Duration.ofSeconds(webhooks.deduplicationWindowSeconds)),
                    appConfig, results, RuntimeMetrics.of(config.metrics.registry()));
            runtime.start();
            server = OceanServer.start(new OceanServer.Settings(config.http.host, config.http.port,
                    config.http.maxBodyBytes), runtime::ready, javalin -> {
                        runtime.endpoints().forEach((path, endpoint) ->
                                javalin.routes.post(Paths.PREFIX + path, endpoint));
                        router.routes().forEach(route -> javalin.routes.addHttpHandler(route.method(),
                                Paths.PREFIX + route.path(), route.handler()));
                        config.javalin().accept(javalin);
                    });
            if (config.startup.shutdownHook) {
                shutdownHook = new Thread(this::stop, "ocean-shutdown-hook");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
        } catch (RuntimeException e) {
            stopQuietly();
            throw e instanceof OceanException ? e : new OceanException("Ocean failed to start: " + e.getMessage(), e);
        }
        log.info("Ocean listening on {}:{}; webhook paths {}", config.http.host, server.port(),
                processors.keySet().stream().map(p -> Paths.PREFIX + p).toList());
        for (ThrowingRunnable callback : onStart) {
            try {
                callback.run();
            } catch (Exception e) {
                log.error("onStart failed; stopping", e);
                stopQuietly();
                throw new OceanException("onStart failed: " + e.getMessage(), e);
            }
        }
        resync.start(config, appConfig, port, localCatalog);
        return this;
    }

    /** The port the server listens on; useful with {@code cfg.http.port = 0}. */
    public int port() {
        Javalin running = server;
        if (running == null) {
            throw new IllegalStateException("the server is not running; call start() first");
        }
        return running.port();
    }

    /**
     * Waits up to 30 seconds until every accepted event has been processed or dead-lettered.
     *
     * @throws OceanException when events are still in flight after 30 seconds
     */
    public void awaitIdle() {
        if (!awaitIdle(Duration.ofSeconds(30))) {
            throw new OceanException("events were still in flight after 30 s");
        }
    }

    /** Waits until every accepted event has been processed (or failed); false if the timeout passed first. */
    public boolean awaitIdle(Duration timeout) {
        WebhookRuntime running = runtime;
        if (running == null) {
            return true;
        }
        try {
            return running.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Maps raw items of a kind with every resource of that kind and applies the result: items that pass a selector
     * are upserted, those that fail it deleted. The legacy style, for direct routes; blocks until applied.
     *
     * @return the changes applied
     * @throws OceanException when the changes could not be applied
     */
    public EntityChanges registerRaw(String kind, List<JsonNode> items) {
        return applyRaw(kind, new WebhookEventRawResults(items, List.of()));
    }

    /** Maps raw items of a kind and deletes their entities, whether or not they pass the selector. */
    public EntityChanges unregisterRaw(String kind, List<JsonNode> items) {
        return applyRaw(kind, new WebhookEventRawResults(List.of(), items));
    }

    /**
     * The local catalog, where entities go without Port credentials.
     *
     * @throws IllegalStateException before {@link #start()}, or when entities go elsewhere
     */
    public LocalCatalog localCatalog() {
        LocalCatalog catalog = localCatalog;
        if (catalog == null) {
            throw new IllegalStateException(runtime == null ? "the local catalog opens at start()"
                    : "entities go to " + (port != null ? "Port" : config.entitySink().getClass().getSimpleName())
                    + ", not the local catalog");
        }
        return catalog;
    }

    /** The dead letters held, oldest first: events that failed after their last retry. */
    public List<DeadLetter> deadLetters() {
        WebhookRuntime running = runtime;
        return running == null ? List.of() : running.deadLetters();
    }

    /**
     * Puts a dead letter back on its path's queue (it is routed again, without re-authentication) and forgets it.
     *
     * @return false if no dead letter has this trace id, or its queue is full (the dead letter is then kept)
     */
    public boolean replay(String traceId) {
        WebhookRuntime running = runtime;
        return running != null && running.replay(traceId);
    }

    /**
     * Stops accepting events (503), drains the queues for up to {@code webhooks.shutdownDrainSeconds}, cancels what
     * still runs, saves every unfinished event to {@code pending.jsonl} for the next start, and stops the server.
     */
    public synchronized void stop() {
        if (state != State.STARTED) {
            state = State.STOPPED;
            return;
        }
        state = State.STOPPED;
        removeShutdownHook();
        try {
            resync.stop(Duration.ofSeconds(config.webhooks.shutdownDrainSeconds));
            if (runtime != null) {
                runtime.stop(Duration.ofSeconds(config.webhooks.shutdownDrainSeconds));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (server != null) {
                server.stop();
            }
            if (localCatalog != null) {
                localCatalog.close();
            }
            if (port != null) {
                port.close();
            }
        }
        log.info("Ocean stopped");
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private EntityChanges applyRaw(String kind, WebhookEventRawResults raw) {
        if (changeMapper == null || state != State.STARTED) {
            throw new IllegalStateException("registerRaw and unregisterRaw need a started Ocean");
        }
        PortAppConfig current = appConfig.get();
        List<ResourceRawResults> results = current.resourcesOfKind(kind).stream()
                .map(resource -> new ResourceRawResults(resource, raw)).toList();
        if (results.isEmpty()) {
            log.warn("registerRaw/unregisterRaw: no resource of kind {} in the port app config", kind);
        }
        EntityChanges changes = changeMapper.changes(results);
        try {
            sink.applyAsync(changes, current).toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new OceanException("applying the changes of kind " + kind + " failed: " + cause.getMessage(), cause);
        }
        return changes;
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
        localCatalog = LocalCatalog.open(config.localCatalog.file);
        log.info("entities go to the local catalog {} (no Port credentials); integration {} (type {}, version {})",
                config.localCatalog.file, config.integration.identifier, config.integration.type,
                config.integration.version);
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
        return port.register(fromCode, fallback, config.port.appConfigCacheSeconds,
                Duration.ofSeconds(Math.min(10, config.port.requestTimeout.toSeconds())));
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook runs stop() itself
            }
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            log.warn("stopping after a failed start also failed", e);
        }
    }

    private synchronized void checkNotStarted() {
        if (state != State.NEW) {
            throw new IllegalStateException("register processors, routes and callbacks before start()");
        }
    }
}
