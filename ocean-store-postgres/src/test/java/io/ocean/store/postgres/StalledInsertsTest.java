package io.ocean.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.InsertResult.Status;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.PendingInsert;
import io.ocean.webhook.store.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Inserts on PostgreSQL while a writer is stalled by another transaction's lock: delivery ids taken in one order by
 * every writer (no deadlock), a withdrawn insert never committed, and what waits for the writers bounded by bytes.
 */
class StalledInsertsTest extends TwoProcesses {

    /** Another transaction locks a key's row: a writer inserting on that key waits for it. */
    private Connection lockKey(String key) throws SQLException {
        Connection blocker = PostgresAvailable.connect();
        blocker.setAutoCommit(false);
        try (PreparedStatement ps = blocker.prepareStatement(
                "SELECT 1 FROM \"" + schema + "\".keys WHERE path = '/webhook' AND group_key = ? FOR UPDATE")) {
            ps.setString(1, key);
            ps.executeQuery().close();
        }
        return blocker;
    }

    /** Another transaction inserts a delivery id and does not commit: a writer remembering that id waits for it. */
    private Connection holdDeliveryId(String id) throws SQLException {
        Connection blocker = PostgresAvailable.connect();
        blocker.setAutoCommit(false);
        try (PreparedStatement ps = blocker.prepareStatement("INSERT INTO \"" + schema
                + "\".delivery_ids (path, delivery_id, trace_id, seen_at) VALUES ('/webhook', ?, 'blocker', now())")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        return blocker;
    }

    private static void release(Connection blocker) throws SQLException {
        blocker.rollback();
        blocker.close();
    }

    /** Polls until at least {@code n} statements on this test's schema wait for a lock. */
    private void awaitLockWaits(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection watcher = PostgresAvailable.connect();
             PreparedStatement ps = watcher.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE wait_event_type = 'Lock' AND query LIKE ?")) {
            ps.setString(1, "%" + schema + "%");
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= n) {
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("%d writers wait for a lock", n).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    private static NewEvent delivery(String key, String id) {
        return event("/webhook", key, id, "{\"id\":\"" + id + "\"}");
    }

    private static List<CompletableFuture<InsertResult>> insertAll(EventStore store, NewEvent... events) {
        List<CompletableFuture<InsertResult>> all = new ArrayList<>();
        for (NewEvent event : events) {
            all.add(store.insert(event).toCompletableFuture());
        }
        return all;
    }

    @Test
    void twoWritersWithTheSameDeliveryIdsInOppositeOrderDoNotDeadlock() throws Exception {
        insert(storeA, event("plug", "{}"));
        Connection plug = lockKey("plug");
        // Both writers of both processes wait on the plug, so each process's three deliveries queue up and are
        // written by one writer in one transaction, in the order given.
        List<CompletableFuture<InsertResult>> plugs = new ArrayList<>();
        plugs.add(storeA.insert(event("plug", "1")).toCompletableFuture());
        awaitLockWaits(1);
        plugs.add(storeA.insert(event("plug", "2")).toCompletableFuture());
        awaitLockWaits(2);
        plugs.add(storeB.insert(event("plug", "3")).toCompletableFuture());
        awaitLockWaits(3);
        plugs.add(storeB.insert(event("plug", "4")).toCompletableFuture());
        awaitLockWaits(4);
        // "c" is held by a third transaction: each writer takes its first id, then waits for "c"; whoever gets "c"
        // next wants the other's first id.
        Connection middle = holdDeliveryId("c");
        List<CompletableFuture<InsertResult>> byA = insertAll(storeA,
                delivery("ka", "a"), delivery("kc", "c"), delivery("kb", "b"));
        List<CompletableFuture<InsertResult>> byB = insertAll(storeB,
                delivery("kb", "b"), delivery("kc", "c"), delivery("ka", "a"));
        release(plug);
        for (CompletableFuture<InsertResult> done : plugs) {
            done.get(30, TimeUnit.SECONDS);
        }
        awaitLockWaits(2);

        release(middle);

        List<Status> statuses = new ArrayList<>();
        for (CompletableFuture<InsertResult> result : concat(byA, byB)) {
            statuses.add(result.get(60, TimeUnit.SECONDS).status());
        }
        assertThat(statuses).as("no batch failed (a deadlock is a 503 for all of it)")
                .containsOnly(Status.ACCEPTED, Status.DUPLICATE);
        assertThat(statuses).filteredOn(Status.ACCEPTED::equals).hasSize(3);
    }

    @Test
    void anInsertWithdrawnWhileItsWriterIsStalledIsNeverCommitted() throws Exception {
        insert(storeA, event("plug", "{}"));
        Connection plug = lockKey("plug");
        NewEvent late = event("plug", "late");
        PendingInsert stalled = (PendingInsert) storeA.insert(late).toCompletableFuture();
        awaitLockWaits(1);

        assertThat(stalled.cancel(false)).as("the edge's timeout withdraws it").isTrue();
        release(plug);

        assertThat(insert(storeA, event("plug", "next")).status()).isEqualTo(Status.ACCEPTED);
        assertThat(storeA.find(late.traceId())).as("withdrawn, never committed").isEmpty();
        assertThat(storeA.stats("/webhook").held()).isEqualTo(2);
    }

    @Test
    void whatWaitsForAStalledWriterIsBoundedByBytesAndNothingIsBufferedPastIt() throws Exception {
        EventStore small = EventStores.postgres(PostgresAvailable.URL, PostgresAvailable.USER, null, schema);
        small.open(new StoreSettings(Path.of("target", "state"), 10_000, 1_000, 10_000, 256L * 1024 * 1024,
                Duration.ofMinutes(10), clockA));
        try {
            insert(small, event("plug", "{}"));
            Connection plug = lockKey("plug");
            String padded = "{\"pad\":\"" + "x".repeat(400) + "\"}";
            CompletableFuture<InsertResult> first = small.insert(event("plug", padded)).toCompletableFuture();
            awaitLockWaits(1);
            CompletableFuture<InsertResult> second = small.insert(event("plug", padded)).toCompletableFuture();
            NewEvent third = event("plug", padded);

            InsertResult refused = small.insert(third).toCompletableFuture().get(1, TimeUnit.SECONDS);

            assertThat(refused.status()).as("refused at once, not queued").isEqualTo(Status.FULL_BYTES);
            release(plug);
            assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(Status.ACCEPTED);
            assertThat(second.get(30, TimeUnit.SECONDS).status()).isEqualTo(Status.ACCEPTED);
            assertThat(small.find(third.traceId())).isEmpty();
        } finally {
            small.close();
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

}
