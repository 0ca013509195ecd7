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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
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
    private enum State { NEW, STARTED, STOPPED }

    private final OceanConfig config;
    private final PathRegistry paths = new PathRegistry();
    private final List<ThrowingRunnable> onStart = new ArrayList<>();
    private final OceanRouter router = new OceanRouter(this::checkNotStarted);
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

    /**
     * Creates an integration from an explicit environment instead of the process's: every setting can come from a
     * variable {@code OCEAN__<GROUP>__<FIELD>} (and the Python framework's names), applied before {@code configurer},
     * so code wins. Tests use this to configure an Ocean "through variables".
     *
     * @throws OceanException naming the variable or field when a value is invalid
     */
    public static Ocean create(Map<String, String> environment, Consumer<OceanConfig> configurer) {
        return new Ocean(OceanConfig.load(environment, configurer, EnvironmentSettings.callerVersion(Ocean.class)));
    }

    /**
     * Registers a processor on a path, served as {@code POST /integration{path}}. Several may share a path;
     * they are asked in registration order. The factory makes a new instance per event and per resource.
     */
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

    /**
     * Suppresses duplicate deliveries on a path: a delivery whose id was accepted within
     * {@code webhooks.deduplicationWindowSeconds} is answered {@code 200 {"status":"duplicate"}} with the first
     * event's trace id, and not processed again. See {@link DeliveryIds} for common senders.
     */
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

    /**
     * The settings, environment variables applied. They are read by {@link #start()}: a change made before start
     * takes effect (the testkit points an Ocean at its FakePort this way), later changes do not.
     */
    public OceanConfig config() {
        return config;
    }

    /** The integration's own settings ({@code cfg.integration.config}), read-only. */
    public Map<String, String> integrationConfig() {
        return Collections.unmodifiableMap(config.integration.config);
    }

    /** The port app config in force; null before {@link #start()}. */
    public PortAppConfig portAppConfig() {
        return state == State.STARTED ? assembly.portAppConfig() : null;
    }

    /**
     * Loads the port app config, opens the event store (events left by the last process run again), starts the
     * workers and the server, then runs the {@link #onStart} callbacks; OceanException when any of it fails.
     */
    public Ocean start() {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("start() can be called once; this Ocean is "
                        + state.name().toLowerCase(Locale.ROOT));
            }
            state = State.STARTED;
            try {
                assembly = OceanAssembly.start(config, new OceanAssembly.Registrations(paths.setups(), Paths.PREFIX,
                        javalin -> router.routes().forEach(route -> javalin.routes.addHttpHandler(route.method(),
                                Paths.PREFIX + route.path(), route.handler()))), this::stop);
            } catch (RuntimeException e) {
                state = State.STOPPED;
                throw e;
            }
        }
        try {
            OceanAssembly.runOnStart(onStart); // no lock held: a callback may call back into this Ocean
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

    /**
     * Maps raw items of a kind with every resource of that kind and applies (and returns) the changes: items that
     * pass a selector are upserted, the others deleted. The legacy style; blocks, throws OceanException on failure.
     */
    public EntityChanges registerRaw(String kind, List<JsonNode> items) {
        return live("registerRaw needs a started Ocean").applyRaw(kind, new WebhookEventRawResults(items, List.of()));
    }

    /** Maps raw items of a kind and deletes their entities, whether or not they pass the selector. */
    public EntityChanges unregisterRaw(String kind, List<JsonNode> items) {
        return live("unregisterRaw needs a started Ocean").applyRaw(kind,
                new WebhookEventRawResults(List.of(), items));
    }

    /** The local catalog, where entities go without Port credentials; IllegalStateException when they go elsewhere. */
    public LocalCatalog localCatalog() {
        return live("the local catalog opens at start()").localCatalog();
    }

    /** The dead letters kept in the event store, oldest first: events that failed after their last retry. */
    public List<DeadLetter> deadLetters() {
        return state == State.STARTED ? assembly.deadLetters() : List.of();
    }

    /**
     * Puts a dead letter back on its path's queue, after the events queued for its key (it is routed again when it
     * runs, without re-authentication).
     *
     * @return false if no dead letter has this trace id, or its path is full (the dead letter is then kept)
     */
    public boolean replay(String traceId) {
        return state == State.STARTED && assembly.replay(traceId);
    }

    /**
     * Stops accepting events (503), drains for up to {@code webhooks.shutdownDrainSeconds}, cancels what still runs
     * (it stays in the event store and runs again at the next start), stops every thread and the server, and closes
     * the store. Also on an interrupted thread, whose interrupt is kept.
     */
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
