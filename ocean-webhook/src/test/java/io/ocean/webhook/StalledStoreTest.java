package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
import io.ocean.webhook.store.NewEvent;
import io.ocean.webhook.store.PendingInsert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stalled disk (another connection holds SQLite's write lock) on the default engine: a 503 means "not stored", and
 * what waits for the writer is bounded by bytes.
 */
class StalledStoreTest {

    private final Path stateDir = TestOceans.tempDir();
    private final Script script = new Script("issues");
    private final EventStore store = EventStores.sqlite();
    private Ocean ocean;
    private Http http;

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
    }

    private void start(long queueMaxBytes) {
        // Every event fails for good and stays as a dead letter, so "in the store" is visible after processing.
        script.handler = (payload, resource) -> {
            throw new IllegalStateException("kept as a dead letter");
        };
        ocean = TestOceans.create(cfg -> {
            cfg.webhooks.stateDir = stateDir;
            cfg.webhooks.store = store;
            cfg.webhooks.storeTimeoutMillis = 300;
            cfg.webhooks.queueMaxBytes = queueMaxBytes;
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        ocean.start();
        http = new Http(ocean.port());
    }

    /** Takes SQLite's write lock from another connection: the store's writer waits for it (busy timeout). */
    private Connection stallTheWriter() throws Exception {
        Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve("events.db"));
        try (Statement statement = blocker.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
        }
        return blocker;
    }

    /**
     * Hands the store an event directly and waits until the writer is committing it: the commit waits for the lock,
     * so every insert after it waits in the writer's queue.
     */
    private PendingInsert occupyTheWriter(String body) {
        PendingInsert stalled = (PendingInsert) store.insert(new NewEvent("stalled-" + System.nanoTime(), "/webhook",
                "", null, Instant.now(), Map.of(), body.getBytes(StandardCharsets.UTF_8))).toCompletableFuture();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!stalled.committing()) {
            assertThat(System.nanoTime()).as("the writer starts committing").isLessThan(deadline);
            Thread.onSpinWait();
        }
        return stalled;
    }

    private static void clear(Connection blocker) throws Exception {
        try (Statement statement = blocker.createStatement()) {
            statement.execute("ROLLBACK");
        }
        blocker.close();
    }

    @Test
    void anInsertAnswered503AfterTheTimeoutIsNeverStoredOnceTheStallClears() throws Exception {
        start(256L * 1024 * 1024);
        Connection blocker = stallTheWriter();
        PendingInsert stalled = occupyTheWriter("{}");

        Http.Reply timedOut = http.postJson("/integration/webhook", "{\"n\":1}");

        assertThat(timedOut.status()).isEqualTo(503);
        assertThat(timedOut.field("error")).isEqualTo("store_unavailable");
        clear(blocker);
        stalled.join();
        Http.Reply next = http.postJson("/integration/webhook", "{\"n\":2}");
        assertThat(next.status()).as("the writer is past the stalled insert").isEqualTo(200);
        assertThat(store.find(next.field("traceId"))).isPresent();
        assertThat(store.find(timedOut.field("traceId"))).as("withdrawn, never committed").isEmpty();
    }

    @Test
    void whatWaitsForAStalledWriterIsBoundedByBytesAndAFullBacklogIsA503AtOnce() throws Exception {
        start(1_000);
        String padded = "{\"pad\":\"" + "x".repeat(400) + "\"}";
        Connection blocker = stallTheWriter();
        PendingInsert stalled = occupyTheWriter(padded);

        Http.Reply first = http.postJson("/integration/webhook", padded);
        Http.Reply second = http.postJson("/integration/webhook", padded);

        assertThat(first.field("error")).isEqualTo("store_unavailable");
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.field("error")).as("the committing body and a withdrawn one still wait: no room")
                .isEqualTo("queue_full");
        clear(blocker);
        stalled.join();
        Http.Reply next = http.postJson("/integration/webhook", "{\"n\":2}");
        assertThat(next.status()).isEqualTo(200);
        for (Http.Reply refused : new Http.Reply[] {first, second}) {
            assertThat(store.find(refused.field("traceId"))).isEmpty();
        }
    }
}
