package io.ocean.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.StoreSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proof of "per (path, key) at most one event in flight across processes": three stores on one schema, keys
 * written by concurrent producers through different stores while workers of all three claim and complete as fast as
 * they can. Any claim of a key that another worker still holds is recorded, and so is any key whose events finish
 * out of order.
 */
@ExtendWith(PostgresAvailable.class)
class OneEventPerKeyInFlightTest {

    private static final int KEYS = 40;
    private static final int EVENTS_PER_KEY = 40;

    private final String schema = PostgresAvailable.newSchema();
    private final List<EventStore> stores = new ArrayList<>();

    @BeforeEach
    void openThreeStores() {
        for (int i = 0; i < 3; i++) {
            EventStore store = EventStores.postgres(PostgresAvailable.URL, PostgresAvailable.USER, null, schema);
            store.open(new StoreSettings(Path.of("target", "state"), 100_000, 1L << 30, 1000, 1L << 30,
                    Duration.ofMinutes(10), Clock.systemUTC()));
            stores.add(store);
        }
    }

    @AfterEach
    void close() {
        stores.forEach(EventStore::close);
        PostgresAvailable.dropSchema(schema);
    }

    @Test
    void noKeyIsEverClaimedTwiceAtOnceAndEveryKeyFinishesInOrder() throws Exception {
        Map<String, String> inFlight = new ConcurrentHashMap<>();
        Map<String, Integer> lastFinished = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        Set<String> finished = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicBoolean producing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<?>> producers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            int producer = p;
            producers.add(pool.submit(() -> {
                // Each key's events in order, one after another's commit, through the three stores in turn.
                for (int seq = 0; seq < EVENTS_PER_KEY; seq++) {
                    for (int k = producer; k < KEYS; k += 4) {
                        EventStore via = stores.get((seq + k) % 3);
                        NewEvent event = new NewEvent(UUID.randomUUID().toString(), "/webhook", "key-" + k, null,
                                Instant.now(), Map.of(), Integer.toString(seq).getBytes(StandardCharsets.UTF_8));
                        InsertResult result = via.insert(event).toCompletableFuture().get(10, TimeUnit.SECONDS);
                        assertThat(result.status()).isEqualTo(InsertResult.Status.ACCEPTED);
                    }
                }
                return null;
            }));
        }
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            EventStore store = stores.get(w % 3);
            workers.add(pool.submit(() -> {
                while (producing.get() || finished.size() < KEYS * EVENTS_PER_KEY) {
                    List<Claim> claims = store.claim("/webhook", 3, Duration.ofMinutes(5));
                    for (Claim claim : claims) {
                        String key = claim.event().groupKey();
                        String holder = inFlight.putIfAbsent(key, claim.traceId());
                        if (holder != null) {
                            violations.add(key + " claimed while " + holder + " was in flight");
                        }
                        int seq = Integer.parseInt(new String(claim.event().body(), StandardCharsets.UTF_8));
                        Integer before = lastFinished.get(key);
                        if (before != null && seq <= before) {
                            violations.add(key + " ran " + seq + " after " + before);
                        }
                        lastFinished.put(key, seq);
                        inFlight.remove(key, claim.traceId());
                        if (!store.complete(claim)) {
                            violations.add("complete refused for " + claim.traceId());
                        }
                        if (!finished.add(claim.traceId())) {
                            duplicates.incrementAndGet();
                        }
                    }
                    if (claims.isEmpty()) {
                        LockSupport.parkNanos(1_000_000); // a worker's idle poll, as the runtime's
                    }
                }
                return null;
            }));
        }
        for (Future<?> producer : producers) {
            producer.get(120, TimeUnit.SECONDS);
        }
        producing.set(false);
        for (Future<?> worker : workers) {
            worker.get(120, TimeUnit.SECONDS);
        }
        pool.shutdownNow();

        assertThat(violations).isEmpty();
        assertThat(finished).hasSize(KEYS * EVENTS_PER_KEY);
        assertThat(duplicates.get()).isZero();
        assertThat(lastFinished).hasSize(KEYS).allSatisfy((key, seq) -> assertThat(seq).isEqualTo(EVENTS_PER_KEY - 1));
        assertThat(stores.get(0).stats("/webhook").held()).isZero();
    }
}
