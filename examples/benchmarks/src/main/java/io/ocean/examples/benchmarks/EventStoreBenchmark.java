package io.ocean.examples.benchmarks;

import io.ocean.testkit.Fixtures;
import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event store throughput, without HTTP: {@code senders} threads insert events as request threads do (each waits for
 * its answer before the next, so concurrency is what group commit can batch), then {@code workers} threads claim and
 * complete them all. Prints events/s and insert latency percentiles.
 *
 * <p>Usage: {@code EventStoreBenchmark <sqlite|memory|jdbc:postgresql://...> <events> <senders> [workers]}
 */
public final class EventStoreBenchmark {

    private EventStoreBenchmark() {
    }

    /** Runs one measurement and prints one line per phase. */
    public static void main(String[] args) throws Exception {
        String engine = args.length > 0 ? args[0] : "sqlite";
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int senders = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        byte[] body = Fixtures.bytes("github/issues.opened.json");
        Path stateDir = Files.createTempDirectory("ocean-store-bench");
        // A PostgreSQL URL (jdbc:postgresql://127.0.0.1:5432/test?user=postgres) gets a schema of its own, dropped after.
        boolean postgres = engine.startsWith("jdbc:postgresql:");
        String schema = postgres ? "bench_" + Long.toHexString(System.nanoTime()) : null;
        try (EventStore store = EventStores.fromSetting(engine, null, null, schema)) {
            store.open(new StoreSettings(stateDir, events + 1, Long.MAX_VALUE, 1_000, Long.MAX_VALUE,
                    Duration.ofMinutes(10), Clock.systemUTC()));
            insert(store, engine, events, senders, body);
            drain(store, engine, events, workers);
        } finally {
            if (postgres) {
                try (var connection = java.sql.DriverManager.getConnection(engine);
                     var statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
            try (var files = Files.walk(stateDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void insert(EventStore store, String engine, int events, int senders, byte[] body)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[events];
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(senders);
        long start = System.nanoTime();
        for (int s = 0; s < senders; s++) {
            Thread sender = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < events; i = next.getAndIncrement()) {
                    NewEvent event = new NewEvent(UUID.randomUUID().toString(), "/webhook", "issue-" + (i % 1000),
                            "delivery-" + i, Instant.now(), Map.of("content-type", List.of("application/json"),
                            "x-github-event", List.of("issues")), body);
                    long before = System.nanoTime();
                    InsertResult result = store.insert(event).toCompletableFuture().join();
                    latencies[i] = System.nanoTime() - before;
                    if (result.status() != InsertResult.Status.ACCEPTED) {
                        failures.incrementAndGet();
                    }
                }
                done.countDown();
            });
            sender.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("%s insert: %d events, %d senders, %.0f events/s, p50 %.2f ms, p99 %.2f ms, "
                        + "not accepted %d%n", engine, events, senders, events / seconds,
                latencies[events / 2] / 1e6, latencies[(int) (events * 0.99)] / 1e6, failures.get());
    }

    private static void drain(EventStore store, String engine, int events, int workers) throws InterruptedException {
        AtomicInteger completed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(workers);
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            Thread worker = new Thread(() -> {
                while (completed.get() < events) {
                    List<Claim> claims = store.claim("/webhook", 16, Duration.ofMinutes(1));
                    for (Claim claim : claims) {
                        if (store.complete(claim)) {
                            completed.incrementAndGet();
                        }
                    }
                    if (claims.isEmpty()) {
                        Thread.onSpinWait();
                    }
                }
                done.countDown();
            });
            worker.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s claim+complete: %d events, %d workers, %.0f events/s%n", engine, events, workers,
                events / seconds);
    }
}
