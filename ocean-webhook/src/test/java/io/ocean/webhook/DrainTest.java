package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.core.WebhookEventRawResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** stop() drains; what is left after the drain window stays in the event store and runs at the next start. */
class DrainTest {

    private final Path stateDir = TestOceans.tempDir();

    @Test
    void stopDrainsEveryQueuedEvent() {
        Script script = new Script("issues");
        script.handler = (payload, resource) -> {
            // a little real work per event, so that events are still queued when stop() begins
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            while (System.nanoTime() < until) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            return WebhookEventRawResults.updated(payload);
        };
        Results results = new Results();
        Ocean ocean = TestOceans.create(cfg -> {
            cfg.webhooks.stateDir = stateDir;
            cfg.resultsHandler(results);
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        ocean.start();
        Http http = new Http(ocean.port());
        for (int i = 0; i < 10; i++) {
            assertThat(http.postJson("/integration/webhook", "{\"n\":" + i + "}").status()).isEqualTo(200);
        }

        ocean.stop();

        assertThat(results.deliveries).hasSize(10);
        assertThat(Files.exists(stateDir.resolve("pending.jsonl"))).as("no state files any more").isFalse();
    }

    @Test
    void eventsLeftAfterTheDrainWindowStayInTheStoreAndRunAtTheNextStartWithNoneLostOrDoubled() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        Script blocked = new Script("blocked");
        blocked.handler = (payload, resource) -> {
            entered.countDown();
            new CountDownLatch(1).await(30, TimeUnit.SECONDS);
            return WebhookEventRawResults.updated(payload);
        };
        Results firstRun = new Results();
        Ocean first = TestOceans.create(cfg -> {
            cfg.webhooks.stateDir = stateDir;
            cfg.webhooks.shutdownDrainSeconds = 0;
            cfg.resultsHandler(firstRun);
        });
        first.addWebhookProcessor("/webhook", ScriptedProcessor.factory(blocked));
        first.start();
        Http http = new Http(first.port());
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(http.postJson("/integration/webhook", "{\"n\":" + i + "}").field("traceId"));
        }
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        first.stop();

        assertThat(blocked.callsOf("cancel")).hasSize(1);
        assertThat(firstRun.deliveries).isEmpty();
        assertThat(first.deadLetters()).isEmpty();

        Script healthy = new Script("healthy");
        Results secondRun = new Results();
        Ocean second = TestOceans.create(cfg -> {
            cfg.webhooks.stateDir = stateDir;
            cfg.resultsHandler(secondRun);
        });
        second.addWebhookProcessor("/webhook", ScriptedProcessor.factory(healthy));
        second.start();
        try {
            assertThat(second.awaitIdle(Duration.ofSeconds(10))).isTrue();

            assertThat(secondRun.deliveries).extracting(d -> d.event().traceId()).containsExactlyElementsOf(accepted);
            assertThat(healthy.callsOf("authenticate")).isEmpty();
            assertThat(healthy.callsOf("handleEvent")).hasSize(5);
            assertThat(Files.exists(stateDir.resolve("pending.jsonl"))).isFalse();
        } finally {
            second.stop();
        }
    }

    @Test
    void aKeptEventThatNoProcessorMatchesAnyMoreBecomesADeadLetterNotNothing() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        Script blocked = new Script("blocked");
        blocked.handler = (payload, resource) -> {
            entered.countDown();
            new CountDownLatch(1).await(30, TimeUnit.SECONDS);
            return WebhookEventRawResults.updated(payload);
        };
        Ocean first = TestOceans.create(cfg -> {
            cfg.webhooks.stateDir = stateDir;
            cfg.webhooks.shutdownDrainSeconds = 0;
            cfg.resultsHandler(new Results());
        });
        first.addWebhookProcessor("/webhook", ScriptedProcessor.factory(blocked));
        first.start();
        String traceId = new Http(first.port()).postJson("/integration/webhook", "{\"n\":1}").field("traceId");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        first.stop();

        Script changedItsMind = new Script("no longer interested");
        changedItsMind.matches = event -> false;
        Ocean second = TestOceans.create(cfg -> cfg.webhooks.stateDir = stateDir);
        second.addWebhookProcessor("/webhook", ScriptedProcessor.factory(changedItsMind));
        second.start();
        try {
            assertThat(second.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(second.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.traceId()).isEqualTo(traceId);
                assertThat(letter.reason()).contains("no processor matches");
                assertThat(letter.attempts()).as("the run cut short by the stop counts").isEqualTo(2);
            });
        } finally {
            second.stop();
        }
    }

    @Test
    void eventsSavedByAnEarlierVersionAreImportedOnceRunAndTheFileRenamed() throws Exception {
        List<String> traceIds = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            byte[] body = ("{\"n\":" + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            io.ocean.core.WebhookEvent event = new io.ocean.core.WebhookEvent(io.ocean.core.WebhookEvent.newTraceId(),
                    "/webhook", io.ocean.core.internal.Json.MAPPER.readTree(body),
                    io.ocean.core.EventHeaders.of("Content-Type", "application/json"), body, java.time.Instant.now());
            traceIds.add(event.traceId());
            lines.append(io.ocean.webhook.internal.store.EventCodec.toJson(event)).append('\n');
        }
        Files.createDirectories(stateDir);
        Files.writeString(stateDir.resolve("pending.jsonl"), lines);
        Results results = new Results();
        Ocean ocean = TestOceans.create(cfg -> {
            cfg.webhooks.stateDir = stateDir;
            cfg.resultsHandler(results);
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(new Script("issues")));
        ocean.start();
        try {
            assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

            assertThat(results.deliveries).extracting(d -> d.event().traceId()).containsExactlyElementsOf(traceIds);
            assertThat(Files.exists(stateDir.resolve("pending.jsonl"))).isFalse();
            assertThat(Files.exists(stateDir.resolve("pending.jsonl.imported"))).isTrue();
        } finally {
            ocean.stop();
        }
    }
}
