package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.core.WebhookEventRawResults;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every row of the HTTP status table, over real HTTP against a real server on a random port. */
class WebhookEdgeTest extends ScriptedOceanTest {

    private static final String ISSUE = "{\"action\":\"opened\",\"issue\":{\"id\":1,\"state\":\"open\"}}";

    @Test
    void queuedEventAnswers200WithItsTraceId() {
        start(cfg -> { });

        Http.Reply reply = http.postJson("/integration/webhook", ISSUE);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.field("status")).isEqualTo("ok");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(results.only().event().traceId()).isEqualTo(reply.field("traceId"));
    }

    @Test
    void unmatchedEventAnswers200IgnoredAndQueuesNothing() {
        script.matches = event -> false;
        start(cfg -> { });

        Http.Reply reply = http.postJson("/integration/webhook", ISSUE);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.field("status")).isEqualTo("ignored");
        assertThat(reply.field("traceId")).isNotBlank();
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(script.callsOf("authenticate")).isEmpty();
        assertThat(results.deliveries).isEmpty();
    }

    @Test
    void failedAuthenticationAnswers401AndQueuesNothing() {
        script.authentic = false;
        start(cfg -> { });

        Http.Reply reply = http.postJson("/integration/webhook", ISSUE);

        assertThat(reply.status()).isEqualTo(401);
        assertError(reply, "unauthorized");
        assertThat(script.callsOf("validatePayload")).isEmpty();
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(script.callsOf("handleEvent")).isEmpty();
    }

    @Test
    void failedValidationAnswers400AndQueuesNothing() {
        script.valid = false;
        start(cfg -> { });

        Http.Reply reply = http.postJson("/integration/webhook", ISSUE);

        assertThat(reply.status()).isEqualTo(400);
        assertError(reply, "invalid_payload");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(script.callsOf("handleEvent")).isEmpty();
    }

    @Test
    void authenticationFailureWinsOverValidationFailureAmongMatches() {
        Script invalid = new Script("invalid");
        invalid.valid = false;
        script.authentic = false;
        ocean = TestOceans.create(cfg -> {
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(invalid));
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        ocean.start();

        Http.Reply reply = new Http(ocean.port()).postJson("/integration/webhook", ISSUE);

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void malformedJsonAnswers400() {
        start(cfg -> { });

        Http.Reply reply = http.postJson("/integration/webhook", "{\"action\": ");

        assertThat(reply.status()).isEqualTo(400);
        assertError(reply, "malformed_json");
        assertThat(script.calls).isEmpty();
    }

    @Test
    void trailingGarbageAfterTheObjectIsMalformed() {
        start(cfg -> { });

        assertThat(http.postJson("/integration/webhook", "{\"a\":1} {\"b\":2}").status()).isEqualTo(400);
    }

    @Test
    void jsonThatIsNotAnObjectAnswers400() {
        start(cfg -> { });

        for (String body : new String[] {"[1,2]", "\"text\"", "42", "null"}) {
            Http.Reply reply = http.postJson("/integration/webhook", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertError(reply, "not_an_object");
        }
    }

    @Test
    void emptyBodyAnswers400() {
        start(cfg -> { });

        Http.Reply reply = http.post("/integration/webhook", "application/json", new byte[0]);

        assertThat(reply.status()).isEqualTo(400);
        assertError(reply, "empty_body");
    }

    @Test
    void bodyOverTheLimitAnswers413FromContentLength() {
        start(cfg -> cfg.http.maxBodyBytes = 1_000);

        Http.Reply reply = http.postJson("/integration/webhook", "{\"pad\":\"" + "x".repeat(2_000) + "\"}");

        assertThat(reply.status()).isEqualTo(413);
        assertError(reply, "payload_too_large");
        assertThat(script.calls).isEmpty();
    }

    @Test
    void chunkedBodyOverTheLimitAnswers413() {
        start(cfg -> cfg.http.maxBodyBytes = 1_000);

        byte[] body = ("{\"pad\":\"" + "x".repeat(5_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Http.Reply reply = http.postChunked("/integration/webhook", "application/json", body);

        assertThat(reply.status()).isEqualTo(413);
        assertError(reply, "payload_too_large");
    }

    @Test
    void bodyExactlyAtTheLimitIsAccepted() {
        start(cfg -> cfg.http.maxBodyBytes = 1_000);
        String prefix = "{\"action\":\"opened\",\"pad\":\"";
        String body = prefix + "x".repeat(1_000 - prefix.length() - 2) + "\"}";

        assertThat(body).hasSize(1_000);
        assertThat(http.postJson("/integration/webhook", body).status()).isEqualTo(200);
    }

    @Test
    void unsupportedContentTypeAnswers415() {
        start(cfg -> { });

        Http.Reply reply = http.post("/integration/webhook", "text/plain", ISSUE.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(415);
        assertError(reply, "unsupported_media_type");
    }

    @Test
    void fullQueueByCountAnswers503WithRetryAfter() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        script.handler = blockingHandler(entered, release);
        start(cfg -> {
            cfg.webhooks.queueCapacity = 2;
            cfg.webhooks.retryAfterSeconds = 7;
        });
        try {
            assertThat(http.postJson("/integration/webhook", ISSUE).status()).isEqualTo(200);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(http.postJson("/integration/webhook", ISSUE).status()).isEqualTo(200);

            Http.Reply full = http.postJson("/integration/webhook", ISSUE);

            assertThat(full.status()).isEqualTo(503);
            assertThat(full.retryAfter()).isEqualTo("7");
            assertError(full, "queue_full");
            assertThat(full.field("message")).contains("events");
        } finally {
            release.countDown();
        }
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(script.callsOf("handleEvent")).hasSize(2);
        assertThat(http.postJson("/integration/webhook", ISSUE).status()).isEqualTo(200);
    }

    @Test
    void fullQueueByBytesAnswers503WithRetryAfter() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        script.handler = blockingHandler(entered, release);
        start(cfg -> cfg.webhooks.queueMaxBytes = 2L * ISSUE.length() + 10);
        try {
            assertThat(http.postJson("/integration/webhook", ISSUE).status()).isEqualTo(200);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(http.postJson("/integration/webhook", ISSUE).status()).isEqualTo(200);

            Http.Reply full = http.postJson("/integration/webhook", ISSUE);

            assertThat(full.status()).isEqualTo(503);
            assertThat(full.retryAfter()).isEqualTo("5");
            assertThat(full.field("message")).contains("bytes");
        } finally {
            release.countDown();
        }
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(script.callsOf("handleEvent")).hasSize(2);
    }

    @Test
    void shuttingDownAnswers503WithRetryAfterAndReadyTurns503() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        script.handler = blockingHandler(entered, release);
        start(cfg -> { });
        assertThat(http.postJson("/integration/webhook", ISSUE).status()).isEqualTo(200);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        Thread stopper = new Thread(ocean::stop);
        stopper.start();
        try {
            // Poll readiness, not the webhook: a polling event posted before stop() began would be accepted and
            // processed, and the count of handled events below would depend on timing.
            pollUntil(() -> http.get("/health/ready"), r -> r.status() == 503);

            Http.Reply reply = http.postJson("/integration/webhook", ISSUE);

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.retryAfter()).isEqualTo("5");
            assertError(reply, "shutting_down");
            assertThat(http.get("/health/live").status()).isEqualTo(200);
        } finally {
            release.countDown();
        }
        stopper.join(10_000);
        assertThat(stopper.isAlive()).isFalse();
        assertThat(script.callsOf("handleEvent")).hasSize(1);
    }

    @Test
    void processorThrowingWhileRoutingAnswers500() {
        script.throwOnRoute = new IllegalStateException("boom");
        start(cfg -> { });

        Http.Reply reply = http.postJson("/integration/webhook", ISSUE);

        assertThat(reply.status()).isEqualTo(500);
        assertError(reply, "processor_error");
        assertThat(reply.body()).doesNotContain("boom");
    }

    @Test
    void unknownPathAnswers404() {
        start(cfg -> { });

        assertThat(http.postJson("/integration/other", ISSUE).status()).isEqualTo(404);
    }

    private static Script.Handler blockingHandler(CountDownLatch entered, CountDownLatch release) {
        return (payload, resource) -> {
            entered.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test never released the processor");
            }
            return WebhookEventRawResults.updated(payload);
        };
    }

    static <T> T pollUntil(java.util.function.Supplier<T> action, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        T last = action.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 10 s; last: " + last);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // poll, do not spin
            last = action.get();
        }
        return last;
    }

    private static void assertError(Http.Reply reply, String code) {
        assertThat(reply.field("status")).isEqualTo("error");
        assertThat(reply.field("error")).isEqualTo(code);
        assertThat(reply.field("message")).isNotBlank();
        assertThat(reply.field("traceId")).isNotBlank();
    }
}
