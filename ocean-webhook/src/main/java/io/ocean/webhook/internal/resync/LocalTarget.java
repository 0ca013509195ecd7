package io.ocean.webhook.internal.resync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.Entity;
import io.ocean.core.EntityRef;
import io.ocean.core.LocalCatalog;
import io.ocean.core.config.PortAppConfig;
import java.util.List;
import java.util.function.Predicate;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local catalog as a resync's target: every entity in it belongs to this integration; identical entities are
 * not written again (the file only grows with real changes), and the file is compacted after stale entities go.
 */
final class LocalTarget implements ResyncTarget {

    private static final Logger log = LoggerFactory.getLogger(LocalTarget.class);

    private final LocalCatalog catalog;
    private final Supplier<PortAppConfig> config;

    LocalTarget(LocalCatalog catalog, Supplier<PortAppConfig> config) {
        this.catalog = catalog;
        this.config = config;
    }

    @Override
    public PortAppConfig freshConfig() {
        return config.get();
    }

    @Override
    public List<EntityRef> owned() {
        return catalog.entities().stream().map(EntityRef::of).toList();
    }

    @Override
    public Predicate<Entity> unchanged(List<Entity> batch, PortAppConfig config) {
        return entity -> holds(entity, config);
    }

    private boolean holds(Entity entity, PortAppConfig config) {
        if (entity.hasSearchIdentifier()) {
            return false;
        }
        Entity held = catalog.entity(entity.blueprint(), entity.identifierText()).orElse(null);
        if (held == null) {
            return false;
        }
        if (!config.enableMergeEntity()) {
            return held.equals(entity);
        }
        // a merge changes nothing when every field the update sets already has that value
        return (entity.title() == null || entity.title().equals(held.title()))
                && (entity.team() == null || entity.team().equals(held.team()))
                && (entity.icon() == null || entity.icon().equals(held.icon()))
                && contains(held.properties(), entity.properties()) && contains(held.relations(), entity.relations());
    }

    private static boolean contains(Map<String, JsonNode> held, Map<String, JsonNode> update) {
        return update.entrySet().stream().allMatch(e -> held.containsKey(e.getKey())
                && Objects.equals(held.get(e.getKey()), e.getValue()));
    }

    @Override
    public void report(ObjectNode state) {
        log.debug("resync state (local catalog, not reported): {}", state);
    }

    @Override
    public void afterDeletion() {
        catalog.compact();
    }
}
