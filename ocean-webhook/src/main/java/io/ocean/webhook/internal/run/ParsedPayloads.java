package io.ocean.webhook.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.WebhookEvent;
import io.ocean.webhook.store.StoredEvent;
import java.lang.ref.SoftReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The payload trees the edge parsed, kept by trace id from just before the store's insert to the event's first
 * claim in this process, so that the worker does not parse the same body a second time (that second parse was a
 * sixth of the end-to-end benchmark's CPU, two thirds of a worker's). This is what the in-memory design before the
 * store did: the worker sees the very tree the edge's processors saw, as it was then.
 *
 * <p>Only a hint: a tree that is not here (a restart, an event claimed by another process, one the cache had no room
 * for, or one the garbage collector dropped: the trees are softly held) is parsed from the stored body as before.
 * Bounded in trees and in body bytes; when full, new trees are not kept (the oldest events are claimed first, and
 * they are the ones kept). An event the store did not accept (503, duplicate) is forgotten at once; entries no
 * claim took (another process's, say) are swept once they are old.
 */
final class ParsedPayloads {

    /** Trees kept per path at most. */
    static final int MAX_TREES = 1024;
    /** Body bytes of the kept trees per path at most (a tree is about twice its body on the heap). */
    static final long MAX_BODY_BYTES = 32L * 1024 * 1024;
    /** A tree no claim took within this long is swept when the cache is full. */
    private static final long MAX_AGE_NANOS = 10L * 60 * 1_000_000_000L;
    private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

    private record Kept(SoftReference<JsonNode> payload, int bodyLength, long keptAtNanos) {
    }

    private final ConcurrentHashMap<String, Kept> byTraceId = new ConcurrentHashMap<>();
    private final AtomicLong bodyBytes = new AtomicLong();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());
    private final int maxTrees;
    private final long maxBodyBytes;

    ParsedPayloads() {
        this(MAX_TREES, MAX_BODY_BYTES);
    }

    ParsedPayloads(int maxTrees, long maxBodyBytes) {
        this.maxTrees = maxTrees;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** On the request thread, before the insert: keeps the event's tree, if there is room, until its claim. */
    void keep(WebhookEvent event) {
        if (!roomFor(event.rawBodyLength())) {
            return;
        }
        Kept kept = new Kept(new SoftReference<>(event.payload()), event.rawBodyLength(), System.nanoTime());
        if (byTraceId.putIfAbsent(event.traceId(), kept) == null) {
            bodyBytes.addAndGet(kept.bodyLength());
        }
    }

    /** At the event's claim: the tree the edge parsed from its body, or null (parse it). Forgets it either way. */
    JsonNode take(StoredEvent stored) {
        Kept kept = byTraceId.remove(stored.traceId());
        if (kept == null) {
            return null;
        }
        bodyBytes.addAndGet(-kept.bodyLength());
        JsonNode payload = kept.payload().get();
        // the same trace id is the same event; the length is a cheap guard against a store that changed the body
        return payload != null && kept.bodyLength() == stored.body().length ? payload : null;
    }

    /** How many trees are kept now. */
    int size() {
        return byTraceId.size();
    }

    /** On the request thread, when the store did not accept the event: no claim will take its tree. */
    void forget(String traceId) {
        Kept kept = byTraceId.remove(traceId);
        if (kept != null) {
            bodyBytes.addAndGet(-kept.bodyLength());
        }
    }

    private boolean roomFor(int length) {
        if (byTraceId.size() < maxTrees && bodyBytes.get() + length <= maxBodyBytes) {
            return true;
        }
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (now - last > SWEEP_EVERY_NANOS && lastSweep.compareAndSet(last, now)) {
            byTraceId.forEach((traceId, kept) -> {
                if (now - kept.keptAtNanos() > MAX_AGE_NANOS || kept.payload().get() == null) {
                    if (byTraceId.remove(traceId, kept)) {
                        bodyBytes.addAndGet(-kept.bodyLength());
                    }
                }
            });
        }
        return byTraceId.size() < maxTrees && bodyBytes.get() + length <= maxBodyBytes;
    }
}
