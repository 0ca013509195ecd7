package io.ocean.webhook.internal.port;

import io.ocean.core.Entity;
import io.ocean.core.EntityChanges;
import io.ocean.core.EntityRef;
import io.ocean.core.ResourceRawResults;
import io.ocean.core.config.ResourceConfig;
import io.ocean.jq.JqEntityMapper;
import io.ocean.jq.MappingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns raw results into entity changes with jq: updated items that pass the selector are upserted, those that
 * fail it deleted; deleted items are deleted whether or not they pass (a broken selector yields neither); deleted
 * identifiers are deleted in the resource's blueprint whatever its identifier mapping. When one event both upserts
 * and deletes an entity, the upsert wins.
 */
public final class EntityChangeMapper {

    private static final Logger log = LoggerFactory.getLogger(EntityChangeMapper.class);

    private final JqEntityMapper mapper;

    /** Maps with this mapper. */
    public EntityChangeMapper(JqEntityMapper mapper) {
        this.mapper = mapper;
    }

    /** The changes of all results of one event. */
    public EntityChanges changes(List<ResourceRawResults> results) {
        Map<EntityRef, Entity> upserts = new LinkedHashMap<>();
        List<Entity> searchUpserts = new ArrayList<>();
        Set<EntityRef> deletes = new LinkedHashSet<>();
        for (ResourceRawResults result : results) {
            ResourceConfig resource = result.resourceConfig();
            if (!result.rawResults().updatedRawResults().isEmpty()) {
                MappingResult updated = mapper.map(resource, result.rawResults().updatedRawResults());
                report(resource, "updated", updated);
                for (Entity entity : updated.passed()) {
                    if (entity.hasSearchIdentifier()) {
                        searchUpserts.add(entity);
                    } else {
                        upserts.put(EntityRef.of(entity), entity);
                    }
                }
                updated.failed().forEach(entity -> delete(entity, deletes));
            }
            if (!result.rawResults().deletedRawResults().isEmpty()) {
                MappingResult deleted = mapper.map(resource, result.rawResults().deletedRawResults());
                report(resource, "deleted", deleted);
                deleted.passed().forEach(entity -> delete(entity, deletes));
                deleted.failed().forEach(entity -> delete(entity, deletes));
            }
            if (!result.rawResults().deletedIdentifiers().isEmpty()) {
                deletes.addAll(DeletedIdentifiers.refs(mapper, resource, result.rawResults().deletedIdentifiers()));
                List<com.fasterxml.jackson.databind.JsonNode> lastSeen =
                        DeletedIdentifiers.lastSeen(result.rawResults().deletedIdentifiers());
                if (!lastSeen.isEmpty()) {
                    // the entity the current mapping names for the item, in case it differs from the given one
                    MappingResult mapped = mapper.map(resource, lastSeen);
                    mapped.passed().forEach(entity -> delete(entity, deletes));
                    mapped.failed().forEach(entity -> delete(entity, deletes));
                }
            }
        }
        deletes.removeAll(upserts.keySet());
        List<Entity> allUpserts = new ArrayList<>(upserts.values());
        allUpserts.addAll(searchUpserts);
        return new EntityChanges(allUpserts, List.copyOf(deletes));
    }

    private static void delete(Entity entity, Set<EntityRef> deletes) {
        if (entity.hasSearchIdentifier()) {
            log.warn("cannot delete a {} identified by a search; skipped", entity.blueprint());
            return;
        }
        deletes.add(EntityRef.of(entity));
    }

    private static void report(ResourceConfig resource, String which, MappingResult result) {
        log.info("mapped {} {} item(s) of kind {}: {} selected, {} not selected, {} skipped, {} error(s)",
                result.passed().size() + result.failed().size() + result.skipped(), which, resource.kind(),
                result.passed().size(), result.failed().size(), result.skipped(), result.errors().size());
    }
}
