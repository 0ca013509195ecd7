package io.ocean.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EntityChanges;
import io.ocean.core.LocalCatalog;
import io.ocean.core.OceanException;
import io.ocean.core.ThrowingRunnable;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.PortAppConfig;
import io.ocean.webhook.internal.EnvironmentSettings;
import io.ocean.webhook.internal.OceanAssembly;
import io.ocean.webhook.internal.PathRegistry;
import io.ocean.webhook.internal.resync.ResyncEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
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
    private enum State { NEW, STARTED, STOPPED }

    private final OceanConfig config;
    private final PathRegistry paths = new PathRegistry();
    private final List<ThrowingRunnable> onStart = new ArrayList<>();
    private final OceanRouter router = new OceanRouter(this::checkNotStarted);
    private final ResyncEngine resync = new ResyncEngine();
    private volatile State state = State.NEW;
    private volatile OceanAssembly assembly;

    private Ocean(OceanConfig config) {
        this.config = config;
    }

    /** Creates an integration; {@code configurer} sets what differs from the defaults (OceanException if invalid). */
    public static Ocean create(Consumer<OceanConfig> configurer) {
        return new Ocean(OceanConfig.load(System.getenv(), configurer, EnvironmentSettings.callerVersion(Ocean.class)));
    }

    /** Creates an integration with every default, and the process environment applied. */
    public static Ocean create() {
        return new Ocean(OceanConfig.load(System.getenv(), c -> { }, EnvironmentSettings.callerVersion(Ocean.class)));
    }

    /** Creates an integration from an explicit environment ({@code OCEAN__<GROUP>__<FIELD>}); code still wins. */
    public static Ocean create(Map<String, String> environment, Consumer<OceanConfig> configurer) {
        return new Ocean(OceanConfig.load(environment, configurer, EnvironmentSettings.callerVersion(Ocean.class)));
    }

    /** Registers a processor on {@code POST /integration{path}}; asked in registration order, new instance per use. */
    public synchronized Ocean addWebhookProcessor(String path,
                                                  Function<WebhookEvent, ? extends AbstractWebhookProcessor> factory) {
        checkNotStarted();
        paths.addProcessor(Paths.normalize(path), factory);
        return this;
    }

    /** Groups the events of a path by a key: one key's events are processed one at a time, in arrival order. */
    public synchronized Ocean groupEventsBy(String path, Function<WebhookEvent, String> key) {
        checkNotStarted();
        paths.groupBy(Paths.normalize(path), key);
        return this;
    }

    /** Answers a delivery id seen within the dedup window {@code duplicate}, unprocessed; see {@link DeliveryIds}. */
    public synchronized Ocean deduplicateBy(String path, Function<WebhookEvent, String> deliveryId) {
        checkNotStarted();
        paths.deduplicateBy(Paths.normalize(path), deliveryId);
        return this;
    }

    /** Direct routes mounted under {@code /integration}, for the legacy style. */
    public OceanRouter router() {
        return router;
    }

    /** Runs once after the server listens, outside Ocean's locks; an exception fails {@link #start()}. */
    public synchronized Ocean onStart(ThrowingRunnable callback) {
        checkNotStarted();
        onStart.add(Objects.requireNonNull(callback, "callback"));
        return this;
    }

    /** The settings, variables applied; read (and validated) by {@link #start()}, so later changes do nothing. */
    public OceanConfig config() {
        return config;
    }

    /** The integration's settings ({@code cfg.integration.config}), read-only; {@code require} names the variable. */
    public IntegrationSettings integrationConfig() {
        return new IntegrationSettings(config.integration.config);
    }

    /**
     * Registers a handler yielding every item of {@code kind} in batches for a full resync (see docs/resync.md);
     * {@link ResyncHandler#forEachResource(ResourceResyncHandler)} makes one that receives each resource config.
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

    /**
     * Marks kinds that only live events bring (say, GitLab pipelines): a resync does not warn that they have no
     * {@code onResync} handler, lists nothing for them, and never deletes their entities as stale.
     */
    public Ocean liveOnly(String... kinds) {
        resync.liveOnly(kinds);
        return this;
    }

    /**
     * Declares that the listing of these kinds is partial (say, open merge requests only, while live events also keep
     * the closed ones): a resync upserts what it lists and never deletes as stale what it did not list.
     */
    public Ocean partialListing(String... kinds) {
        resync.partialListing(kinds);
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

    /** Triggers a full resync, now or after the running one (triggers coalesce); IllegalStateException before start. */
    public CompletableFuture<ResyncOutcome> resync() {
        return resync.resync();
    }

    /** The port app config in force; null before {@link #start()}. */
    public PortAppConfig portAppConfig() {
        return state == State.STARTED ? assembly.portAppConfig() : null;
    }

    /** Opens the store (left events run again), starts workers and server, runs onStart; OceanException on failure. */
    public Ocean start() {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("start() can be called once; this Ocean is "
                        + state.name().toLowerCase(Locale.ROOT));
            }
            config.validate(); // again: ocean.config() may have been changed since create()
            state = State.STARTED;
            try {
                assembly = OceanAssembly.start(config, new OceanAssembly.Registrations(paths.setups(), Paths.PREFIX,
                        javalin -> router.routes().forEach(route -> javalin.routes.addHttpHandler(route.method(),
                                Paths.PREFIX + route.path(), route.handler())), resync), this::stop);
            } catch (RuntimeException e) {
                state = State.STOPPED;
                throw e;
            }
        }
        try {
            OceanAssembly.runOnStart(onStart); // no lock held: a callback may call back into this Ocean
            assembly.startResync(); // the first resync begins only once every onStart hook has finished
        } catch (OceanException e) {
            stop();
            throw e;
        }
        return this;
    }

    /** The port the server listens on; useful with {@code cfg.http.port = 0}. */
    public int port() {
        return live("the server is not running; call start() first").port();
    }

    /** Waits up to 30 s until every accepted event has been processed or dead-lettered, else OceanException. */
    public void awaitIdle() {
        if (!awaitIdle(Duration.ofSeconds(30))) {
            throw new OceanException("events were still in flight after 30 s");
        }
    }

    /** Waits until the store holds no event (queued, running, waiting to retry); false if the timeout passed first. */
    public boolean awaitIdle(Duration timeout) {
        return state != State.STARTED || assembly.awaitIdle(timeout);
    }

    /** Maps raw items of a kind and applies the changes (selector passes: upsert, else delete); blocks. */
    public EntityChanges registerRaw(String kind, List<JsonNode> items) {
        return live("registerRaw needs a started Ocean").applyRaw(kind, new WebhookEventRawResults(items, List.of()));
    }

    /** Maps raw items of a kind and deletes their entities, whether or not they pass the selector. */
    public EntityChanges unregisterRaw(String kind, List<JsonNode> items) {
        return live("unregisterRaw needs a started Ocean").applyRaw(kind, new WebhookEventRawResults(List.of(), items));
    }

    /** The local catalog, where entities go without Port credentials; IllegalStateException when they go elsewhere. */
    public LocalCatalog localCatalog() {
        return live("the local catalog opens at start()").localCatalog();
    }

    /** The dead letters kept in the event store, oldest first: events that failed after their last retry. */
    public List<DeadLetter> deadLetters() {
        return state == State.STARTED ? assembly.deadLetters() : List.of();
    }

    /** Queues a dead letter again after its key's events; false if unknown or its path is full (then kept). */
    public boolean replay(String traceId) {
        return state == State.STARTED && assembly.replay(traceId);
    }

    /** Answers 503, drains for {@code shutdownDrainSeconds}, leaves the rest in the store, stops every thread. */
    public void stop() {
        OceanAssembly running;
        synchronized (this) {
            running = state == State.STARTED ? assembly : null;
            state = State.STOPPED;
        }
        if (running == null) {
            return;
        }
        running.stop();
        log.info("Ocean stopped");
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private OceanAssembly live(String notStarted) {
        if (state != State.STARTED) {
            throw new IllegalStateException(notStarted);
        }
        return assembly;
    }

    private synchronized void checkNotStarted() {
        if (state != State.NEW) {
            throw new IllegalStateException("register processors, routes and callbacks before start()");
        }
    }
}
