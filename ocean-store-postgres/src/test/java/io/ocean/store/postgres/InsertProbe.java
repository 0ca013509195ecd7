package io.ocean.store.postgres;

import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A quick look at insert costs (not a test; run with exec or a main). */
public final class InsertProbe {
    public static void main(String[] args) throws Exception {
        String schema = PostgresAvailable.newSchema();
        EventStore store = EventStores.postgres(PostgresAvailable.URL, PostgresAvailable.USER, null, schema);
        long t0 = System.nanoTime();
        store.open(new StoreSettings(Path.of("target"), 1_000_000, 1L << 40, 1000, 1L << 30, Duration.ofMinutes(10),
                Clock.systemUTC()));
        System.out.printf("open %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        byte[] body = new byte[2000];
        for (int round = 0; round < 2; round++) {
            t0 = System.nanoTime();
            for (int i = 0; i < 300; i++) {
                store.insert(new NewEvent(UUID.randomUUID().toString(), "/w", "k" + (i % 50), null, Instant.now(),
                        Map.of("a", List.of("b")), body)).toCompletableFuture().get();
            }
            System.out.printf("sequential: %.2f ms/insert%n", (System.nanoTime() - t0) / 1e6 / 300);
            t0 = System.nanoTime();
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                all.add(store.insert(new NewEvent(UUID.randomUUID().toString(), "/w", "k" + (i % 200), null,
                        Instant.now(), Map.of("a", List.of("b")), body)).toCompletableFuture());
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
            System.out.printf("5000 at once: %.0f inserts/s%n", 5000 / ((System.nanoTime() - t0) / 1e9));
            t0 = System.nanoTime();
            int claimed = 0;
            while (true) {
                var claims = store.claim("/w", 8, Duration.ofMinutes(1));
                if (claims.isEmpty()) break;
                for (var c : claims) { store.complete(c); claimed++; }
            }
            System.out.printf("claim+complete one thread: %.0f events/s (%d)%n", claimed / ((System.nanoTime() - t0) / 1e9), claimed);
        }
        store.close();
        PostgresAvailable.dropSchema(schema);
    }
}
