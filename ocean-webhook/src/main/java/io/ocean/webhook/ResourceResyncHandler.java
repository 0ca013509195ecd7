package io.ocean.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.config.ResourceConfig;
import java.util.List;
import java.util.stream.Stream;

/**
 * A resync handler that receives the resource config — kind, selector (its {@code query} and the integration's own
 * filters in {@code selector().extra()}) and mapping — so the mapping's filters can drive the listing. It is called
 * once per resource of the kind, and its batches are mapped with that resource only. Register it with
 * {@link ResyncHandler#forEachResource(ResourceResyncHandler)}:
 *
 * <pre>{@code
 * ocean.onResync("merge_request", ResyncHandler.forEachResource(resource -> gitlab.mergeRequests(
 *         resource.selector().extra("state") == null ? "opened" : resource.selector().extra("state").asText())));
 * }</pre>
 */
@FunctionalInterface
public interface ResourceResyncHandler {

    /** The raw items of the resource, in batches (the same contract as {@link ResyncHandler#resync(String)}). */
    Stream<List<JsonNode>> resync(ResourceConfig resource) throws Exception;
}
