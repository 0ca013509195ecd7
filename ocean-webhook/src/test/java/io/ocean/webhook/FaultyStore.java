package io.ocean.webhook;

import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.PathStats;
import io.ocean.webhook.store.ReplayResult;
import io.ocean.webhook.store.StoreSettings;
import io.ocean.webhook.store.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The real memory engine behind a plug-in {@link EventStore} that fails on request, the way a full disk or a lost
 * database connection would: for tests of what the runtime does when its store fails.
 */
final class FaultyStore implements EventStore {

    final EventStore engine = EventStores.memory();
    /** Dead-letter writes that throw, from the next one on. */
    final AtomicInteger failingDeadLetters = new AtomicInteger();
    /** Inserts that throw, from the next one on. */
    final AtomicInteger failingInserts = new AtomicInteger();
    /** Inserts that never complete, from the next one on. */
    final AtomicInteger hangingInserts = new AtomicInteger();
    /** When set, lease renewals answer that another worker took the claim over. */
    volatile boolean takenOver;
    /** When set, claims wait until their thread is interrupted, as a claim waiting for a slow disk would. */
    volatile boolean blockingClaims;
    /** When set, lease renewals wait for this latch, as a renewal waiting for a slow disk would. */
    volatile java.util.concurrent.CountDownLatch hangingRenewals;
    /** Counted down by each renewal that starts waiting on {@link #hangingRenewals}. */
    final java.util.concurrent.CountDownLatch renewalHung = new java.util.concurrent.CountDownLatch(1);
    /** When above 0, a resume waits this long after the store handed out the new claim, before it returns. */
    volatile long stalledResumeMillis;
    /** The {@code max} of every claim, in order. */
    final java.util.List<Integer> claimSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What the store held on each path when it was closed. */
    volatile long heldAtClose = -1;

    @Override
    public void open(StoreSettings settings) {
        engine.open(settings);
    }

    @Override
    public CompletionStage<InsertResult> insert(NewEvent event) {
        if (hangingInserts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new CompletableFuture<>();
        }
        if (failingInserts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("disk full"));
        }
        return engine.insert(event);
    }

    @Override
    public boolean deadLetter(Claim claim, String reason) {
        if (failingDeadLetters.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("disk full");
        }
        return engine.deadLetter(claim, reason);
    }

    @Override
    public void close() {
        heldAtClose = engine.stats("/webhook").held();
        engine.close();
    }

    @Override
    public void restore(StoredEvent event) {
        engine.restore(event);
    }

    @Override
    public List<Claim> claim(String path, int max, Duration lease) {
        if (blockingClaims) {
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.ocean.webhook.store.EventStoreException("interrupted while waiting for the event store", e);
            }
        }
        claimSizes.add(max);
        return engine.claim(path, max, lease);
    }

    @Override
    public boolean renew(Claim claim, Duration lease) {
        java.util.concurrent.CountDownLatch hang = hangingRenewals;
        if (hang != null) {
            renewalHung.countDown();
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.ocean.webhook.store.EventStoreException("interrupted while renewing", e);
            }
        }
        return !takenOver && engine.renew(claim, lease);
    }

    @Override
    public boolean complete(Claim claim) {
        return engine.complete(claim);
    }

    @Override
    public boolean waitForRetry(Claim claim, int attempts, Instant nextAttemptAt, String error) {
        return engine.waitForRetry(claim, attempts, nextAttemptAt, error);
    }

    @Override
    public int recover() {
        return engine.recover();
    }

    @Override
    public Optional<Claim> resume(Claim waiting, Duration lease) {
        Optional<Claim> resumed = engine.resume(waiting, lease);
        if (stalledResumeMillis > 0) {
            try {
                Thread.sleep(stalledResumeMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return resumed;
    }

    @Override
    public boolean release(Claim claim, boolean ran) {
        return engine.release(claim, ran);
    }

    @Override
    public Optional<Instant> nextDue(String path) {
        return engine.nextDue(path);
    }

    @Override
    public List<StoredEvent> deadLetters(String path, int limit) {
        return engine.deadLetters(path, limit);
    }

    @Override
    public Optional<StoredEvent> find(String traceId) {
        return engine.find(traceId);
    }

    @Override
    public ReplayResult replay(String traceId) {
        return engine.replay(traceId);
    }

    @Override
    public PathStats stats(String path) {
        return engine.stats(path);
    }

    @Override
    public long purgeDeliveryIds() {
        return engine.purgeDeliveryIds();
    }

    @Override
    public Optional<Duration> pollInterval() {
        return engine.pollInterval();
    }

    @Override
    public void onNewEvents(Consumer<String> listener) {
        engine.onNewEvents(listener);
    }
}
