package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.core.WebhookEventRawResults;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A delivery is processed once within the window, and again after the window, a 503 or a dead letter. */
class DuplicateDeliveryTest extends ScriptedOceanTest {

    private static final String BODY = "{\"issue\":{\"id\":1}}";

    private void startDeduplicated(Consumer<OceanConfig> extra) {
        start(extra, o -> o.deduplicateBy("/webhook", DeliveryIds.github()));
    }

    private Http.Reply deliver(String id) {
        return http.post("/integration/webhook", "application/json", BODY.getBytes(), "X-GitHub-Delivery", id);
    }

    @Test
    void aDuplicateIsAnsweredWithTheFirstTraceIdAndNotProcessedAgain() {
        startDeduplicated(cfg -> { });

        Http.Reply first = deliver("d-1");
        Http.Reply again = deliver("d-1");
        Http.Reply other = deliver("d-2");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(first.field("status")).isEqualTo("ok");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("status")).isEqualTo("duplicate");
        assertThat(again.field("traceId")).isEqualTo(first.field("traceId"));
        assertThat(other.field("status")).isEqualTo("ok");
        assertThat(script.callsOf("handleEvent")).hasSize(2);
    }

    @Test
    void eventsWithoutADeliveryIdAreNeverDuplicates() {
        startDeduplicated(cfg -> { });

        http.postJson("/integration/webhook", BODY);
        http.postJson("/integration/webhook", BODY);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(script.callsOf("handleEvent")).hasSize(2);
    }

    @Test
    void theSameDeliveryIsProcessedAgainAfterTheWindow() {
        startDeduplicated(cfg -> cfg.webhooks.deduplicationWindowSeconds = 1);
        deliver("d-1");

        Http.Reply later = WebhookEdgeTest.pollUntil(() -> deliver("d-1"), r -> r.field("status").equals("ok"));
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(later.status()).isEqualTo(200);
        assertThat(script.callsOf("handleEvent")).hasSize(2);
    }

    @Test
    void aDeliveryRefusedWith503IsProcessedWhenTheSenderRetries() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        script.handler = (payload, resource) -> {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
            return WebhookEventRawResults.updated(payload);
        };
        startDeduplicated(cfg -> cfg.webhooks.queueCapacity = 1);
        assertThat(deliver("d-1").field("status")).isEqualTo("ok");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(deliver("d-2").status()).isEqualTo(503);
        release.countDown();
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(deliver("d-2").field("status")).isEqualTo("ok");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(script.callsOf("handleEvent")).hasSize(2);
    }

    @Test
    void aDeliveryThatBecameADeadLetterIsProcessedWhenTheSenderRetries() {
        AtomicBoolean failing = new AtomicBoolean(true);
        script.handler = (payload, resource) -> {
            if (failing.get()) {
                throw new IllegalStateException("down");
            }
            return WebhookEventRawResults.updated(payload);
        };
        startDeduplicated(cfg -> { });
        deliver("d-1");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(ocean.deadLetters()).hasSize(1);

        failing.set(false);
        assertThat(deliver("d-1").field("status")).isEqualTo("ok");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(script.callsOf("handleEvent")).hasSize(2);
        assertThat(script.callsOf("afterProcessing")).hasSize(1);
    }
}
