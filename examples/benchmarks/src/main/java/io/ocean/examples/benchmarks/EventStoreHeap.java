package io.ocean.examples.benchmarks;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Heap a store needs per held event beyond the bodies: inserts {@code events} events with 16-byte bodies, a UUID
 * trace id and delivery id and one of 5 000 group keys, then reports the heap growth after GC.
 *
 * <p>Usage: {@code EventStoreHeap <sqlite|memory> <events>}
 */
public final class EventStoreHeap {

    private EventStoreHeap() {
    }

    /** Runs one measurement and prints one line. */
    public static void main(String[] args) throws Exception {
        String engine = args.length > 0 ? args[0] : "sqlite";
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path stateDir = Files.createTempDirectory("ocean-store-heap");
        try (EventStore store = EventStores.fromSetting(engine, null, null, null)) {
            store.open(new StoreSettings(stateDir, events + 1, Long.MAX_VALUE, 10, Long.MAX_VALUE,
                    Duration.ofMinutes(10), Clock.systemUTC()));
            long before = usedAfterGc();
            List<CompletableFuture<InsertResult>> answers = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                answers.add(store.insert(new NewEvent(UUID.randomUUID().toString(), "/webhook",
                        "octo/repo-" + (i % 1000) + "#" + (i % 5000), UUID.randomUUID().toString(), Instant.now(),
                        Map.of("content-type", List.of("application/json")), new byte[16])).toCompletableFuture());
                if (answers.size() == 1_000) {
                    answers.forEach(CompletableFuture::join);
                    answers.clear();
                }
            }
            answers.forEach(CompletableFuture::join);
            answers.clear();
            long grown = usedAfterGc() - before;
            System.out.printf("%s: %d events held, %d bytes of heap per event, %d MiB in all%n", engine, events,
                    grown / events, grown / 1024 / 1024);
        } finally {
            try (var files = Files.walk(stateDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
