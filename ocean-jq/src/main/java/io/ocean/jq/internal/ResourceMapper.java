package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.Entity;
import io.ocean.core.config.ResourceConfig;
import io.ocean.core.config.Selector;
import io.ocean.jq.MappingResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The mapping of one batch of items with one resource config. */
public final class ResourceMapper {

    private final JqRuntime runtime;
    private final Duration itemTimeout;
    private final OnceLog onceLog = new OnceLog();

    /** A mapper whose runtime allows environment access or not, with a limit per item. */
    public ResourceMapper(boolean allowEnvironment, Duration itemTimeout) {
        this.runtime = new JqRuntime(allowEnvironment, itemTimeout);
        this.itemTimeout = itemTimeout;
    }

    /** Expands, selects and maps the items. */
    public MappingResult map(ResourceConfig resource, List<JsonNode> items) {
        MappingBatch batch = new MappingBatch(runtime, itemTimeout, resource.kind(), onceLog);
        List<Entity> passed = new ArrayList<>();
        List<Entity> failed = new ArrayList<>();
        int skipped = 0;
        String query = resource.selector().query();
        boolean selectAll = query.trim().equals(Selector.DEFAULT_QUERY);
        for (JsonNode item : ItemExpander.expand(resource.port(), items, batch)) {
            batch.startItem();
            boolean selected = true;
            if (!selectAll) {
                JsonNode verdict = batch.evalRequired("selector.query", query, item, JsonNode::isBoolean, "a boolean");
                if (verdict == null) {
                    continue;
                }
                selected = verdict.asBoolean();
            }
            Entity entity = EntityBuilder.build(resource.port().entity().mappings(), item, batch);
            if (entity == null) {
                skipped++;
            } else {
                (selected ? passed : failed).add(entity);
            }
        }
        return new MappingResult(passed, failed, batch.errors(), skipped);
    }
}
