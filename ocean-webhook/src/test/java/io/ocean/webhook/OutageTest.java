package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ocean.core.RetryableException;
import io.ocean.core.WebhookEventRawResults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What happens to events while a dependency is down: retries run out into dead letters in one process, a time limit
 * ends the event once, and the attempts survive a restart (issue 21, scenarios 1-3 and 9).
 */
class OutageTest extends ScriptedOceanTest {

    private final ListAppender<ILoggingEvent> logs = capture();

    @AfterEach
    void detach() {
        ((Logger) LoggerFactory.getLogger("io.ocean")).detachAppender(logs);
    }

    @Test
    void moreFailingKeysThanHeldSlotsAllRunOutOfRetriesIntoDeadLetters() {
        script.initialRetryDelaySeconds = 0.25; // retries after 0.5, 1 and 2 s
        script.handler = (payload, resource) -> {
            throw new RetryableException("the API is down");
        };
        start(cfg -> {
            cfg.webhooks.workers = 1; // 16 held slots for 40 keys
            cfg.webhooks.leaseSeconds = 4;
        }, o -> o.groupEventsBy("/webhook", event -> event.payload().path("key").asText()));

        for (int key = 0; key < 40; key++) {
            assertThat(http.postJson("/integration/webhook", "{\"key\":\"k" + key + "\"}").status()).isEqualTo(200);
        }

        awaitTrue(() -> ocean.deadLetters().size() == 40, Duration.ofSeconds(120));
        assertThat(ocean.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(script.callsOf("handleEvent")).hasSize((script.maxRetries + 1) * 40);
        assertThat(ocean.deadLetters()).allSatisfy(letter -> assertThat(letter.attempts()).isEqualTo(4));
        assertThat(messages()).noneMatch(m -> m.contains("not handed back") || m.contains("taken over"));
    }

    @Test
    void aTimeLimitPassedWhileARetryWaitsEndsTheEventOnceAsADeadLetter() throws Exception {
        script.kinds = List.of("issue", "pr");
        script.initialRetryDelaySeconds = 3; // the first retry waits 6 s
        script.handler = (payload, resource) -> {
            if (resource.kind().equals("issue")) {
                throw new RetryableException("the API is down");
            }
            Thread.sleep(1_500); // renewals happen meanwhile
            return WebhookEventRawResults.updated(payload);
        };
        start(cfg -> {
            cfg.webhooks.maxEventProcessingSeconds = 2;
            cfg.webhooks.leaseSeconds = 3;
        });

        http.postJson("/integration/webhook", "{\"issue\":{\"id\":1}}");

        awaitTrue(() -> ocean.deadLetters().size() == 1, Duration.ofSeconds(30));
        assertThat(ocean.awaitIdle(Duration.ofSeconds(30))).isTrue();
        // past the time the retry would have been due: nothing runs again
        TimeUnit.SECONDS.sleep(7);
        assertThat(script.callsOf("handleEvent").stream().filter(c -> "issue".equals(c.kind()))).hasSize(1);
        assertThat(ocean.deadLetters()).singleElement()
                .satisfies(letter -> assertThat(letter.reason()).contains("timed out after 2 s"));
        assertThat(messages()).noneMatch(m -> m.contains("taken over") || m.contains("not handed back"));
    }

    @Test
    void anEventThatHangsEveryProcessRunsOutOfAttemptsAcrossRestarts() throws Exception {
        script.maxRetries = 1; // two attempts in all
        script.handler = (payload, resource) -> {
            new CountDownLatch(1).await(60, TimeUnit.SECONDS);
            return WebhookEventRawResults.updated(payload);
        };
        Path stateDir = TestOceans.tempDir();
        for (int run = 1; run <= 2; run++) {
            startOn(stateDir);
            if (run == 1) {
                http.postJson("/integration/webhook", "{\"issue\":{\"id\":1}}");
            }
            int calls = run;
            awaitTrue(() -> script.callsOf("handleEvent").size() == calls, Duration.ofSeconds(30));
            ocean.stop(); // a crash, as far as the event knows: it never finished
        }

        startOn(stateDir);

        awaitTrue(() -> ocean.deadLetters().size() == 1, Duration.ofSeconds(30));
        assertThat(script.callsOf("handleEvent")).hasSize(2);
        assertThat(ocean.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).contains("attempts");
            assertThat(letter.attempts()).isEqualTo(3);
        });
    }

    @Test
    void aCleanStopLogsNoError() throws Exception {
        for (int round = 0; round < 5; round++) {
            start(cfg -> cfg.webhooks.workers = 4);
            for (int i = 0; i < 20; i++) {
                http.postJson("/integration/webhook", "{\"issue\":{\"id\":" + i + "}}");
            }
            ocean.stop();
        }
        ocean = null;
        assertThat(logs.list).filteredOn(line -> line.getLevel() == Level.ERROR)
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    private void startOn(Path stateDir) {
        start(cfg -> {
            cfg.webhooks.stateDir = stateDir;
            cfg.localCatalog.file = stateDir.resolve("entities.jsonl");
            cfg.webhooks.shutdownDrainSeconds = 0;
        });
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout.toSeconds() + " s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger("io.ocean")).addAppender(appender);
        return appender;
    }
}
