package io.ocean.webhook.internal.port;

import io.ocean.core.Entity;
import io.ocean.core.EntityChanges;
import io.ocean.core.EntityRef;
import io.ocean.core.EntitySink;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.internal.RefusedEntitiesException;
import io.ocean.core.port.EntityOutcome;
import io.ocean.core.port.PortClient;
import io.ocean.core.port.UpsertResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies entity changes to Port. Upserts of events that finish close together share bulk requests (per blueprint
 * and flags, flushed at 20 entities or after the batch window); two changes of one entity are never reordered, as a
 * change waits for the previous change of the same entity to be acknowledged. Deletes remove owned entities only.
 * An event's stage completes when Port has acknowledged all its changes, and fails if any entity was refused.
 */
public final class PortSink implements EntitySink {

    private static final Logger log = LoggerFactory.getLogger(PortSink.class);
    private static final int BATCH = 20;

    private record BatchKey(String blueprint, boolean merge, boolean createMissing) {
    }

    private record Pending(Entity entity, CompletableFuture<EntityOutcome> outcome) {
    }

    private final PortClient client;
    private final ScheduledExecutorService scheduler;
    private final long windowMillis;
    private final Map<BatchKey, List<Pending>> pending = new LinkedHashMap<>();
    private final Map<EntityRef, CompletableFuture<?>> lastChange = new ConcurrentHashMap<>();

    /** A sink over the client; {@code scheduler} flushes batches after {@code windowMillis}. */
    public PortSink(PortClient client, ScheduledExecutorService scheduler, long windowMillis) {
        this.client = client;
        this.scheduler = scheduler;
        this.windowMillis = windowMillis;
    }

    @Override
    public void apply(EntityChanges changes, PortAppConfig config) throws Exception {
        applyAsync(changes, config).toCompletableFuture().get();
    }

    @Override
    public CompletionStage<Void> applyAsync(EntityChanges changes, PortAppConfig config) {
        List<CompletableFuture<EntityOutcome>> upserts = new ArrayList<>();
        for (Entity entity : changes.upserts()) {
            upserts.add(inOrder(entity.hasSearchIdentifier() ? null : EntityRef.of(entity),
                    () -> enqueue(entity, config)));
        }
        CompletableFuture<Void> deletes = changes.deletes().isEmpty() ? CompletableFuture.completedFuture(null)
                : deleteInOrder(changes.deletes(), config.deleteDependentEntities());
        return CompletableFuture.allOf(upserts.toArray(CompletableFuture[]::new)).thenCombine(deletes, (a, b) -> {
            List<String> refused = new ArrayList<>();
            for (CompletableFuture<EntityOutcome> upsert : upserts) {
                EntityOutcome outcome = upsert.join();
                if (!outcome.ok()) {
                    // logged by the event that made the change, with its trace id, from this exception's message
                    refused.add(outcome.entity().blueprint() + "/" + outcome.entity().identifierText() + ": "
                            + outcome.status() + " " + outcome.message());
                }
            }
            if (!refused.isEmpty()) {
                throw new RefusedEntitiesException(refused.size(), "Port refused " + refused.size() + " entit"
                        + (refused.size() == 1 ? "y" : "ies") + ": " + String.join("; ", refused));
            }
            return null;
        });
    }

    private CompletableFuture<Void> deleteInOrder(List<EntityRef> refs, boolean deleteDependents) {
        CompletableFuture<Void> turn = new CompletableFuture<>();
        CompletableFuture<Void> delete = turn
                .thenCompose(ignored -> client.deleteOwnedEntities(refs, deleteDependents))
                .thenAccept(result -> {
                    if (!result.notOwned().isEmpty()) {
                        log.info("left {} entit(ies) alone: absent or owned by another integration",
                                result.notOwned().size());
                    }
                });
        List<CompletableFuture<?>> previous = new ArrayList<>();
        for (EntityRef ref : refs) {
            CompletableFuture<?> before = swapLast(ref, delete);
            if (before != null) {
                previous.add(before);
            }
        }
        startAfter(CompletableFuture.allOf(previous.toArray(CompletableFuture[]::new)), turn);
        return delete;
    }

    /** Runs the change after the previous change of the same entity completed, and remembers it as the last one. */
    private <T> CompletableFuture<T> inOrder(EntityRef ref, java.util.function.Supplier<CompletableFuture<T>> change) {
        if (ref == null) {
            return change.get();
        }
        CompletableFuture<Void> turn = new CompletableFuture<>();
        CompletableFuture<T> next = turn.thenCompose(ignored -> change.get());
        CompletableFuture<?> previous = swapLast(ref, next);
        startAfter(previous == null ? CompletableFuture.completedFuture(null) : previous, turn);
        return next;
    }

    /**
     * Makes {@code change} the entity's last change and returns the one it follows, in one atomic step: a get and
     * a put let two concurrent changes both follow the same predecessor and go to Port together, in any order.
     */
    private CompletableFuture<?> swapLast(EntityRef ref, CompletableFuture<?> change) {
        List<CompletableFuture<?>> previous = new ArrayList<>(1);
        lastChange.compute(ref, (key, before) -> {
            if (before != null) {
                previous.add(before);
            }
            return change;
        });
        change.whenComplete((ignored, error) -> lastChange.remove(ref, change));
        return previous.isEmpty() ? null : previous.get(0);
    }

    /** Starts a change once its predecessors are done, whether they succeeded or not. */
    private static void startAfter(CompletableFuture<?> previous, CompletableFuture<Void> turn) {
        previous.whenComplete((ignored, error) -> turn.complete(null));
    }

    private CompletableFuture<EntityOutcome> enqueue(Entity entity, PortAppConfig config) {
        BatchKey key = new BatchKey(entity.blueprint(), config.enableMergeEntity(), config.createMissingRelatedEntities());
        CompletableFuture<EntityOutcome> outcome = new CompletableFuture<>();
        List<Pending> full = null;
        boolean first;
        synchronized (pending) {
            List<Pending> batch = pending.computeIfAbsent(key, k -> new ArrayList<>());
            first = batch.isEmpty();
            batch.add(new Pending(entity, outcome));
            if (batch.size() >= BATCH || windowMillis == 0) {
                full = pending.remove(key);
            }
        }
        if (full != null) {
            send(key, full);
        } else if (first) {
            scheduler.schedule(() -> flush(key), windowMillis, TimeUnit.MILLISECONDS);
        }
        return outcome;
    }

    private void flush(BatchKey key) {
        List<Pending> batch;
        synchronized (pending) {
            batch = pending.remove(key);
        }
        if (batch != null && !batch.isEmpty()) {
            send(key, batch);
        }
    }

    private void send(BatchKey key, List<Pending> batch) {
        List<Entity> entities = batch.stream().map(Pending::entity).toList();
        client.upsertEntities(entities, key.merge(), key.createMissing()).whenComplete((result, error) -> {
            if (error != null) {
                batch.forEach(p -> p.outcome().completeExceptionally(error));
                return;
            }
            complete(batch, result);
        });
    }

    private static void complete(List<Pending> batch, UpsertResult result) {
        Map<Entity, EntityOutcome> byEntity = new java.util.IdentityHashMap<>();
        result.outcomes().forEach(outcome -> byEntity.put(outcome.entity(), outcome));
        for (Pending p : batch) {
            EntityOutcome outcome = byEntity.get(p.entity());
            p.outcome().complete(outcome != null ? outcome
                    : new EntityOutcome(p.entity(), false, false, 0, "missing", "no outcome for this entity"));
        }
    }
}
