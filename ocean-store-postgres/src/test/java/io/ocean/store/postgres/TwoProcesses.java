package io.ocean.store.postgres;

import io.ocean.testkit.MutableClock;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
import io.ocean.webhook.store.InsertResult;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two stores on one fresh schema, each with its own clock, standing for two Ocean processes sharing the database.
 */
@ExtendWith(PostgresAvailable.class)
abstract class TwoProcesses {

    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(60);

    String schema;
    MutableClock clockA;
    MutableClock clockB;
    EventStore storeA;
    EventStore storeB;

    @BeforeEach
    void openTwoStores() {
        schema = PostgresAvailable.newSchema();
        clockA = new MutableClock(START);
        clockB = new MutableClock(START);
        storeA = open(clockA);
        storeB = open(clockB);
    }

    @AfterEach
    void closeStores() {
        if (storeA != null) {
            storeA.close();
        }
        if (storeB != null) {
            storeB.close();
        }
        PostgresAvailable.dropSchema(schema);
    }

    EventStore open(MutableClock clock) {
        EventStore store = EventStores.postgres(PostgresAvailable.URL, PostgresAvailable.USER, null, schema);
        store.open(settings(clock));
        return store;
    }

    StoreSettings settings(MutableClock clock) {
        return new StoreSettings(Path.of("target", "state"), 10_000, 256L * 1024 * 1024, 10_000, 256L * 1024 * 1024,
                Duration.ofMinutes(10), clock);
    }

    static NewEvent event(String key, String body) {
        return event("/webhook", key, null, body);
    }

    static NewEvent event(String path, String key, String deliveryId, String body) {
        return new NewEvent(UUID.randomUUID().toString(), path, key, deliveryId, START,
                Map.of("X-Test", List.of("yes")), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static InsertResult insert(EventStore store, NewEvent event) {
        try {
            return store.insert(event).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("insert failed", e);
        }
    }
}
