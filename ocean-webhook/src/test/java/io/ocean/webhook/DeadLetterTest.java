package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.core.WebhookEventRawResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failed events are kept, listed, replayable, and survive a restart. */
class DeadLetterTest {

    private final Path stateDir = TestOceans.tempDir();
    private final AtomicBoolean failing = new AtomicBoolean(true);
    private final Script script = new Script("issues");
    private final Results results = new Results();
    private Ocean ocean;

    DeadLetterTest() {
        script.handler = (payload, resource) -> {
            if (failing.get()) {
                throw new IllegalStateException("downstream refused");
            }
            return WebhookEventRawResults.updated(payload);
        };
    }

    private Ocean start(int capacity) {
        ocean = TestOceans.create(cfg -> {
            cfg.webhooks.stateDir = stateDir;
            cfg.webhooks.deadLetterCapacity = capacity;
            cfg.resultsHandler(results);
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        return ocean.start();
    }

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
    }

    @Test
    void replayProcessesADeadLetterAgain() {
        start(100);
        String traceId = new Http(ocean.port()).postJson("/integration/webhook", "{\"n\":1}").field("traceId");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(ocean.deadLetters()).extracting(DeadLetter::traceId).containsExactly(traceId);

        failing.set(false);
        assertThat(ocean.replay(traceId)).isTrue();
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(ocean.deadLetters()).isEmpty();
        assertThat(results.deliveries).extracting(d -> d.event().traceId()).containsExactly(traceId, traceId);
        assertThat(results.deliveries.get(1).results()).hasSize(1);
        assertThat(ocean.replay(traceId)).isFalse();
        assertThat(ocean.replay("no-such-trace")).isFalse();
    }

    @Test
    void deadLettersSurviveARestartAndCanBeReplayedThere() throws Exception {
        start(100);
        Http.Reply reply = new Http(ocean.port()).post("/integration/webhook", "application/json; charset=utf-8",
                "{\"n\": 2}".getBytes(), "X-GitHub-Event", "issues");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        DeadLetter before = ocean.deadLetters().get(0);
        ocean.stop();
        assertThat(Files.exists(stateDir.resolve("dead-letters.jsonl"))).as("kept in the store, not a file").isFalse();

        start(100);

        assertThat(ocean.deadLetters()).singleElement().satisfies(after -> {
            assertThat(after.traceId()).isEqualTo(reply.field("traceId"));
            assertThat(after.reason()).isEqualTo(before.reason());
            assertThat(after.attempts()).isEqualTo(1);
            assertThat(after.failedAt()).isEqualTo(before.failedAt());
            assertThat(after.event().rawBody()).isEqualTo("{\"n\": 2}".getBytes());
            assertThat(after.event().headers().get("x-github-event")).isEqualTo("issues");
            assertThat(after.event().payload().path("n").asInt()).isEqualTo(2);
            assertThat(after.event().receivedAt()).isEqualTo(before.event().receivedAt());
        });
        failing.set(false);
        assertThat(ocean.replay(reply.field("traceId"))).isTrue();
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(ocean.deadLetters()).isEmpty();
        ocean.stop();

        start(100);
        assertThat(ocean.deadLetters()).isEmpty();
    }

    @Test
    void theOldestDeadLetterIsEvictedAtCapacity() {
        start(2);
        Http http = new Http(ocean.port());
        List<String> traceIds = List.of(
                http.postJson("/integration/webhook", "{\"n\":1}").field("traceId"),
                http.postJson("/integration/webhook", "{\"n\":2}").field("traceId"),
                http.postJson("/integration/webhook", "{\"n\":3}").field("traceId"));
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(ocean.deadLetters()).extracting(DeadLetter::traceId).containsExactly(traceIds.get(1), traceIds.get(2));
    }

    @Test
    void resultsThatCannotBeAppliedMakeADeadLetter() {
        failing.set(false);
        ocean = TestOceans.create(cfg -> {
            cfg.webhooks.stateDir = stateDir;
            cfg.resultsHandler((event, results) -> {
                throw new IllegalStateException("catalog unavailable");
            });
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        ocean.start();

        new Http(ocean.port()).postJson("/integration/webhook", "{\"n\":1}");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(ocean.deadLetters()).singleElement()
                .satisfies(letter -> assertThat(letter.reason()).contains("results could not be applied")
                        .contains("catalog unavailable"));
    }

    @Test
    void theSucceededPairsOfAFailedEventAreStillApplied() {
        script.kinds = List.of("issue", "pr");
        script.handler = (payload, resource) -> {
            if (resource.kind().equals("pr")) {
                throw new IllegalStateException("pr api down");
            }
            return WebhookEventRawResults.updated(payload);
        };
        start(100);

        new Http(ocean.port()).postJson("/integration/webhook", "{\"n\":1}");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(results.only().results()).extracting(r -> r.resourceConfig().kind()).containsExactly("issue");
        assertThat(ocean.deadLetters()).singleElement()
                .satisfies(letter -> assertThat(letter.reason()).contains("pr api down"));
    }
}
