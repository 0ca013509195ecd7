package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.Entity;
import io.ocean.core.internal.Json;
import io.ocean.core.port.EntityOutcome;
import io.ocean.core.port.PortClient;
import io.ocean.core.port.PortClientConfig;
import io.ocean.testkit.internal.StateDirs;
import io.ocean.webhook.DeadLetter;
import io.ocean.webhook.Ocean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without Port credentials the local catalog knows the blueprints of .port/resources/blueprints.json and refuses
 * what FakePort (and Port) refuse, with the same text; the refused event is a dead letter, as with Port.
 */
class LocalCatalogBlueprintsTest {

    private static final String FILE = """
            [
              {"identifier": "githubIssue", "title": "Issue",
               "schema": {"properties": {"state": {"type": "string"}}, "required": ["state"]}}
            ]""";

    @TempDir
    Path resources;

    private final Path state = StateDirs.create();
    private Ocean ocean;

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
        StateDirs.delete(state);
    }

    /** Starts an Ocean without Port credentials: its entities go to the local catalog. */
    private Ocean startLocal() {
        ocean = Ocean.create(Map.of(), cfg -> {
            cfg.http.port = 0;
            cfg.http.host = "127.0.0.1";
            cfg.webhooks.stateDir = state;
            cfg.localCatalog.file = state.resolve("entities.jsonl");
            cfg.startup.shutdownHook = false;
            cfg.resync.onStart = false;
            cfg.portAppConfig(GithubIssues.mapping("githubIssue"));
        });
        ocean.addWebhookProcessor("/webhook", GithubIssues::new);
        return ocean.start();
    }

    /** Starts with the blueprints file as a classpath resource, as a packaged integration has it. */
    private void startLocalWithBlueprintsFile() throws Exception {
        BlueprintsTest.withBlueprintsFile(resources, FILE, this::startLocal);
    }

    /** An issues.opened delivery for issue {@code number}, its state removed when {@code withState} is false. */
    private OceanTestClient.Response sendIssue(int number, boolean withState) throws Exception {
        ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(Fixtures.bytes("github/issues.opened.json"));
        ObjectNode issue = (ObjectNode) payload.get("issue");
        issue.put("number", number);
        if (!withState) {
            issue.remove("state");
        }
        return new OceanTestClient(ocean.port()).send("/webhook", payload, Map.of("X-GitHub-Event", "issues"));
    }

    /** What FakePort answers for the same entity against the same blueprints. */
    private static String fakePortRefusal(Entity entity) throws Exception {
        try (FakePort port = FakePort.start(); PortClient client = PortClient.create(PortClientConfig.custom()
                .baseUrl(port.baseUrl()).clientId(port.clientId()).clientSecret(port.clientSecret())
                .integration("github", "1.0.0", "my-github").build())) {
            for (JsonNode blueprint : Json.readOrMissing(FILE.getBytes(StandardCharsets.UTF_8))) {
                port.withBlueprint(blueprint);
            }
            EntityOutcome outcome = client.upsertEntities(List.of(entity), true, true).get().outcomes().get(0);
            assertThat(outcome.ok()).isFalse();
            return outcome.message();
        }
    }

    @Test
    void anEntityMissingARequiredPropertyIsRefusedWithFakePortsTextAndAValidOneIsStored() throws Exception {
        startLocalWithBlueprintsFile();

        assertThat(sendIssue(1, true).status()).isEqualTo(200);
        OceanTestClient.Response refused = sendIssue(2, false);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(30))).isTrue();

        String fakePort = fakePortRefusal(Entity.in("githubIssue", "Hello-World-2")
                .withProperty("state", com.fasterxml.jackson.databind.node.NullNode.getInstance()));
        assertThat(fakePort).isEqualTo("Entity \"Hello-World-2\" does not match the schema of blueprint "
                + "\"githubIssue\": required property \"state\" is missing");
        assertThat(ocean.localCatalog().entity("githubIssue", "Hello-World-1")).isPresent();
        assertThat(ocean.localCatalog().entity("githubIssue", "Hello-World-2")).isEmpty();
        assertThat(Files.readString(state.resolve("entities.jsonl"))).contains("Hello-World-1")
                .doesNotContain("Hello-World-2");
        assertThat(ocean.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.traceId()).isEqualTo(refused.traceId());
            assertThat(dead.reason()).contains("the local catalog refused 1 entity: githubIssue/Hello-World-2: 422 "
                    + fakePort);
        });
    }

    @Test
    void withoutABlueprintsFileTheLocalCatalogAcceptsEveryEntity() throws Exception {
        startLocal();

        assertThat(sendIssue(2, false).status()).isEqualTo(200);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(30))).isTrue();

        assertThat(ocean.localCatalog().entity("githubIssue", "Hello-World-2")).isPresent();
        assertThat(ocean.deadLetters()).extracting(DeadLetter::reason).isEmpty();
    }
}
