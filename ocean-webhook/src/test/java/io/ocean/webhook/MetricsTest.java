package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ocean.core.RetryableException;
import io.ocean.core.WebhookEventRawResults;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every outcome, retries, processing time and the gauges are counted in the configured registry. */
class MetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Ocean ocean;

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
    }

    @Test
    void outcomesRetriesTimingsAndGaugesAreCounted() {
        Script script = new Script("issues");
        AtomicInteger flaky = new AtomicInteger();
        script.matches = event -> !event.payload().has("ignore");
        script.handler = (payload, resource) -> {
            if (payload.has("fail")) {
                throw new IllegalStateException("no");
            }
            if (payload.has("flaky") && flaky.incrementAndGet() == 1) {
                throw new RetryableException("once");
            }
            return WebhookEventRawResults.updated(payload);
        };
        ocean = TestOceans.create(cfg -> cfg.metrics.registry(registry));
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        ocean.start();
        Http http = new Http(ocean.port());

        http.postJson("/integration/webhook", "{\"ok\":1}");
        http.postJson("/integration/webhook", "{\"flaky\":1}");
        http.postJson("/integration/webhook", "{\"fail\":1}");
        http.postJson("/integration/webhook", "{\"ignore\":1}");
        http.postJson("/integration/webhook", "{broken");
        script.authentic = false;
        http.postJson("/integration/webhook", "{\"ok\":2}");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(events("queued")).isEqualTo(3);
        assertThat(events("processed")).isEqualTo(2);
        assertThat(events("dead-lettered")).isEqualTo(1);
        assertThat(events("ignored")).isEqualTo(1);
        assertThat(events("invalid")).isEqualTo(1);
        assertThat(events("unauthorized")).isEqualTo(1);
        assertThat(events("rejected-full")).isZero();
        assertThat(registry.get("ocean.webhook.retries").tag("path", "/webhook").counter().count()).isEqualTo(1);
        assertThat(registry.get("ocean.webhook.processing").tag("path", "/webhook").timer().count()).isEqualTo(3);
        assertThat(registry.get("ocean.webhook.queue.events").tag("path", "/webhook").gauge().value()).isZero();
        assertThat(registry.get("ocean.webhook.queue.bytes").tag("path", "/webhook").gauge().value()).isZero();
        assertThat(registry.get("ocean.webhook.queue.oldest.age").tag("path", "/webhook").gauge().value()).isZero();
        assertThat(registry.get("ocean.webhook.dead.letters").gauge().value()).isEqualTo(1);
    }

    private double events(String outcome) {
        return registry.get("ocean.webhook.events").tag("path", "/webhook").tag("outcome", outcome).counter().count();
    }
}
