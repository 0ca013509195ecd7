package io.ocean.webhook.internal.port;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.EntitySink;
import io.ocean.core.OceanException;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.port.PortClient;
import io.ocean.core.port.PortClientConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an integration with Port credentials keeps open to Port: the client, the scheduler that flushes upsert
 * batches and refreshes the config, the registration, and the sink. Closed when the integration stops.
 */
public final class PortConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PortConnection.class);

    /** Who the integration is in Port. */
    public record Identity(String identifier, String type, String version) {
    }

    private final ScheduledThreadPoolExecutor scheduler;
    private final PortClient client;
    private final Identity identity;

    private PortConnection(PortClientConfig clientConfig, Identity identity) {
        this.identity = identity;
        this.scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "ocean-port");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.client = PortClient.create(clientConfig);
    }

    /** Opens the client; nothing is sent until {@link #register}. */
    public static PortConnection open(PortClientConfig clientConfig) {
        return new PortConnection(clientConfig, new Identity(clientConfig.integrationIdentifier(),
                clientConfig.integrationType(), clientConfig.integrationVersion()));
    }

    /**
     * Registers the integration (waiting at most {@code wait}) and returns where the port app config comes from:
     * {@code fromCode} when set, else Port's config, read again every {@code cacheSeconds}, with {@code fallback}
     * serving until Port answers. A failed registration is tried again in the background.
     *
     * @throws OceanException when the waiting thread is interrupted; the interrupt stays set
     */
    public Supplier<PortAppConfig> register(PortAppConfig fromCode, PortAppConfig fallback, int cacheSeconds,
                                            Duration wait) {
        Supplier<CompletableFuture<JsonNode>> register = () -> PortIntegration.register(client, identity.identifier(),
                identity.type(), identity.version(), fallback);
        PortAppConfigSource fromPort = new PortAppConfigSource(register, fallback);
        CompletableFuture<JsonNode> registering = register.get();
        try {
            JsonNode integration = registering.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (fromCode != null) {
                return () -> fromCode;
            }
            fromPort.accept(integration);
        } catch (InterruptedException e) {
            // whoever interrupted the start wants it to stop, not to carry on without Port: keep the flag, give up
            Thread.currentThread().interrupt();
            registering.cancel(false);
            throw new OceanException("interrupted while registering the integration in Port", e);
        } catch (Exception e) {
            log.warn("cannot register the integration in Port now ({}); trying again every {} s", e.getCause() != null
                    ? e.getCause().getMessage() : e.toString(), cacheSeconds);
            if (fromCode != null) {
                // the config comes from code: keep trying only to register, until it succeeds
                retryRegistration(register, cacheSeconds);
                return () -> fromCode;
            }
        }
        fromPort.refreshEvery(scheduler, cacheSeconds);
        return fromPort;
    }

    /** The client, for what goes beyond entity changes (a resync's owned-entity search and state reports). */
    public PortClient client() {
        return client;
    }

    /** The sink that applies entity changes to Port, batching upserts for {@code batchWindowMillis}. */
    public EntitySink sink(int batchWindowMillis) {
        return new PortSink(client, scheduler, batchWindowMillis);
    }

    @Override
    public void close() {
        client.close();
        scheduler.shutdownNow();
    }

    private void retryRegistration(Supplier<CompletableFuture<JsonNode>> register, int seconds) {
        scheduler.schedule(() -> register.get().whenComplete((integration, error) -> {
            if (error != null) {
                retryRegistration(register, seconds);
            } else {
                log.info("integration {} registered in Port", identity.identifier());
            }
        }), seconds, TimeUnit.SECONDS);
    }
}
