package io.ocean.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;

/**
 * Yields every raw item of a kind for a resync, as a lazy stream of batches: one batch per page of the third-party
 * API is the intended shape, so memory does not grow with the number of items. The stream is consumed one batch at a
 * time and closed at the end (also when the resync stops early), so a handler can release connections in
 * {@link Stream#onClose(Runnable)}. Build the stream from an {@link java.util.Iterator} or with
 * {@code Stream.iterate}/{@code generate} and {@code takeWhile}; avoid {@code flatMap} over pages, which reads each
 * inner stream whole when one of its elements is pulled.
 *
 * <pre>{@code
 * ocean.onResync("issue", kind -> Stream.iterate(1, page -> page + 1)
 *         .map(page -> github.issues(page))          // one API call per batch, made when the batch is pulled
 *         .takeWhile(batch -> !batch.isEmpty()));
 * }</pre>
 */
@FunctionalInterface
public interface ResyncHandler {

    /**
     * The raw items of {@code kind}, in batches. Throwing, here or while the stream is consumed, fails the kind:
     * batches already yielded stay applied, other kinds go on, and the kind's blueprints keep their stale entities.
     */
    Stream<List<JsonNode>> resync(String kind) throws Exception;

    /**
     * A handler called once per resource of the kind with its {@link io.ocean.core.config.ResourceConfig} (kind,
     * selector, mapping); each call's batches are mapped with that resource only. Ocean calls the per-resource form;
     * {@link #resync(String)} of the returned handler throws {@link UnsupportedOperationException}.
     */
    static ResyncHandler forEachResource(ResourceResyncHandler handler) {
        java.util.Objects.requireNonNull(handler, "handler");
        return new io.ocean.webhook.internal.resync.PerResourceHandler(handler);
    }
}
