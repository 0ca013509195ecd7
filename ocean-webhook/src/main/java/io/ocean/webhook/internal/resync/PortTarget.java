package io.ocean.webhook.internal.resync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.Entity;
import io.ocean.core.EntityRef;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.port.PortClient;
import io.ocean.webhook.internal.port.PortIntegration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
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
        // one search lists every owned entity: allow it far longer than a single write
        return client.ownedEntities().get(Math.max(timeoutSeconds * 10, 300), TimeUnit.SECONDS);
    }

    /** One search per blueprint and 50 identifiers, all in flight at once, as the Python framework compares. */
    @Override
    public Predicate<Entity> unchanged(List<Entity> batch, PortAppConfig config) throws Exception {
        Map<String, List<String>> byBlueprint = new LinkedHashMap<>();
        batch.stream().filter(e -> !e.hasSearchIdentifier()).forEach(e -> byBlueprint.computeIfAbsent(e.blueprint(),
                b -> new ArrayList<>()).add(e.identifierText()));
        Map<String, CompletableFuture<List<JsonNode>>> searches = new LinkedHashMap<>();
        byBlueprint.forEach((blueprint, ids) -> searches.put(blueprint, client.searchEntities(blueprint, ids)));
        Map<EntityRef, JsonNode> held = new HashMap<>();
        for (Map.Entry<String, CompletableFuture<List<JsonNode>>> search : searches.entrySet()) {
            for (JsonNode entity : search.getValue().get(timeoutSeconds, TimeUnit.SECONDS)) {
                held.put(new EntityRef(search.getKey(), entity.path("identifier").asText()), entity);
            }
        }
        return entity -> !entity.hasSearchIdentifier()
                && SameEntity.same(entity, held.get(EntityRef.of(entity)), config.enableMergeEntity());
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
