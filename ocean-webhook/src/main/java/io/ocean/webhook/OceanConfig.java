package io.ocean.webhook;

import io.ocean.core.EntitySink;
import io.ocean.core.EventResultsHandler;
import io.ocean.core.OceanException;
import io.javalin.config.JavalinConfig;
import io.ocean.core.config.PortAppConfig;
import io.ocean.webhook.internal.EnvironmentSettings;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything {@link Ocean#create} can set, in small groups with their defaults written inline:
 * {@code Ocean.create(cfg -> { cfg.http.port = 0; cfg.webhooks.workers = 8; })}.
 */
public final class OceanConfig {

    /** The embedded HTTP server. */
    public final HttpConfig http = new HttpConfig();

    /** The live-event queues and workers. */
    public final WebhooksConfig webhooks = new WebhooksConfig();

    /** The integration's identity and its own settings. */
    public final IntegrationConfig integration = new IntegrationConfig();

    /** Port credentials and client settings. */
    public final PortConfig port = new PortConfig();

    /** What happens around start and stop. */
    public final StartupConfig startup = new StartupConfig();

    /** Where meters go. */
    public final MetricsConfig metrics = new MetricsConfig();

    /** How jq mappings run. */
    public final MappingConfig mapping = new MappingConfig();

    /** The catalog used without Port credentials. */
    public final LocalCatalogConfig localCatalog = new LocalCatalogConfig();

    /** When full resyncs run. */
    public final ResyncConfig resync = new ResyncConfig();

    /** The built-in console under {@code /ocean/}; off by default. */
    public final ConsoleConfig console = new ConsoleConfig();

    private PortAppConfig portAppConfig;
    private EventResultsHandler resultsHandler;
    private EntitySink entitySink;
    private Consumer<JavalinConfig> javalin = config -> { };

    OceanConfig() {
    }

    /** The defaults, then the variables of {@code environment}, then {@code configurer}; validated. */
    static OceanConfig load(Map<String, String> environment, Consumer<OceanConfig> configurer, String version) {
        OceanConfig config = new OceanConfig();
        if (version != null) {
            config.integration.version = version;
        }
        EnvironmentSettings.applyOcean(config, environment);
        configurer.accept(config);
        config.validate();
        return config;
    }

    /** Uses this port app config, ahead of any file or resource. */
    public OceanConfig portAppConfig(PortAppConfig config) {
        this.portAppConfig = Objects.requireNonNull(config, "portAppConfig");
        return this;
    }

    /** The port app config set in code, or null. */
    public PortAppConfig portAppConfig() {
        return portAppConfig;
    }

    /**
     * Sends the raw results of every processed event here instead of mapping them with jq into the entity sink.
     * For tests of the runtime itself; integrations keep the default.
     */
    public OceanConfig resultsHandler(EventResultsHandler handler) {
        this.resultsHandler = Objects.requireNonNull(handler, "resultsHandler");
        return this;
    }

    /** The results handler set in code, or null. */
    public EventResultsHandler resultsHandler() {
        return resultsHandler;
    }

    /** Sends mapped entity changes here instead of Port or the local catalog. */
    public OceanConfig entitySink(EntitySink sink) {
        this.entitySink = Objects.requireNonNull(sink, "entitySink");
        return this;
    }

    /** The entity sink set in code, or null. */
    public EntitySink entitySink() {
        return entitySink;
    }

    /**
     * Adjusts the embedded Javalin server beyond Ocean's settings, for example a route outside
     * {@code /integration}: {@code cfg.javalin(j -> j.routes.get("/metrics", ctx -> ...))}. Runs after Ocean's own
     * configuration.
     */
    public OceanConfig javalin(Consumer<JavalinConfig> configurer) {
        this.javalin = Objects.requireNonNull(configurer, "javalin");
        return this;
    }

    /** The Javalin configurer set in code; a no-op by default. */
    public Consumer<JavalinConfig> javalin() {
        return javalin;
    }

    void validate() {
        try {
            http.validate();
            webhooks.validate();
            integration.validate();
            port.validate();
            mapping.validate();
            localCatalog.validate();
            resync.validate();
            console.validate();
            console.validate(http.host);
        } catch (IllegalArgumentException e) {
            throw new OceanException("invalid Ocean config: " + e.getMessage(), e);
        }
    }
}
