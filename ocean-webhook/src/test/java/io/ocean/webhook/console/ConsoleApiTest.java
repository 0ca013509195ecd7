package io.ocean.webhook.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.internal.Json;
import io.ocean.webhook.DeadLetter;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.OceanConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every endpoint of {@code /ocean/api} and its filters, over real HTTP from a loopback client. */
class ConsoleApiTest {

    private final ConsoleProcessor.Behaviour behaviour = new ConsoleProcessor.Behaviour();
    private Ocean ocean;
    private ConsoleHttp http;

    private void start(Consumer<OceanConfig> extra) {
        ocean = ConsoleOceans.start(behaviour, extra);
        http = new ConsoleHttp(ocean.port());
    }

    /** The console's own origin, which a state-changing request without the bearer token must name. */
    private String origin() {
        return "http://127.0.0.1:" + ocean.consolePort();
    }

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
    }

    private String send(String path, String json, String... headers) {
        ConsoleHttp.Reply reply = http.post("/integration" + path, "application/json", json, headers);
        return reply.json().path("traceId").asText();
    }

    private JsonNode events(String query) {
        ConsoleHttp.Reply reply = http.get("/ocean/api/events" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("events");
    }

    private List<String> traceIds(JsonNode events) {
        List<String> ids = new ArrayList<>();
        events.forEach(event -> ids.add(event.path("traceId").asText()));
        return ids;
    }

    /** Polls the API until {@code done} holds for its answer, or fails after 10 s. */
    private JsonNode await(String path, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = http.get(path).json();
            if (done.test(last)) {
                return last;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("not reached within 10 s; last answer of " + path + ": " + last);
    }

    @Test
    void theConsoleIsAbsentUnlessEnabled() {
        start(cfg -> cfg.console.enabled = false);

        assertThat(http.get("/ocean/").status()).isEqualTo(404);
        assertThat(http.get("/ocean/api/status").status()).isEqualTo(404);
        assertThat(http.post("/ocean/api/dead-letters/x/replay", null, "", "Origin", "http://127.0.0.1")
                .status()).isEqualTo(404);
    }

    @Test
    void aProcessedEventIsListedWithItsOutcomeTimingsAndDeliveryId() {
        start(cfg -> { });
        String traceId = send("/webhook", "{\"issue\":{\"id\":1,\"title\":\"first\"}}", "X-GitHub-Delivery", "d-1");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        JsonNode event = events("").get(0);

        assertThat(event.path("traceId").asText()).isEqualTo(traceId);
        assertThat(event.path("path").asText()).isEqualTo("/webhook");
        assertThat(event.path("deliveryId").asText()).isEqualTo("d-1");
        assertThat(event.path("outcome").asText()).isEqualTo("processed");
        assertThat(event.path("receivedAt").asText()).isNotBlank();
        assertThat(event.path("queueMillis").isNumber()).isTrue();
        assertThat(event.path("processingMillis").isNumber()).isTrue();
    }

    @Test
    void anEventsDetailMasksSignatureHeadersAndCarriesThePayloadAndItsEntities() {
        start(cfg -> { });
        String body = "{\"issue\":{\"id\":7,\"title\":\"detail\"},\"nested\":{\"list\":[1,2]},"
                + "\"installation\":{\"api_key\":\"key-in-the-body\",\"token\":\"token-in-the-body\"}}";
        String traceId = send("/webhook", body, "X-Hub-Signature-256", "sha256=abcdef", "X-Gitlab-Token",
                "header-secret", "X-GitHub-Event", "issues");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        ConsoleHttp.Reply reply = http.get("/ocean/api/events/" + traceId);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode detail = reply.json();
        assertThat(detail.path("headers").path("x-hub-signature-256").get(0).asText()).doesNotContain("abcdef");
        assertThat(detail.path("headers").path("x-gitlab-token").get(0).asText()).doesNotContain("header-secret");
        assertThat(detail.path("headers").path("x-github-event").get(0).asText()).isEqualTo("issues");
        assertThat(reply.body()).doesNotContain("abcdef").doesNotContain("header-secret");
        assertThat(detail.path("payload").path("nested").path("list").toString()).isEqualTo("[1,2]");
        assertThat(detail.path("payload").path("installation").path("api_key").asText()).contains("masked");
        assertThat(reply.body()).doesNotContain("key-in-the-body").doesNotContain("token-in-the-body");
        assertThat(detail.path("payloadBytes").asInt()).isEqualTo(body.length());
        assertThat(detail.path("entities")).singleElement().satisfies(change -> {
            assertThat(change.path("op").asText()).isEqualTo("upsert");
            assertThat(change.path("blueprint").asText()).isEqualTo("githubIssue");
            assertThat(change.path("identifier").asText()).isEqualTo("7");
        });
    }

    @Test
    void aFormBodyIsShownAsTextWithItsCredentialFieldsMasked() {
        start(cfg -> { });
        ConsoleHttp.Reply sent = http.post("/integration/webhook", "application/x-www-form-urlencoded",
                "payload=%7B%22issue%22%3A%7B%22id%22%3A9%7D%7D&token=slack-verification-token&text=hello");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        ConsoleHttp.Reply reply = http.get("/ocean/api/events/" + sent.json().path("traceId").asText());

        assertThat(reply.json().path("payloadText").asText()).startsWith("payload=%7B%22issue%22")
                .contains("&token=")
                .endsWith("&text=hello").doesNotContain("slack-verification-token");
    }

    @Test
    void anUnknownTraceIdIs404() {
        start(cfg -> { });

        ConsoleHttp.Reply reply = http.get("/ocean/api/events/no-such-trace");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void eventsFilterByPathOutcomeTextAndLimit() {
        start(cfg -> { });
        String processed = send("/webhook", "{\"issue\":{\"id\":1,\"title\":\"needle in a haystack\"}}");
        String ignored = send("/webhook", "{\"ignore\":true}");
        String forged = send("/webhook", "{\"forged\":true}");
        String broken = send("/webhook", "{\"broken\":true}");
        String other = send("/other", "{\"issue\":{\"id\":2}}");
        ConsoleHttp.Reply malformed = http.post("/integration/webhook", "application/json", "{not json");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(traceIds(events("?path=/other"))).containsExactly(other);
        assertThat(traceIds(events("?path=other"))).containsExactly(other);
        assertThat(traceIds(events("?outcome=ignored"))).containsExactly(ignored);
        assertThat(traceIds(events("?outcome=unauthorized"))).containsExactly(forged);
        assertThat(traceIds(events("?outcome=invalid"))).containsExactly(malformed.json().path("traceId").asText(),
                broken);
        assertThat(traceIds(events("?outcome=processed&path=/webhook"))).containsExactly(processed);
        assertThat(traceIds(events("?q=NEEDLE"))).containsExactly(processed);
        assertThat(traceIds(events("?q=" + forged.substring(0, 8)))).containsExactly(forged);
        assertThat(events("")).hasSize(6);
        assertThat(events("?limit=2")).hasSize(2);
        assertThat(http.get("/ocean/api/events?limit=0").status()).isEqualTo(400);
        assertThat(http.get("/ocean/api/events?limit=lots").json().path("message").asText()).contains("limit");
    }

    @Test
    void anEventWaitingForARetryShowsWhichRetry() {
        behaviour.failing.set(true);
        behaviour.retries.set(3);
        behaviour.retryDelaySeconds = 60;
        start(cfg -> { });
        String traceId = send("/webhook", "{\"issue\":{\"id\":3}}");

        JsonNode answer = await("/ocean/api/events/" + traceId, event -> event.path("outcome").asText().equals("retrying"));

        assertThat(answer.path("retry").asInt()).isEqualTo(1);
        assertThat(traceIds(events("?outcome=retrying"))).containsExactly(traceId);
    }

    @Test
    void deadLettersArePagedByCursorFilteredAndCountedWithTheBodyOnlyInTheDetail() {
        behaviour.failing.set(true);
        start(cfg -> { });
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(send(i == 5 ? "/other" : "/webhook", "{\"issue\":{\"id\":" + (i == 3 ? 2 : i) + "}}"));
        }
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        JsonNode first = http.get("/ocean/api/dead-letters?path=webhook&limit=2").json();
        JsonNode second = http.get("/ocean/api/dead-letters?path=webhook&limit=2&cursor="
                + first.path("nextCursor").asText()).json();
        assertThat(traceIds(first.path("deadLetters"))).containsExactly(sent.get(3), sent.get(2));
        assertThat(traceIds(second.path("deadLetters"))).containsExactly(sent.get(1), sent.get(0));
        assertThat(second.path("nextCursor").isNull()).isTrue();
        assertThat(first.path("deadLetters").get(0).has("payload")).as("metadata only").isFalse();
        assertThat(first.path("total").asInt()).isEqualTo(5);
        assertThat(first.path("counts")).anySatisfy(count -> {
            assertThat(count.path("path").asText()).isEqualTo("/webhook");
            assertThat(count.path("reason").asText()).endsWith("downstream refused issue 2");
            assertThat(count.path("count").asInt()).isEqualTo(2);
        });
        String reason = http.get("/ocean/api/dead-letters/" + sent.get(1)).json().path("reason").asText();
        assertThat(traceIds(http.get("/ocean/api/dead-letters?reason=" + java.net.URLEncoder.encode(reason,
                java.nio.charset.StandardCharsets.UTF_8)).json().path("deadLetters")))
                .containsExactly(sent.get(2), sent.get(1));
        assertThat(traceIds(http.get("/ocean/api/dead-letters?path=/other").json().path("deadLetters")))
                .containsExactly(sent.get(4));
        assertThat(http.get("/ocean/api/dead-letters?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z").json()
                .path("deadLetters")).isEmpty();
        assertThat(http.get("/ocean/api/dead-letters?cursor=abc").status()).isEqualTo(400);
        assertThat(http.get("/ocean/api/dead-letters?from=yesterday").json().path("message").asText())
                .contains("from");

        JsonNode detail = http.get("/ocean/api/dead-letters/" + sent.get(0)).json();
        assertThat(detail.path("payload").path("issue").path("id").asInt()).isEqualTo(1);
        assertThat(detail.path("reason").asText()).endsWith("downstream refused issue 1");
        assertThat(http.get("/ocean/api/dead-letters/unknown").status()).isEqualTo(404);
    }

    @Test
    void aBulkReplayByFilterQueuesTheMatchingDeadLettersAgainAndReportsItsProgress() {
        behaviour.failing.set(true);
        start(cfg -> cfg.console.replaysPerSecond = 1_000);
        for (int i = 1; i <= 6; i++) {
            send(i <= 4 ? "/webhook" : "/other", "{\"issue\":{\"id\":" + i + "}}");
        }
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        behaviour.failing.set(false);

        ConsoleHttp.Reply started = http.post("/ocean/api/dead-letters/replay?path=/webhook", null, "",
                "Origin", origin());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode done = await("/ocean/api/dead-letters/replay", job -> job.path("status").asText().equals("done"));
        assertThat(done.path("replayed").asInt()).isEqualTo(4);
        assertThat(done.path("by").asText()).startsWith("loopback");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(ocean.deadLetters()).extracting(io.ocean.webhook.DeadLetter::path).containsOnly("/other")
                .hasSize(2);
        assertThat(http.post("/ocean/api/dead-letters/replay", null, "").status())
                .as("without an Origin").isEqualTo(403);
        assertThat(http.post("/ocean/api/dead-letters/replay/cancel", null, "", "Origin", origin()).status())
                .as("nothing runs").isEqualTo(404);
    }

    @Test
    void discardingByFilterNeedsTheMatchingCountConfirmed() {
        behaviour.failing.set(true);
        start(cfg -> { });
        for (int i = 1; i <= 3; i++) {
            send(i <= 2 ? "/webhook" : "/other", "{\"issue\":{\"id\":" + i + "}}");
        }
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        ConsoleHttp.Reply unconfirmed = http.post("/ocean/api/dead-letters/discard?path=webhook", null, "",
                "Origin", origin());
        assertThat(unconfirmed.status()).isEqualTo(409);
        assertThat(unconfirmed.json().path("matched").asInt()).isEqualTo(2);
        assertThat(ocean.deadLetters()).hasSize(3);

        ConsoleHttp.Reply confirmed = http.post("/ocean/api/dead-letters/discard?path=webhook&confirm=2", null, "",
                "Origin", origin());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().path("discarded").asInt()).isEqualTo(2);
        assertThat(ocean.deadLetters()).extracting(io.ocean.webhook.DeadLetter::path).containsExactly("/other");
    }

    @Test
    void aPausedPathAcceptsEventsButRunsThemOnlyAfterResumeAndTheActionsAreCounted() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        start(cfg -> cfg.metrics.registry(registry));
        assertThat(http.post("/ocean/api/paths/webhook/pause", null, "").status()).as("no Origin, no token")
                .isEqualTo(403);
        assertThat(http.post("/ocean/api/paths/nowhere/pause", null, "", "Origin", origin()).status())
                .isEqualTo(404);

        ConsoleHttp.Reply paused = http.post("/ocean/api/paths/webhook/pause", null, "", "Origin", origin());
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().path("paused").asBoolean()).isTrue();
        String held = send("/webhook", "{\"issue\":{\"id\":7}}");
        String other = send("/other", "{\"issue\":{\"id\":8}}");
        assertThat(held).isNotBlank();
        await("/ocean/api/events?outcome=processed", events -> traceIds(events.path("events")).contains(other));
        assertThat(pathStatus("/webhook").path("paused").asBoolean()).isTrue();
        // the queue depth is read from the store at most once a second
        await("/ocean/api/status", status -> pathStatus("/webhook").path("queued").asLong() == 1);
        assertThat(pathStatus("/other").path("paused").asBoolean()).isFalse();
        assertThat(traceIds(events("?outcome=processed"))).doesNotContain(held);

        ConsoleHttp.Reply resumed = http.post("/ocean/api/paths/webhook/resume", null, "", "Origin", origin());
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().path("paused").asBoolean()).isFalse();
        await("/ocean/api/events?outcome=processed", events -> traceIds(events.path("events")).contains(held));
        assertThat(pathStatus("/webhook").path("paused").asBoolean()).isFalse();
        assertThat(registry.get("ocean.console.actions").tag("action", "pause").tag("by", "loopback").counter()
                .count()).isEqualTo(1.0);
        assertThat(registry.get("ocean.console.actions").tag("action", "resume").counter().count()).isEqualTo(1.0);
    }

    private JsonNode pathStatus(String path) {
        for (JsonNode entry : http.get("/ocean/api/status").json().path("paths")) {
            if (entry.path("path").asText().equals(path)) {
                return entry;
            }
        }
        throw new AssertionError("no " + path + " in the status");
    }

    @Test
    void aDeadLetterIsListedAndReplayedBackIntoEvents() {
        behaviour.failing.set(true);
        start(cfg -> { });
        String traceId = send("/webhook", "{\"issue\":{\"id\":4}}");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        JsonNode letters = http.get("/ocean/api/dead-letters").json().path("deadLetters");
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.path("traceId").asText()).isEqualTo(traceId);
            assertThat(letter.path("path").asText()).isEqualTo("/webhook");
            assertThat(letter.path("reason").asText()).contains("downstream refused issue 4");
            assertThat(letter.path("attempts").asInt()).isEqualTo(1);
            assertThat(letter.path("failedAt").asText()).isNotBlank();
        });
        assertThat(traceIds(events("?outcome=dead-letter"))).containsExactly(traceId);
        assertThat(http.get("/ocean/api/events/" + traceId).json().path("reason").asText())
                .contains("downstream refused");

        behaviour.failing.set(false);
        ConsoleHttp.Reply replay = http.post("/ocean/api/dead-letters/" + traceId + "/replay", null, "",
                "Origin", origin());
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().path("traceId").asText()).isEqualTo(traceId);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        JsonNode event = http.get("/ocean/api/events/" + traceId).json();
        assertThat(event.path("outcome").asText()).isEqualTo("processed");
        assertThat(event.path("replays").asInt()).isEqualTo(1);
        assertThat(http.get("/ocean/api/dead-letters").json().path("deadLetters")).isEmpty();
        assertThat(ocean.deadLetters()).isEmpty();
        assertThat(http.post("/ocean/api/dead-letters/" + traceId + "/replay", null, "", "Origin", origin())
                .status()).isEqualTo(404);
    }

    @Test
    void aReplayItsFullQueueRefusesIs503AndTheDeadLetterIsKept() {
        behaviour.failing.set(true);
        start(cfg -> cfg.webhooks.queueCapacity = 1);
        String dead = send("/webhook", "{\"issue\":{\"id\":1}}");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
        behaviour.retries.set(3);
        behaviour.retryDelaySeconds = 60;
        String waiting = send("/webhook", "{\"issue\":{\"id\":2}}");
        await("/ocean/api/events/" + waiting, event -> event.path("outcome").asText().equals("retrying"));

        ConsoleHttp.Reply reply = http.post("/ocean/api/dead-letters/" + dead + "/replay", null, "",
                "Origin", origin());

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isEqualTo("5");
        assertThat(ocean.deadLetters()).extracting(DeadLetter::traceId).containsExactly(dead);
        assertThat(http.get("/ocean/api/events/" + dead).json().path("outcome").asText()).isEqualTo("dead-letter");
    }

    @Test
    void replayingAnUnknownTraceIdIs404AndIsNotCountedAsAReplay() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        start(cfg -> cfg.metrics.registry(registry));

        ConsoleHttp.Reply reply = http.post("/ocean/api/dead-letters/nope/replay", null, "", "Origin", origin());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("error").asText()).isEqualTo("not_found");
        assertThat(registry.find("ocean.console.actions").tag("action", "replay").counter()).isNull();
        assertThat(registry.get("ocean.console.actions").tag("action", "replay-not-found").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void entitiesSearchTheLocalCatalogByBlueprintAndIdentifierAndListRecentChanges() {
        start(cfg -> { });
        String first = send("/webhook", "{\"issue\":{\"id\":101,\"title\":\"alpha\"}}");
        send("/webhook", "{\"issue\":{\"id\":202,\"title\":\"beta\"}}");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        JsonNode all = http.get("/ocean/api/entities").json();
        assertThat(all.path("mode").asText()).isEqualTo("local");
        assertThat(all.path("catalogSize").asInt()).isEqualTo(2);
        assertThat(all.path("blueprints").toString()).isEqualTo("[\"githubIssue\"]");
        assertThat(all.path("recent")).hasSize(2);

        JsonNode found = http.get("/ocean/api/entities?blueprint=githubIssue&q=10").json();
        assertThat(found.path("entities")).singleElement()
                .satisfies(entity -> assertThat(entity.path("identifier").asText()).isEqualTo("101"));
        assertThat(found.path("recent")).singleElement()
                .satisfies(change -> assertThat(change.path("traceId").asText()).isEqualTo(first));
        assertThat(http.get("/ocean/api/entities?blueprint=githubPullRequest").json().path("entities")).isEmpty();
        assertThat(http.get("/ocean/api/entities?q=beta").json().path("entities")).singleElement()
                .satisfies(entity -> assertThat(entity.path("title").asText()).isEqualTo("beta"));
    }

    @Test
    void statusShowsQueuesRatesDeadLettersAndThePortAppConfigWithItsSource() {
        behaviour.failing.set(true);
        start(cfg -> { });
        send("/webhook", "{\"issue\":{\"id\":5}}");
        send("/other", "{\"issue\":{\"id\":6}}");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        JsonNode status = http.get("/ocean/api/status").json();

        assertThat(status.path("paths")).extracting(p -> p.path("path").asText()).containsExactly("/webhook", "/other");
        assertThat(status.path("paths")).allSatisfy(p -> assertThat(p.path("queued").asInt()).isZero());
        assertThat(status.path("deadLetters").asInt()).isEqualTo(2);
        long received = 0;
        long deadLettered = 0;
        for (int i = 0; i < status.path("rates").path("received").size(); i++) {
            received += status.path("rates").path("received").get(i).asLong();
            deadLettered += status.path("rates").path("deadLettered").get(i).asLong();
        }
        assertThat(received).isEqualTo(2);
        assertThat(deadLettered).isEqualTo(2);
        assertThat(status.path("rates").path("stepSeconds").asInt()).isEqualTo(10);
        assertThat(status.path("rates").path("received")).hasSize(90);
        assertThat(status.path("portAppConfig").path("source").asText()).startsWith("code");
        assertThat(status.path("portAppConfig").path("resources").asInt()).isEqualTo(1);
        assertThat(status.path("portAppConfig").path("config").path("resources").get(0).path("kind").asText())
                .isEqualTo("issue");
        assertThat(status.path("lastResync").isNull()).isTrue();
        assertThat(status.path("console").path("access").asText()).isEqualTo("loopback");
    }

    @Test
    void statusShowsTheRunningResyncThenHowTheLastOneEnded() {
        CountDownLatch release = new CountDownLatch(1);
        ocean = ConsoleOceans.start(behaviour, cfg -> { }, registering -> registering.onResync("issue", kind -> {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the resync");
            }
            return Stream.of(List.of(Json.MAPPER.readTree("{\"issue\":{\"id\":7,\"title\":\"resynced\"}}")));
        }));
        http = new ConsoleHttp(ocean.port());

        JsonNode running = await("/ocean/api/status", s -> "running".equals(s.path("lastResync").path("status").asText()));
        assertThat(running.path("lastResync").path("startedAt").asText()).isNotEmpty();
        release.countDown();
        JsonNode done = await("/ocean/api/status",
                s -> "completed".equals(s.path("lastResync").path("status").asText()));

        assertThat(done.path("lastResync").path("trigger").asText()).isEqualTo("start");
        assertThat(done.path("lastResync").path("errors").asInt()).isZero();
        assertThat(java.time.Instant.parse(done.path("lastResync").path("finishedAt").asText()))
                .isAfterOrEqualTo(java.time.Instant.parse(done.path("lastResync").path("startedAt").asText()));
        assertThat(http.get("/ocean/api/entities?q=resynced").json().path("entities"))
                .extracting(e -> e.path("identifier").asText()).containsExactly("7");
    }

    @Test
    void thePageAndItsAssetsAreServedFromTheJar() {
        start(cfg -> { });

        ConsoleHttp.Reply page = http.get("/ocean/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("Ocean console").contains("assets/uPlot.iife.min.js");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(http.get("/ocean/assets/uPlot.iife.min.js").body()).contains("uPlot");
        assertThat(http.get("/ocean/assets/console.js").status()).isEqualTo(200);
        assertThat(http.get("/ocean/assets/..%2Fconsole%2Fconsole.js").status()).isEqualTo(404);
        assertThat(http.get("/ocean").status()).isEqualTo(303);
    }
}
