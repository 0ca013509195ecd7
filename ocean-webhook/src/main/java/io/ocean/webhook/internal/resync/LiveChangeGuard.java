package io.ocean.webhook.internal.resync;

import io.ocean.core.Entity;
import io.ocean.core.EntityChanges;
import io.ocean.core.EntityRef;
import io.ocean.core.EntitySink;
import io.ocean.core.config.PortAppConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink live events and resyncs share, so that they never undo each other. Every change gets a number from one
 * clock; while a resync runs, the number of each entity's last live change is kept. A resync batch carries the
 * number read before it was pulled from the handler, and its change of an entity is dropped when a live event
 * changed that entity later; a stale delete is dropped when a live event changed the entity since the resync began.
 *
 * <p>The check and the hand-over to the sink happen under one lock: the sink fixes each entity's order when
 * {@code applyAsync} is called (PortSink chains the change after the entity's previous one before returning), so no
 * live change can slip between a resync's check and its enqueue. For a sink set in code (user code) the lock is not
 * held across the call, by the rule that user code never runs under our locks; the check then stays best effort.
 */
public final class LiveChangeGuard implements EntitySink {

    /** What a resync handed to the sink: the changes kept, how many were dropped, and the sink's stage. */
    public record Applied(EntityChanges kept, int dropped, CompletableFuture<Void> done) {
    }

    private final EntitySink delegate;
    private final boolean serialize;
    private final Object order = new Object();
    private final AtomicLong clock = new AtomicLong();
    private final Map<EntityRef, Long> liveChanges = new ConcurrentHashMap<>();
    private volatile long recordingSince = -1;

    /** Guards {@code delegate}; {@code ours} says it is one of our sinks, safe to call under the lock. */
    public LiveChangeGuard(EntitySink delegate, boolean ours) {
        this.delegate = delegate;
        this.serialize = ours;
    }

    /** The guarded sink. */
    public EntitySink delegate() {
        return delegate;
    }

    @Override
    public void apply(EntityChanges changes, PortAppConfig config) throws Exception {
        applyAsync(changes, config).toCompletableFuture().get();
    }

    /** A live change: recorded while a resync runs, then handed to the sink. */
    @Override
    public CompletionStage<Void> applyAsync(EntityChanges changes, PortAppConfig config) {
        if (!serialize) {
            record(changes);
            return delegate.applyAsync(changes, config);
        }
        synchronized (order) {
            record(changes);
            return delegate.applyAsync(changes, config);
        }
    }

    /** Starts keeping live changes for a resync; returns the resync's starting number. */
    public long beginResync() {
        synchronized (order) {
            liveChanges.clear();
            long start = clock.incrementAndGet();
            recordingSince = start;
            return start;
        }
    }

    /** Stops keeping live changes: nothing remembers them between resyncs. */
    public void endResync() {
        recordingSince = -1;
        liveChanges.clear();
    }

    /** The number a resync batch carries: read before the batch is pulled from the handler. */
    public long stamp() {
        return clock.incrementAndGet();
    }

    /** Whether a live event changed the entity after {@code stamp} (a racy peek, for counting before deleting). */
    public boolean changedAfter(EntityRef ref, long stamp) {
        Long last = liveChanges.get(ref);
        return last != null && last > stamp;
    }

    /** Applies a resync batch pulled at {@code stamp}, without the entities live events changed since. */
    public Applied applyResync(EntityChanges changes, PortAppConfig config, long stamp) {
        if (!serialize) {
            return keepAndApply(changes, config, stamp);
        }
        synchronized (order) {
            return keepAndApply(changes, config, stamp);
        }
    }

    private Applied keepAndApply(EntityChanges changes, PortAppConfig config, long stamp) {
        List<Entity> upserts = new ArrayList<>(changes.upserts().size());
        for (Entity entity : changes.upserts()) {
            if (entity.hasSearchIdentifier() || !changedAfter(EntityRef.of(entity), stamp)) {
                upserts.add(entity);
            }
        }
        List<EntityRef> deletes = new ArrayList<>(changes.deletes().size());
        for (EntityRef ref : changes.deletes()) {
            if (!changedAfter(ref, stamp)) {
                deletes.add(ref);
            }
        }
        EntityChanges kept = new EntityChanges(upserts, deletes);
        int dropped = changes.upserts().size() + changes.deletes().size() - upserts.size() - deletes.size();
        if (kept.isEmpty()) {
            return new Applied(kept, dropped, CompletableFuture.completedFuture(null));
        }
        CompletableFuture<Void> done;
        try {
            done = delegate.applyAsync(kept, config).toCompletableFuture();
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        return new Applied(kept, dropped, done);
    }

    private void record(EntityChanges changes) {
        if (recordingSince < 0) {
            return;
        }
        long now = clock.incrementAndGet();
        for (Entity entity : changes.upserts()) {
            if (!entity.hasSearchIdentifier()) {
                liveChanges.put(EntityRef.of(entity), now);
            }
        }
        for (EntityRef ref : changes.deletes()) {
            liveChanges.put(ref, now);
        }
    }
}
