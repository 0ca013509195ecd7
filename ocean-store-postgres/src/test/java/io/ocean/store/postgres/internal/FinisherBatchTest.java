package io.ocean.store.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.store.postgres.PostgresAvailable;
import io.ocean.testkit.MutableClock;
import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.InsertResult.Status;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.StoreSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The writes that end runs, queued by many workers at once while the finisher's writer is held up by a lock, go out
 * as one transaction, and each worker hears its own answer: a claim that was taken over is refused within the batch
 * while the others are written.
 */
@ExtendWith(PostgresAvailable.class)
class FinisherBatchTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);

    private String schema;
    private MutableClock clock;
    private PostgresEventStore store;

    @BeforeEach
    void open() {
        schema = PostgresAvailable.newSchema();
        clock = new MutableClock(START);
        store = new PostgresEventStore(PostgresSettings.of(PostgresAvailable.URL, PostgresAvailable.USER, null,
                schema));
        store.open(new StoreSettings(Path.of("target", "state"), 10_000, 256L << 20, 10_000, 256L << 20,
                Duration.ofMinutes(10), clock));
    }

    @AfterEach
    void close() {
        store.close();
        PostgresAvailable.dropSchema(schema);
    }

    private NewEvent event(String key) throws Exception {
        NewEvent event = new NewEvent("trace-" + key, "/webhook", key, null, START, Map.of(),
                ("{\"key\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(store.insert(event).toCompletableFuture().get(10, TimeUnit.SECONDS).status())
                .isEqualTo(Status.ACCEPTED);
        return event;
    }

    @Test
    void finishesQueuedTogetherCommitInOneTransactionEachWithItsOwnAnswer() throws Exception {
        event("k9");
        Claim stale = store.claim("/webhook", 1, LEASE).get(0);
        for (int i = 0; i < 9; i++) {
            event("k" + i);
        }
        event("k10");
        // k9's lease runs out and it is claimed again with the others: the first claim of it is now stale.
        clock.advance(LEASE.plusSeconds(1));
        Map<String, Claim> claims = new HashMap<>();
        for (Claim claim : store.claim("/webhook", 11, LEASE)) {
            claims.put(claim.event().groupKey(), claim);
        }
        assertThat(claims).hasSize(11);

        Finisher finisher = store.finisherForTests();
        // One thread per worker, as the runtime's workers each wait for their own write.
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newCachedThreadPool();
        try (Connection blocker = PostgresAvailable.connect()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement ps = blocker.prepareStatement("SELECT 1 FROM \"" + schema
                    + "\".keys WHERE group_key IN ('k0', 'k10') FOR UPDATE")) {
                ps.executeQuery().close();
            }
            // Each writer takes one of these (the second once the first writer waits) and waits for its key's lock.
            CompletableFuture<Boolean> first = run(workers, () -> store.complete(claims.get("k0")));
            await(() -> lockWaits() >= 1, "a finisher writer waits for k0's lock");
            CompletableFuture<Boolean> second = run(workers, () -> store.complete(claims.get("k10")));
            await(() -> lockWaits() >= 2, "both finisher writers wait for a lock");
            long batchesBefore = finisher.batches();

            Instant retryAt = START.plus(LEASE).plusSeconds(30);
            List<CompletableFuture<Boolean>> rest = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                Claim claim = claims.get("k" + i);
                rest.add(run(workers, () -> store.complete(claim)));
            }
            rest.add(run(workers, () -> store.waitForRetry(claims.get("k5"), 1, retryAt, "boom")));
            rest.add(run(workers, () -> store.deadLetter(claims.get("k6"), "gave up")));
            rest.add(run(workers, () -> store.release(claims.get("k7"), true)));
            rest.add(run(workers, () -> store.complete(claims.get("k8"))));
            CompletableFuture<Boolean> staleAnswer = run(workers, () -> store.complete(stale));
            CompletableFuture<Boolean> freshK9 = run(workers, () -> store.complete(claims.get("k9")));
            await(() -> finisher.queued() == 10, "ten finishes queued behind the blocked ones");

            blocker.rollback();
            assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
            for (CompletableFuture<Boolean> answer : rest) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(staleAnswer.get(10, TimeUnit.SECONDS)).as("the taken-over claim").isFalse();
            assertThat(freshK9.get(10, TimeUnit.SECONDS)).as("the claim that took it over").isTrue();
            assertThat(finisher.batches() - batchesBefore).as("transactions after the blocked ones").isEqualTo(1);

            for (String done : List.of("k0", "k1", "k2", "k3", "k4", "k8", "k9", "k10")) {
                assertThat(store.find("trace-" + done)).as(done).isEmpty();
            }
            assertThat(store.find("trace-k5").orElseThrow().state()).isEqualTo(EventState.WAITING);
            assertThat(store.find("trace-k5").orElseThrow().nextAttemptAt()).isEqualTo(retryAt);
            assertThat(store.find("trace-k6").orElseThrow().state()).isEqualTo(EventState.DEAD);
            assertThat(store.find("trace-k6").orElseThrow().lastError()).isEqualTo("gave up");
            assertThat(store.find("trace-k7").orElseThrow().state()).isEqualTo(EventState.QUEUED);
            // The handed-back event and a new one on a finished key are claimable; the key rows were kept right.
            event("k1");
            assertThat(store.claim("/webhook", 10, LEASE)).extracting(c -> c.event().groupKey())
                    .containsExactlyInAnyOrder("k7", "k1");
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void aRetryTimeIsMovedOntoTheDatabasesClock() throws Exception {
        event("k");
        Claim claim = store.claim("/webhook", 1, LEASE).get(0);
        // A process whose clock runs 10 s ahead of PostgreSQL's: the retry it asks for is due 10 s earlier there.
        DatabaseClock ahead = new DatabaseClock(java.time.Clock.systemUTC(), () -> Instant.now().plusSeconds(10));
        StoreSettings settings = new StoreSettings(Path.of("target", "state"), 10_000, 256L << 20, 10_000,
                256L << 20, Duration.ofMinutes(10), clock);
        Instant retryAt = START.plus(LEASE).plusSeconds(30);
        try (Database database = Database.open(PostgresSettings.of(PostgresAvailable.URL, PostgresAvailable.USER,
                null, schema));
             Finisher finisher = new Finisher(database, new Sql(schema), settings, ahead, "test")) {
            assertThat(finisher.finish(new Finisher.Finish(Finisher.Kind.WAIT, claim, 1, retryAt, "boom", true)))
                    .isTrue();
        }
        Instant stored = store.find("trace-k").orElseThrow().nextAttemptAt();
        assertThat(Duration.between(retryAt, stored)).isBetween(Duration.ofMillis(-10_500), Duration.ofMillis(-9_500));
        try (Connection connection = PostgresAvailable.connect();
             PreparedStatement ps = connection.prepareStatement("SELECT due_at FROM \"" + schema
                     + "\".keys WHERE group_key = 'k'")) {
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).as("the key's due time")
                        .isEqualTo(stored);
            }
        }
    }

    private static CompletableFuture<Boolean> run(java.util.concurrent.Executor workers,
                                                  java.util.function.Supplier<Boolean> write) {
        return CompletableFuture.supplyAsync(write, workers);
    }

    private int lockWaits() {
        try (Connection watcher = PostgresAvailable.connect();
             PreparedStatement ps = watcher.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE wait_event_type = 'Lock' AND query LIKE ?")) {
            ps.setString(1, "%" + schema + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
