package io.ocean.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStoreException;
import io.ocean.webhook.store.EventStores;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.StoreSettings;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL unreachable for 5 s while events keep arriving and workers keep claiming: inserts fail (the runtime
 * answers those 503) instead of hanging, nothing that was accepted is lost, and both sides carry on by themselves
 * once the database is back. The outage is a cut {@link TcpProxy}, so the shared server is never touched.
 */
@ExtendWith(PostgresAvailable.class)
class DatabaseDownTest {

    private final String schema = PostgresAvailable.newSchema();
    private EventStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        PostgresAvailable.dropSchema(schema);
    }

    @Test
    void insertsFailWhileTheDatabaseIsDownAndNothingAcceptedIsLost() throws Exception {
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            store = EventStores.postgres("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test",
                    PostgresAvailable.USER, null, schema);
            store.open(new StoreSettings(Path.of("target", "state"), 100_000, 1L << 30, 1000, 1L << 30,
                    Duration.ofMinutes(10), Clock.systemUTC()));

            Set<String> accepted = ConcurrentHashMap.newKeySet();
            Set<String> processed = ConcurrentHashMap.newKeySet();
            AtomicInteger failedInserts = new AtomicInteger();
            AtomicInteger failedClaims = new AtomicInteger();
            AtomicLong slowestFailureMillis = new AtomicLong();
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicBoolean working = new AtomicBoolean(true);
            ExecutorService threads = Executors.newFixedThreadPool(5);
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                int sender = s;
                senders.add(threads.submit(() -> {
                    for (int i = 0; sending.get(); i++) {
                        NewEvent event = new NewEvent(UUID.randomUUID().toString(), "/webhook",
                                "key-" + sender + "-" + (i % 7), null, Instant.now(), Map.of(), new byte[100]);
                        long started = System.nanoTime();
                        try {
                            InsertResult result = store.insert(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
                            assertThat(result.status()).isEqualTo(InsertResult.Status.ACCEPTED);
                            accepted.add(event.traceId());
                        } catch (ExecutionException e) {
                            assertThat(e.getCause()).isInstanceOf(EventStoreException.class);
                            failedInserts.incrementAndGet();
                            slowestFailureMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                        } catch (TimeoutException e) {
                            throw new AssertionError("an insert hung instead of failing while the database was down");
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(threads.submit(() -> {
                    while (working.get()) {
                        try {
                            List<Claim> claims = store.claim("/webhook", 4, Duration.ofSeconds(30));
                            for (Claim claim : claims) {
                                if (store.complete(claim)) {
                                    processed.add(claim.traceId());
                                }
                            }
                            if (claims.isEmpty()) {
                                LockSupport.parkNanos(2_000_000); // a worker's idle poll, as the runtime's
                            }
                        } catch (EventStoreException e) {
                            failedClaims.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }

            awaitUntil(() -> accepted.size() >= 100, "100 events accepted before the outage");
            proxy.cut();
            long cutAt = System.nanoTime();
            awaitUntil(() -> failedInserts.get() >= 10 && System.nanoTime() - cutAt >= 5_000_000_000L,
                    "inserts failing for 5 s");
            int acceptedBeforeRestore = accepted.size();
            proxy.restore();
            awaitUntil(() -> accepted.size() >= acceptedBeforeRestore + 50, "inserts accepted again");
            sending.set(false);
            for (Future<?> sender : senders) {
                sender.get(60, TimeUnit.SECONDS);
            }
            awaitUntil(() -> processed.containsAll(accepted), "every accepted event processed");
            working.set(false);
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
            threads.shutdownNow();

            System.out.printf("database down 5 s: %d accepted, %d inserts failed (slowest failure %d ms), "
                            + "%d claims failed, %d processed%n", accepted.size(), failedInserts.get(),
                    slowestFailureMillis.get(), failedClaims.get(), processed.size());
            assertThat(failedInserts.get()).isGreaterThanOrEqualTo(10);
            assertThat(processed).containsAll(accepted);
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
        System.out.printf("%s after %d ms%n", what, (System.nanoTime() - started) / 1_000_000);
    }
}
