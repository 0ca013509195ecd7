package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.core.RetryableException;
import io.ocean.core.WebhookEventRawResults;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ordering per group key, parallelism across keys, and no head-of-line blocking. */
class SchedulingTest {

    private final Script script = new Script("issues");
    private final Results results = new Results();
    private Ocean ocean;
    private Http http;

    private void start(Consumer<OceanConfig> extra, boolean keyed) {
        ocean = TestOceans.create(cfg -> {
            cfg.resultsHandler(results);
            extra.accept(cfg);
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        if (keyed) {
            ocean.groupEventsBy("/webhook", event -> event.payload().path("key").asText(null));
        }
        ocean.start();
        http = new Http(ocean.port());
    }

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
    }

    @Test
    void underLoadAClaimAsksForABatchRatherThanForEachEndedRun() {
        FaultyStore store = new FaultyStore();
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(0);
        script.handler = (payload, resource) -> {
            permits.acquire();
            return WebhookEventRawResults.updated(payload);
        };
        start(cfg -> {
            cfg.webhooks.workers = 1; // up to 8 runs in hand, claims of at least 2 while 2 are in hand
            cfg.webhooks.store = store;
        }, true);
        for (int i = 0; i < 12; i++) {
            post("k" + i, i);
        }

        for (int i = 0; i < 12; i++) { // the runs end one at a time
            permits.release();
            int ended = i + 1;
            WebhookEdgeTest.pollUntil(() -> results.deliveries.size(), n -> n == ended);
        }

        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(handledNumbers()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 12).boxed().toList());
        assertThat(store.claimSizes).as("no claim of a single event while the worker has runs in hand")
                .allSatisfy(max -> assertThat(max).isGreaterThanOrEqualTo(2));
    }

    @Test
    void withoutAKeyEventsRunOneAtATimeInArrivalOrder() {
        start(cfg -> cfg.webhooks.workers = 4, false);

        for (int i = 0; i < 60; i++) {
            assertThat(http.postJson("/integration/webhook", "{\"n\":" + i + "}").status()).isEqualTo(200);
        }
        assertThat(ocean.awaitIdle(Duration.ofSeconds(20))).isTrue();

        assertThat(script.handled).extracting(e -> e.payload().path("n").asInt())
                .containsExactlyElementsOf(IntStream.range(0, 60).boxed().toList());
    }

    @Test
    void aKeyKeepsItsOrderWhileAnotherKeyProceedsPastABlockedOne() throws Exception {
        CountDownLatch aEntered = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        script.handler = (payload, resource) -> {
            if (payload.path("n").asInt() == 1) {
                aEntered.countDown();
                releaseA.await(30, TimeUnit.SECONDS);
            }
            return WebhookEventRawResults.updated(payload);
        };
        start(cfg -> cfg.webhooks.workers = 2, true);

        post("a", 1);
        assertThat(aEntered.await(10, TimeUnit.SECONDS)).isTrue();
        post("a", 2);
        post("a", 3);
        post("b", 4);
        post("b", 5);
        WebhookEdgeTest.pollUntil(() -> handledNumbers(), n -> n.containsAll(List.of(4, 5)));

        assertThat(handledNumbers()).containsExactly(1, 4, 5);
        releaseA.countDown();
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        List<Integer> order = handledNumbers();
        assertThat(order).containsSubsequence(1, 2, 3).containsSubsequence(4, 5).hasSize(5);
    }

    @Test
    void aWaitingRetryDoesNotBlockOtherGroups() {
        script.initialRetryDelaySeconds = 5;
        script.handler = (payload, resource) -> {
            if (payload.path("key").asText().equals("a")) {
                throw new RetryableException("a is rate limited");
            }
            return WebhookEventRawResults.updated(payload);
        };
        start(cfg -> {
            cfg.webhooks.workers = 1;
            cfg.webhooks.shutdownDrainSeconds = 0;
        }, true);

        post("a", 1);
        post("b", 2);
        post("b", 3);
        WebhookEdgeTest.pollUntil(() -> results.deliveries.size(), n -> n == 2);

        assertThat(results.deliveries).extracting(d -> d.event().payload().path("n").asInt()).containsExactly(2, 3);
        assertThat(script.handled).filteredOn(e -> e.payload().path("key").asText().equals("a")).hasSize(1);
        assertThat(ocean.awaitIdle(Duration.ofMillis(50))).isFalse();
    }

    private void post(String key, int n) {
        assertThat(http.postJson("/integration/webhook", "{\"key\":\"" + key + "\",\"n\":" + n + "}").status())
                .isEqualTo(200);
    }

    private List<Integer> handledNumbers() {
        return script.handled.stream().map(e -> e.payload().path("n").asInt()).toList();
    }
}
