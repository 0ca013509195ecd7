package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A 200 is a promise: the answer waits for the store's commit, and a store that fails or is slow is a 503. */
class StoreIngestTest {

    private final Script script = new Script("issues");
    private final Results results = new Results();
    private final FaultyStore store = new FaultyStore();
    private Ocean ocean;
    private Http http;

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
    }

    private void start() {
        ocean = TestOceans.create(cfg -> {
            cfg.webhooks.store = store;
            cfg.webhooks.storeTimeoutMillis = 300;
            cfg.webhooks.retryAfterSeconds = 7;
            cfg.resultsHandler(results);
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        ocean.start();
        http = new Http(ocean.port());
    }

    @Test
    void anAcceptedEventIsInTheStoreWhenTheSenderGetsItsAnswer() {
        script.handler = (payload, resource) -> {
            throw new IllegalStateException("kept as a dead letter, so that the store still has it");
        };
        start();

        Http.Reply reply = http.postJson("/integration/webhook", "{\"n\":1}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(store.engine.find(reply.field("traceId"))).as("committed before the answer").isPresent();
    }

    @Test
    void aStoreThatFailsIsA503WithRetryAfterLoggedWithTheTraceIdAndNothingRuns() {
        ListAppender<ILoggingEvent> logs = capture();
        start();
        store.failingInserts.set(1);

        Http.Reply reply = http.postJson("/integration/webhook", "{\"n\":1}");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.retryAfter()).isEqualTo("7");
        assertThat(reply.field("error")).isEqualTo("store_unavailable");
        assertThat(reply.body()).doesNotContain("disk full");
        assertThat(logs.list).anySatisfy(line -> {
            assertThat(line.getFormattedMessage()).contains("the event store failed to write the event");
            assertThat(line.getMDCPropertyMap()).containsEntry("traceId", reply.field("traceId"));
        });
        assertThat(ocean.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(script.callsOf("handleEvent")).isEmpty();
        assertThat(http.postJson("/integration/webhook", "{\"n\":2}").status()).as("the next one is fine").isEqualTo(200);
    }

    @Test
    void aStoreSlowerThanTheTimeoutIsA503AndTheRequestThreadIsFreedAtTheTimeout() {
        ListAppender<ILoggingEvent> logs = capture();
        start();
        store.hangingInserts.set(1);

        Http.Reply reply = http.postJson("/integration/webhook", "{\"n\":1}");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.retryAfter()).isEqualTo("7");
        assertThat(reply.field("error")).isEqualTo("store_unavailable");
        assertThat(logs.list).anySatisfy(line -> {
            assertThat(line.getFormattedMessage()).contains("did not commit the event within 300 ms");
            assertThat(line.getMDCPropertyMap()).containsEntry("traceId", reply.field("traceId"));
        });
        assertThat(script.callsOf("handleEvent")).isEmpty();
    }

    @Test
    void aFullPathIsA503AndNothingIsWritten() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        script.handler = (payload, resource) -> {
            release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            return io.ocean.core.WebhookEventRawResults.updated(payload);
        };
        ocean = TestOceans.create(cfg -> {
            cfg.webhooks.store = store;
            cfg.webhooks.queueCapacity = 2;
            cfg.resultsHandler(results);
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        ocean.start();
        http = new Http(ocean.port());
        assertThat(http.postJson("/integration/webhook", "{\"n\":1}").status()).isEqualTo(200);
        assertThat(http.postJson("/integration/webhook", "{\"n\":2}").status()).isEqualTo(200);

        Http.Reply full = http.postJson("/integration/webhook", "{\"n\":3}");

        assertThat(full.status()).isEqualTo(503);
        assertThat(full.field("error")).isEqualTo("queue_full");
        assertThat(full.retryAfter()).isNotBlank();
        assertThat(store.engine.find(full.field("traceId"))).isEmpty();
        release.countDown();
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(results.deliveries).hasSize(2);
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger("io.ocean")).addAppender(appender);
        return appender;
    }
}
