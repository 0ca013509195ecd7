package io.ocean.webhook.internal.resync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.Entity;
import io.ocean.core.EntityRef;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.port.PortClient;
import io.ocean.webhook.internal.port.PortIntegration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Port as a resync's target: the config read fresh, the owned entities searched, the state patched. */
final class PortTarget implements ResyncTarget {

    private static final Logger log = LoggerFactory.getLogger(PortTarget.class);

    private final PortClient client;
    private final String identifier;
    private final boolean configFromCode;
    private final Supplier<PortAppConfig> current;
    private final long timeoutSeconds;
    private final PortChangePoller poller;

    PortTarget(PortClient client, String identifier, boolean configFromCode, Supplier<PortAppConfig> current,
               long timeoutSeconds, PortChangePoller poller) {
        this.client = client;
        this.identifier = identifier;
        this.configFromCode = configFromCode;
        this.current = current;
        this.timeoutSeconds = timeoutSeconds;
        this.poller = poller;
    }

    @Override
    public PortAppConfig freshConfig() {
        if (configFromCode) {
            return current.get();
        }
        try {
            Optional<JsonNode> integration = client.getIntegration(identifier).get(timeoutSeconds, TimeUnit.SECONDS);
            Optional<PortAppConfig> config = integration.flatMap(PortIntegration::configOf);
            if (config.isPresent()) {
                return config.get();
            }
        } catch (Exception e) {
            log.warn("cannot read the port app config from Port for the resync ({}); using the last good one",
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            return current.get();
        }
        return current.get();
    }

    @Override
    public List<EntityRef> owned() throws Exception {
        return client.ownedEntities().get(Math.max(timeoutSeconds, 60), TimeUnit.SECONDS);
    }

    @Override
    public boolean holds(Entity entity, PortAppConfig config) {
        // reading each batch back from Port would cost a search per 50 entities; Port is sent everything
        return false;
    }

    @Override
    public void report(ObjectNode state) {
        poller.reporting();
        JsonNode integration = null;
        try {
            integration = client.patchResyncState(identifier, state).get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("cannot report the resync state {} to Port: {}", state.path("status").asText(),
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        } finally {
            poller.reported(integration);
        }
    }
}
