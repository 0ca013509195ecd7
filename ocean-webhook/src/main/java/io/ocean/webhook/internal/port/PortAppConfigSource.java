package io.ocean.webhook.internal.port;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.config.PortAppConfig;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port app config as Port holds it, read again in the background every {@code cacheSeconds}. When Port cannot
 * be reached the last good config keeps serving (at first: the file or resource default), with a warning; callers
 * never wait for Port.
 */
public final class PortAppConfigSource implements Supplier<PortAppConfig> {

    private static final Logger log = LoggerFactory.getLogger(PortAppConfigSource.class);

    private final Supplier<CompletableFuture<JsonNode>> fetch;
    private volatile PortAppConfig current;
    private volatile boolean failing;

    /**
     * Starts with {@code fallback} until Port answers; {@code fetch} reads the integration (registering it first
     * when Port does not know it yet).
     */
    public PortAppConfigSource(Supplier<CompletableFuture<JsonNode>> fetch, PortAppConfig fallback) {
        this.fetch = fetch;
        this.current = fallback;
    }

    @Override
    public PortAppConfig get() {
        return current;
    }

    /** Uses the config of the integration as just read (at registration), if it holds one. */
    public void accept(JsonNode integration) {
        PortIntegration.configOf(integration).ifPresent(config -> {
            current = config;
            log.info("port app config: from Port ({} resources)", config.resources().size());
        });
    }

    /** Reads the config again every {@code cacheSeconds}, on the scheduler. */
    public void refreshEvery(ScheduledExecutorService scheduler, int cacheSeconds) {
        scheduler.scheduleWithFixedDelay(this::refresh, cacheSeconds, cacheSeconds, TimeUnit.SECONDS);
    }

    private void refresh() {
        fetch.get().whenComplete((integration, error) -> {
            if (error != null) {
                log.warn("cannot read the port app config from Port ({}); the last good config keeps serving",
                        error.getCause() != null ? error.getCause().getMessage() : error.getMessage());
                failing = true;
                return;
            }
            try {
                Optional<PortAppConfig> config = PortIntegration.configOf(integration);
                if (config.isPresent()) {
                    if (!config.get().equals(current)) {
                        log.info("port app config changed in Port ({} resources)", config.get().resources().size());
                    }
                    current = config.get();
                }
                if (failing) {
                    log.info("Port answers again; port app config refreshed");
                    failing = false;
                }
            } catch (RuntimeException e) {
                log.warn("the port app config in Port is broken ({}); the last good config keeps serving", e.getMessage());
            }
        });
    }
}
