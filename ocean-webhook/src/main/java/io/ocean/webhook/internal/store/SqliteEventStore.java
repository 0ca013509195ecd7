package io.ocean.webhook.internal.store;

import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventStore;
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
import java.util.concurrent.CompletionStage;

/** Placeholder until the engine lands: every call fails. */
public final class SqliteEventStore implements EventStore {

    private static UnsupportedOperationException notYet() {
        return new UnsupportedOperationException("SqliteEventStore is being built");
    }

    @Override public void open(StoreSettings settings) { throw notYet(); }
    @Override public CompletionStage<InsertResult> insert(NewEvent event) { throw notYet(); }
    @Override public void restore(StoredEvent event) { throw notYet(); }
    @Override public List<Claim> claim(String path, int max, Duration lease) { throw notYet(); }
    @Override public boolean renew(Claim claim, Duration lease) { throw notYet(); }
    @Override public boolean complete(Claim claim) { throw notYet(); }
    @Override public boolean waitForRetry(Claim claim, int attempts, Instant nextAttemptAt, String error) { throw notYet(); }
    @Override public boolean deadLetter(Claim claim, String reason) { throw notYet(); }
    @Override public int recover() { throw notYet(); }
    @Override public Optional<Instant> nextDue(String path) { throw notYet(); }
    @Override public List<StoredEvent> deadLetters(String path, int limit) { throw notYet(); }
    @Override public Optional<StoredEvent> find(String traceId) { throw notYet(); }
    @Override public ReplayResult replay(String traceId) { throw notYet(); }
    @Override public PathStats stats(String path) { throw notYet(); }
    @Override public long purgeDeliveryIds() { throw notYet(); }
    @Override public void close() { }
}
