package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ocean.core.Entity;
import io.ocean.core.internal.Json;
import io.ocean.webhook.DeadLetter;
import io.ocean.webhook.Ocean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An Ocean configured only through variables writes live events to (Fake)Port. */
class LiveEventsIntoPortTest {

    private final FakePort port = FakePort.start().withPortAppConfig(GithubIssues.mapping("githubIssue"));
    private final Path stateDir = io.ocean.testkit.internal.StateDirs.create();
    private Ocean ocean;

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
        port.close();
        io.ocean.testkit.internal.StateDirs.delete(stateDir);
    }

    private Map<String, String> environment(String version) {
        // snippet:environment
        Map<String, String> env = new HashMap<>();
        env.put("OCEAN__PORT__CLIENT_ID", port.clientId());
        env.put("OCEAN__PORT__CLIENT_SECRET", port.clientSecret());
        env.put("OCEAN__PORT__BASE_URL", port.baseUrl());
        env.put("OCEAN__INTEGRATION__IDENTIFIER", "my-github");
        env.put("OCEAN__INTEGRATION__TYPE", "github");
        env.put("OCEAN__INTEGRATION__VERSION", version);
        env.put("OCEAN__HTTP__PORT", "0");
        env.put("OCEAN__WEBHOOKS__STATE_DIR", stateDir.toString());
        env.put("OCEAN__LOCAL_CATALOG__FILE", stateDir.resolve("entities.jsonl").toString());
        env.put("OCEAN__STARTUP__SHUTDOWN_HOOK", "false");
        // end-snippet
        return env;
    }

    private Ocean start(Map<String, String> env) {
        ocean = Ocean.create(env, cfg -> { });
        ocean.addWebhookProcessor("/webhook", GithubIssues::new);
        return ocean.start();
    }

    private int send(String fixture, java.util.function.UnaryOperator<ObjectNode> change) throws Exception {
        ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(Fixtures.bytes("github/" + fixture));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ocean.port() + "/integration/webhook"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "issues")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(change.apply(payload))))
                .build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private static ObjectNode number(ObjectNode payload, int n) {
        ((ObjectNode) payload.get("issue")).put("number", n);
        return payload;
    }

    @Test
    void anOpenedIssueIsUpsertedWithOurDatasourceAndADeletedOneIsDeleted() throws Exception {
        start(environment("1.0.0"));

        assertThat(send("issues.opened.json", p -> p)).isEqualTo(200);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(20))).isTrue();

        assertThat(port.entity("githubIssue", "Hello-World-1"))
                .hasValueSatisfying(e -> assertThat(e.title()).isEqualTo("Spelling error in the README file"));
        assertThat(port.datasource("githubIssue", "Hello-World-1"))
                .hasValue("port-ocean/github/1.0.0/my-github/exporter");

        assertThat(send("issues.deleted.json", p -> p)).isEqualTo(200);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(20))).isTrue();

        assertThat(port.entity("githubIssue", "Hello-World-1")).isEmpty();
        assertThat(ocean.deadLetters()).isEmpty();
    }

    @Test
    void anEntityOfAnotherIntegrationWithTheSameIdentifierSurvivesADelete() throws Exception {
        port.putEntity(new Entity(TextNode.valueOf("Hello-World-1"), "githubIssue", "theirs", null, null, Map.of(),
                Map.of()), "port-ocean/github/1.0.0/someone-else/exporter");
        start(environment("1.0.0"));

        send("issues.deleted.json", p -> p);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(20))).isTrue();

        assertThat(port.entity("githubIssue", "Hello-World-1"))
                .hasValueSatisfying(e -> assertThat(e.title()).isEqualTo("theirs"));
    }

    @Test
    void registrationCreatesTheIntegrationOnceAndPatchesOnAVersionChange() {
        start(environment("1.0.0"));
        ocean.stop();
        start(environment("1.0.0"));
        ocean.stop();
        start(environment("1.1.0"));

        assertThat(port.requests()).filteredOn(r -> r.method().equals("POST") && r.path().equals("/v1/integration"))
                .singleElement().satisfies(r -> {
                    assertThat(r.body().path("installationId").asText()).isEqualTo("my-github");
                    assertThat(r.body().path("installationAppType").asText()).isEqualTo("github");
                    assertThat(r.body().path("version").asText()).isEqualTo("1.0.0");
                });
        assertThat(port.requests()).filteredOn(r -> r.method().equals("PATCH")).singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo(Json.MAPPER.createObjectNode().put("version", "1.1.0")));
        assertThat(port.integration()).hasValueSatisfying(i -> assertThat(i.path("version").asText()).isEqualTo("1.1.0"));
    }

    @Test
    void aConfigChangeInPortIsPickedUpAfterTheCacheTime() throws Exception {
        Map<String, String> env = environment("1.0.0");
        env.put("OCEAN__PORT__APP_CONFIG_CACHE_SECONDS", "1");
        start(env);
        assertThat(ocean.portAppConfig().resources().get(0).port().entity().mappings().blueprint())
                .isEqualTo("\"githubIssue\"");

        port.withPortAppConfig(GithubIssues.mapping("ticket"));
        waitFor(() -> ocean.portAppConfig().resources().get(0).port().entity().mappings().blueprint()
                .equals("\"ticket\""));
        send("issues.opened.json", p -> p);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(20))).isTrue();

        assertThat(port.entity("ticket", "Hello-World-1")).isPresent();
    }

    @Test
    void whenPortCannotServeTheConfigWebhooksStillWorkWithTheLastOne() throws Exception {
        Map<String, String> env = environment("1.0.0");
        env.put("OCEAN__PORT__APP_CONFIG_CACHE_SECONDS", "1");
        start(env);
        port.failRequestsTo("/v1/integration", 503);
        int before = port.requests().size();
        waitFor(() -> port.requests().stream().skip(before).filter(r -> r.path().startsWith("/v1/integration"))
                .count() >= 3);

        assertThat(send("issues.opened.json", p -> p)).isEqualTo(200);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(20))).isTrue();

        assertThat(port.entity("githubIssue", "Hello-World-1")).isPresent();
        assertThat(ocean.deadLetters()).isEmpty();
    }

    @Test
    void withThirtyPercentOfCallsFailingEveryEntityArrives() throws Exception {
        port.failRandomly(0.3, 429, 503);
        start(environment("1.0.0"));

        for (int n = 1; n <= 30; n++) {
            int issue = n;
            assertThat(send("issues.opened.json", p -> number(p, issue))).isEqualTo(200);
        }
        assertThat(ocean.awaitIdle(Duration.ofSeconds(120))).isTrue();

        assertThat(ocean.deadLetters()).isEmpty();
        assertThat(port.entities()).hasSize(30);
    }

    @Test
    void aPermanent422OnOneEntityDeadLettersItsEventAndTheOthersAreApplied() throws Exception {
        port.partialFailure("Hello-World-2");
        start(environment("1.0.0"));

        send("issues.opened.json", p -> number(p, 1));
        send("issues.opened.json", p -> number(p, 2));
        send("issues.opened.json", p -> number(p, 3));
        assertThat(ocean.awaitIdle(Duration.ofSeconds(20))).isTrue();

        assertThat(port.entities()).extracting(Entity::identifierText)
                .containsExactlyInAnyOrder("Hello-World-1", "Hello-World-3");
        assertThat(ocean.deadLetters()).singleElement().extracting(DeadLetter::reason).asString()
                .contains("Hello-World-2").contains("422").contains("FakePort refuses Hello-World-2");
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // poll, do not spin
        }
    }
}
