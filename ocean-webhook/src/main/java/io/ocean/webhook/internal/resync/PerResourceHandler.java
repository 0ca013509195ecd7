package io.ocean.webhook.internal.resync;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.config.ResourceConfig;
import io.ocean.webhook.ResourceResyncHandler;
import io.ocean.webhook.ResyncHandler;
import java.util.List;
import java.util.stream.Stream;

/** A {@link ResyncHandler} that the resync calls once per resource config, with it. */
public final class PerResourceHandler implements ResyncHandler {

    private final ResourceResyncHandler handler;

    /** Wraps the per-resource handler. */
    public PerResourceHandler(ResourceResyncHandler handler) {
        this.handler = handler;
    }

    /** The batches of one resource. */
    Stream<List<JsonNode>> resync(ResourceConfig resource) throws Exception {
        return handler.resync(resource);
    }

    @Override
    public Stream<List<JsonNode>> resync(String kind) {
        throw new UnsupportedOperationException("a per-resource resync handler needs the resource config of " + kind);
    }
}
