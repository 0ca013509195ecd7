package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ocean.core.RetryableException;
import io.ocean.core.WebhookEventRawResults;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** handleEvent retries on a timer, the retry limit, non-retryable errors, and the processing time limit. */
class RetryAndTimeoutTest extends ScriptedOceanTest {

    private static final String ISSUE = "{\"issue\":{\"id\":1}}";

    @Test
    void retriesTwiceThenSucceedsWithDelaysDoubling() {
        AtomicInteger calls = new AtomicInteger();
        script.initialRetryDelaySeconds = 0.05;
        script.handler = (payload, resource) -> {
            if (calls.incrementAndGet() <= 2) {
                throw new RetryableException("rate limited");
            }
            return WebhookEventRawResults.updated(payload);
        };
        ListAppender<ILoggingEvent> logs = capture();
        start(cfg -> { });

        assertThat(http.postJson("/integration/webhook", ISSUE).status()).isEqualTo(200);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(script.callsOf("handleEvent")).hasSize(3);
        assertThat(script.callsOf("onError")).hasSize(2);
        assertThat(script.callsOf("afterProcessing")).hasSize(1);
        assertThat(results.only().results()).hasSize(1);
        assertThat(ocean.deadLetters()).isEmpty();
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("retry 1 of 3 in 100 ms"))
                .anyMatch(m -> m.contains("retry 2 of 3 in 200 ms"));
        long firstGap = script.handleNanos.get(1) - script.handleNanos.get(0);
        long secondGap = script.handleNanos.get(2) - script.handleNanos.get(1);
        assertThat(firstGap).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(secondGap).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void exceedingMaxRetriesMakesADeadLetterWithFourAttempts() {
        script.handler = (payload, resource) -> {
            throw new RetryableException("still down");
        };
        start(cfg -> { });

        Http.Reply reply = http.postJson("/integration/webhook", ISSUE);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(script.callsOf("handleEvent")).hasSize(4);
        assertThat(script.callsOf("onError")).hasSize(4);
        assertThat(ocean.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.traceId()).isEqualTo(reply.field("traceId"));
            assertThat(letter.attempts()).isEqualTo(4);
            assertThat(letter.path()).isEqualTo("/webhook");
            assertThat(letter.reason()).contains("still down").contains("kind issue");
            assertThat(letter.event().rawBody()).isEqualTo(ISSUE.getBytes());
        });
    }

    @Test
    void aNonRetryableErrorIsTriedOnceAndDeadLettered() {
        script.handler = (payload, resource) -> {
            throw new IllegalArgumentException("bad data");
        };
        start(cfg -> { });

        http.postJson("/integration/webhook", ISSUE);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(script.callsOf("handleEvent")).hasSize(1);
        assertThat(script.callsOf("onError")).hasSize(1);
        assertThat(ocean.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.attempts()).isEqualTo(1);
            assertThat(letter.reason()).contains("bad data");
        });
    }

    @Test
    void aPairOverTheTimeLimitIsInterruptedAndCancelled() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        script.handler = (payload, resource) -> {
            try {
                never.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return WebhookEventRawResults.empty();
        };
        start(cfg -> cfg.webhooks.maxEventProcessingSeconds = 1);

        http.postJson("/integration/webhook", ISSUE);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(script.callsOf("cancel")).hasSize(1);
        assertThat(interrupted).hasValue(1);
        assertThat(script.callsOf("afterProcessing")).isEmpty();
        assertThat(ocean.deadLetters()).singleElement()
                .satisfies(letter -> assertThat(letter.reason()).contains("timed out after 1 s"));
        assertThat(results.only().results()).isEmpty();
    }

    @Test
    void theTimeLimitIncludesRetriesWaitingOnTheTimer() {
        script.initialRetryDelaySeconds = 5;
        script.handler = (payload, resource) -> {
            throw new RetryableException("slow down");
        };
        start(cfg -> cfg.webhooks.maxEventProcessingSeconds = 1);

        http.postJson("/integration/webhook", ISSUE);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(script.callsOf("handleEvent")).hasSize(1);
        assertThat(script.callsOf("cancel")).hasSize(1);
        assertThat(ocean.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).contains("timed out");
            assertThat(letter.attempts()).isEqualTo(1);
        });
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger("io.ocean")).addAppender(appender);
        return appender;
    }
}
