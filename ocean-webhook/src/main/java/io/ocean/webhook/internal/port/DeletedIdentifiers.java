package io.ocean.webhook.internal.port;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.DeletedIdentifier;
import io.ocean.core.Entity;
import io.ocean.core.EntityRef;
import io.ocean.core.config.EntityMapping;
import io.ocean.core.config.PortResourceConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.core.config.Selector;
import io.ocean.core.internal.Json;
import io.ocean.jq.JqEntityMapper;
import io.ocean.jq.MappingResult;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the entities of {@link DeletedIdentifier}s: the identifier as given, in the blueprint the resource's
 * mapping names for the last-seen item (or for {@code {}}). Only the blueprint expression runs: the identifier
 * mapping may have been edited in Port, and a stub item would not satisfy it.
 */
final class DeletedIdentifiers {

    private static final Logger log = LoggerFactory.getLogger(DeletedIdentifiers.class);
    // a constant identifier keeps the jq cache at one program, whatever the identifiers deleted
    private static final String PLACEHOLDER = "\"deleted\"";

    private DeletedIdentifiers() {
    }

    /** The entity keys to delete, in order; a gone item whose blueprint cannot be evaluated is logged and skipped. */
    static List<EntityRef> refs(JqEntityMapper mapper, ResourceConfig resource, List<DeletedIdentifier> gone) {
        EntityMapping mapping = resource.port().entity().mappings();
        ResourceConfig blueprintOnly = new ResourceConfig(resource.kind(), Selector.all(),
                PortResourceConfig.of(EntityMapping.in(mapping.blueprint(), PLACEHOLDER)));
        List<JsonNode> items = new ArrayList<>(gone.size());
        for (DeletedIdentifier item : gone) {
            items.add(item.lastSeen() == null ? Json.MAPPER.createObjectNode() : item.lastSeen());
        }
        List<EntityRef> refs = new ArrayList<>(gone.size());
        // map one by one: an item without a blueprint is skipped, and the results must line up with the identifiers
        for (int i = 0; i < gone.size(); i++) {
            MappingResult mapped = mapper.map(blueprintOnly, List.of(items.get(i)));
            List<Entity> entities = mapped.passed();
            if (entities.size() != 1) {
                log.warn("kind {}: cannot delete {}: the blueprint expression {} gave no blueprint{}", resource.kind(),
                        gone.get(i).identifier(), mapping.blueprint(), gone.get(i).lastSeen() == null
                                ? " for {} (pass the item last seen with the identifier)" : "");
                continue;
            }
            refs.add(new EntityRef(entities.get(0).blueprint(), gone.get(i).identifier()));
        }
        return refs;
    }

    /** The last-seen items, to delete the entities their current mapping identifies as well. */
    static List<JsonNode> lastSeen(List<DeletedIdentifier> gone) {
        List<JsonNode> items = new ArrayList<>();
        gone.forEach(item -> {
            if (item.lastSeen() != null) {
                items.add(item.lastSeen());
            }
        });
        return items;
    }
}
