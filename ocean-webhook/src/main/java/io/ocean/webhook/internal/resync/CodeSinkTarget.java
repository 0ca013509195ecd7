package io.ocean.webhook.internal.resync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.Entity;
import io.ocean.core.EntityRef;
import io.ocean.core.config.PortAppConfig;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A sink set in code as a resync's target: entities are written, but nothing tells what it owns, so none go. */
final class CodeSinkTarget implements ResyncTarget {

    private final Supplier<PortAppConfig> config;

    CodeSinkTarget(Supplier<PortAppConfig> config) {
        this.config = config;
    }

    @Override
    public PortAppConfig freshConfig() {
        return config.get();
    }

    @Override
    public List<EntityRef> owned() {
        return null;
    }

    @Override
    public Predicate<Entity> unchanged(List<Entity> batch, PortAppConfig config) {
        return entity -> false;
    }

    @Override
    public void report(ObjectNode state) {
    }
}
