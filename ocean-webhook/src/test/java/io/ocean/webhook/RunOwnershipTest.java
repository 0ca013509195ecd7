package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ocean.core.WebhookEventRawResults;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An event run has one owner from claim to release: failures of the store become logged outcomes, stop() always
 * stops the threads, and user code never runs under a lock of ours (findings of the independent review).
 */
class RunOwnershipTest {

    private final Script script = new Script("issues");
    private final Results results = new Results();
    private final FaultyStore store = new FaultyStore();
    private Ocean ocean;

    @AfterEach
    void stop() {
        Thread.interrupted();
        if (ocean != null) {
            ocean.stop();
        }
    }

    private Http start(java.util.function.Consumer<OceanConfig> extra) {
        ocean = TestOceans.create(cfg -> {
            cfg.webhooks.store = store;
            cfg.resultsHandler(results);
            extra.accept(cfg);
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        ocean.start();
        return new Http(ocean.port());
    }

    @Test
    void aDeadLetterWriteThatThrowsIsLoggedAndThePathGoesOn() {
        script.handler = (payload, resource) -> {
            if (payload.has("bad")) {
                throw new IllegalStateException("bad data");
            }
            return WebhookEventRawResults.updated(payload);
        };
        store.failingDeadLetters.set(1);
        ListAppender<ILoggingEvent> logs = capture();
        Http http = start(cfg -> cfg.webhooks.leaseSeconds = 1);

        String bad = http.postJson("/integration/webhook", "{\"bad\":1}").field("traceId");
        String good = http.postJson("/integration/webhook", "{\"good\":1}").field("traceId");

        assertThat(ocean.awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(results.deliveries).extracting(d -> d.event().traceId()).contains(good);
        assertThat(ocean.deadLetters()).extracting(DeadLetter::traceId).containsExactly(bad);
        assertThat(logs.list).anySatisfy(line -> {
            assertThat(line.getFormattedMessage()).contains("the store could not record the end of the event");
            assertThat(line.getMDCPropertyMap()).containsEntry("traceId", bad);
        });
    }

    @Test
    void aRunWhoseLeaseWasTakenOverStopsAndWritesNothingMore() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        script.handler = (payload, resource) -> {
            entered.countDown();
            new CountDownLatch(1).await(30, TimeUnit.SECONDS);
            return WebhookEventRawResults.updated(payload);
        };
        ListAppender<ILoggingEvent> logs = capture();
        Http http = start(cfg -> {
            cfg.webhooks.leaseSeconds = 1;
            cfg.webhooks.shutdownDrainSeconds = 0; // the store keeps the event for its new owner: nothing to drain
        });
        String traceId = http.postJson("/integration/webhook", "{\"n\":1}").field("traceId");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        store.takenOver = true; // another process claimed the event (say, after a long GC pause of this one)

        WebhookEdgeTest.pollUntil(() -> script.callsOf("cancel"), calls -> calls.size() == 1);
        WebhookEdgeTest.pollUntil(() -> lines(logs).stream().anyMatch(line -> line.getFormattedMessage()
                .contains("this one writes nothing more")
                && traceId.equals(line.getMDCPropertyMap().get("traceId"))), found -> found);
        assertThat(results.deliveries).as("no results applied").isEmpty();
        assertThat(ocean.deadLetters()).as("no dead letter written").isEmpty();
        assertThat(store.engine.find(traceId)).as("the event stays with its new owner").isPresent();
    }

    @Test
    void aLeaseRenewalThatHangsDoesNotHoldBackTheClaimsOfThePath() throws Exception {
        CountDownLatch slowEntered = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        script.handler = (payload, resource) -> {
            if (payload.has("slow")) {
                slowEntered.countDown();
                releaseSlow.await(30, TimeUnit.SECONDS);
            }
            return WebhookEventRawResults.updated(payload);
        };
        CountDownLatch renewals = new CountDownLatch(1);
        store.hangingRenewals = renewals;
        ocean = TestOceans.create(cfg -> {
            cfg.webhooks.store = store;
            cfg.resultsHandler(results);
            cfg.webhooks.leaseSeconds = 3; // renewed every second
            cfg.webhooks.shutdownDrainSeconds = 0;
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        ocean.groupEventsBy("/webhook", event -> event.payload().path("key").asText());
        ocean.start();
        Http http = new Http(ocean.port());
        try {
            http.postJson("/integration/webhook", "{\"key\":\"a\",\"slow\":true}");
            assertThat(slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(store.renewalHung.await(10, TimeUnit.SECONDS)).as("a renewal of the slow run hangs").isTrue();

            String other = http.postJson("/integration/webhook", "{\"key\":\"b\"}").field("traceId");

            // the renewal waits on a store-write thread, not on the dispatcher: the other key's event is claimed
            WebhookEdgeTest.pollUntil(() -> results.deliveries.stream().anyMatch(d -> d.event().traceId()
                    .equals(other)), delivered -> delivered);
        } finally {
            renewals.countDown();
            releaseSlow.countDown();
        }
    }

    @Test
    void aRenewalOfTheClaimARetrysResumeJustReplacedIsNoTakeover() {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        script.initialRetryDelaySeconds = 0.1;
        script.handler = (payload, resource) -> {
            if (attempts.incrementAndGet() == 1) {
                throw new io.ocean.core.RetryableException("the API is down");
            }
            return WebhookEventRawResults.updated(payload);
        };
        // the store hands out the retry's new claim (a new token), then takes 2.5 s to answer: the renewals due
        // meanwhile (every second) renew the claim the run still holds, and the store refuses them
        store.stalledResumeMillis = 2_500;
        ListAppender<ILoggingEvent> logs = capture();
        Http http = start(cfg -> cfg.webhooks.leaseSeconds = 3);

        String traceId = http.postJson("/integration/webhook", "{\"n\":1}").field("traceId");

        assertThat(ocean.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(results.deliveries).extracting(d -> d.event().traceId()).containsExactly(traceId);
        assertThat(attempts).hasValue(2);
        assertThat(lines(logs)).noneMatch(line -> line.getFormattedMessage().contains("another worker"));
    }

    @Test
    void cancelOfARunTakenOverNeverRunsOnTheDispatcher() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicReference<String> cancelThread = new AtomicReference<>();
        script.handler = (payload, resource) -> {
            entered.countDown();
            new CountDownLatch(1).await(30, TimeUnit.SECONDS);
            return WebhookEventRawResults.updated(payload);
        };
        script.onCancel = () -> cancelThread.compareAndSet(null, Thread.currentThread().getName());
        Http http = start(cfg -> {
            cfg.webhooks.leaseSeconds = 1;
            cfg.webhooks.shutdownDrainSeconds = 0;
        });
        http.postJson("/integration/webhook", "{\"n\":1}");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        store.takenOver = true;

        String thread = WebhookEdgeTest.pollUntil(cancelThread::get, name -> name != null);
        assertThat(thread).as("a blocking cancel() must not stop claiming and renewing for the path")
                .doesNotStartWith("ocean-dispatch");
    }

    @Test
    void stopOnAnInterruptedThreadStopsEveryWorkerAndLeavesTheEventInTheStore() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        script.handler = (payload, resource) -> {
            entered.countDown();
            new CountDownLatch(1).await(30, TimeUnit.SECONDS);
            return WebhookEventRawResults.updated(payload);
        };
        Http http = start(cfg -> { });
        assertThat(http.postJson("/integration/webhook", "{\"n\":1}").status()).isEqualTo(200);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        Thread.currentThread().interrupt();
        ocean.stop();

        assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
        assertThat(store.heldAtClose).as("the unfinished event stays in the store").isEqualTo(1);
        assertThat(WebhookEdgeTest.pollUntil(RunOwnershipTest::oceanThreads, List::isEmpty)).isEmpty();
    }

    @Test
    void aStopThatInterruptsAClaimUnderWayLogsNoError() throws Exception {
        ListAppender<ILoggingEvent> logs = capture();
        Http http = start(cfg -> cfg.webhooks.shutdownDrainSeconds = 0);
        store.blockingClaims = true;
        assertThat(http.postJson("/integration/webhook", "{\"n\":1}").status()).isEqualTo(200);
        WebhookEdgeTest.pollUntil(() -> Thread.getAllStackTraces().entrySet().stream()
                .anyMatch(e -> e.getKey().getName().startsWith("ocean-dispatch") && Arrays.stream(e.getValue())
                        .anyMatch(frame -> frame.getMethodName().equals("claim"))), found -> found);

        ocean.stop();
        ocean = null;

        assertThat(logs.list).filteredOn(line -> line.getLevel() == Level.ERROR)
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    @Test
    void cancelAtStopRunsWithoutTheSchedulersLock() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean gaugeReadInCancel = new AtomicBoolean();
        script.handler = (payload, resource) -> {
            entered.countDown();
            new CountDownLatch(1).await(30, TimeUnit.SECONDS);
            return WebhookEventRawResults.updated(payload);
        };
        // a cancel() that waits for another thread which reads the path's queue: a lock held around cancel()
        // would block that thread
        script.onCancel = () -> {
            try {
                CompletableFuture.supplyAsync(() -> registry.get("ocean.webhook.queue.events").gauge().value())
                        .get(5, TimeUnit.SECONDS);
                gaugeReadInCancel.set(true);
            } catch (Exception e) {
                gaugeReadInCancel.set(false);
            }
        };
        Http http = start(cfg -> {
            cfg.metrics.registry(registry);
            cfg.webhooks.shutdownDrainSeconds = 0;
        });
        http.postJson("/integration/webhook", "{\"n\":1}");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        ocean.stop();

        assertThat(script.callsOf("cancel")).hasSize(1);
        assertThat(gaugeReadInCancel).isTrue();
    }

    @Test
    void onStartCallbacksRunOutsideOceansLock() {
        AtomicReference<String> stoppedFromAnotherThread = new AtomicReference<>("no");
        ocean = TestOceans.create(cfg -> cfg.webhooks.store = store);
        ocean.onStart(() -> {
            // a shutdown arriving while onStart still runs (a SIGTERM during a slow webhook registration)
            CompletableFuture.runAsync(ocean::stop).get(5, TimeUnit.SECONDS);
            stoppedFromAnotherThread.set("yes");
        });

        ocean.start();

        assertThat(stoppedFromAnotherThread).hasValue("yes");
        assertThat(WebhookEdgeTest.pollUntil(RunOwnershipTest::oceanThreads, List::isEmpty)).isEmpty();
    }

    private static List<String> oceanThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("ocean-worker") || name.startsWith("ocean-dispatch"))
                .toList();
    }

    /** What the appender holds now, copied under its lock: other threads log while a test polls. */
    private static List<ILoggingEvent> lines(ListAppender<ILoggingEvent> logs) {
        synchronized (logs) {
            return List.copyOf(logs.list);
        }
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger("io.ocean")).addAppender(appender);
        return appender;
    }
}
