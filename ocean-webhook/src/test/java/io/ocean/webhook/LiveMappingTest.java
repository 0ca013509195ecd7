package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.Entity;
import io.ocean.core.EntityChanges;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live events through the jq mapping into the local catalog, end to end over real HTTP. */
class LiveMappingTest {

    static final PortAppConfig OPEN_ISSUES = PortAppConfig.fromYaml("""
            resources:
              - kind: issue
                selector:
                  query: .state == "open"
                port:
                  entity:
                    mappings:
                      identifier: .repository.name + "-" + (.number | tostring)
                      title: .title
                      blueprint: '"githubIssue"'
                      properties:
                        state: .state
                        link: .html_url
                        labels: '[.labels[].name]'
                      relations:
                        repository: .repository.name
            """);

    private final Path stateDir = TestOceans.tempDir();
    private Ocean ocean;
    private Http http;

    private void start(Consumer<Ocean> setup) {
        ocean = TestOceans.create(cfg -> {
            cfg.webhooks.stateDir = stateDir;
            cfg.localCatalog.file = stateDir.resolve("entities.jsonl");
            cfg.portAppConfig(OPEN_ISSUES);
        });
        ocean.addWebhookProcessor("/webhook", GithubIssueProcessor::new);
        setup.accept(ocean);
        ocean.start();
        http = new Http(ocean.port());
    }

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
    }

    private void send(String fixture) throws IOException {
        byte[] body = Files.readAllBytes(GithubFixturesTest.GITHUB.resolve(fixture));
        assertThat(http.post("/integration/webhook", "application/json", body, "X-GitHub-Event", "issues").status())
                .isEqualTo(200);
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void anOpenedIssueBecomesAnEntityAndADeletedOneGoesAway() throws Exception {
        start(o -> { });

        send("issues.opened.json");

        Entity entity = ocean.localCatalog().entity("githubIssue", "Hello-World-1").orElseThrow();
        assertThat(entity.title()).isEqualTo("Spelling error in the README file");
        assertThat(entity.properties().get("state").asText()).isEqualTo("open");
        assertThat(entity.relations().get("repository").asText()).isEqualTo("Hello-World");
        assertThat(ocean.deadLetters()).isEmpty();

        send("issues.deleted.json");

        assertThat(ocean.localCatalog().entities()).isEmpty();
        assertThat(Files.readAllLines(stateDir.resolve("entities.jsonl")))
                .last().isEqualTo("{\"op\":\"delete\",\"blueprint\":\"githubIssue\",\"identifier\":\"Hello-World-1\"}");
    }

    @Test
    void aRestartKeepsWhatTheCatalogHeld() throws Exception {
        start(o -> { });
        send("issues.opened.json");
        ocean.stop();

        start(o -> { });

        assertThat(ocean.localCatalog().entity("githubIssue", "Hello-World-1")).isPresent();
    }

    @Test
    void anIssueThatNoLongerPassesTheSelectorIsDeleted() throws Exception {
        start(o -> { });
        send("issues.opened.json");
        JsonNode closed = Json.MAPPER.readTree(Files.readAllBytes(GithubFixturesTest.GITHUB.resolve("issues.opened.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) closed.get("issue")).put("state", "closed");

        http.post("/integration/webhook", "application/json", Json.MAPPER.writeValueAsBytes(closed),
                "X-GitHub-Event", "issues");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(ocean.localCatalog().entities()).isEmpty();
    }

    @Test
    void aDeletedItemIsDeletedEvenWhenItFailsTheSelector() throws Exception {
        start(o -> { });
        send("issues.opened.json");
        JsonNode deleted = Json.MAPPER.readTree(Files.readAllBytes(GithubFixturesTest.GITHUB.resolve("issues.deleted.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) deleted.get("issue")).put("state", "closed");

        http.post("/integration/webhook", "application/json", Json.MAPPER.writeValueAsBytes(deleted),
                "X-GitHub-Event", "issues");
        assertThat(ocean.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(ocean.localCatalog().entities()).isEmpty();
    }

    @Test
    void registerRawAndUnregisterRawGoThroughTheSameMapping() throws Exception {
        start(o -> o.router().post("/legacy", ctx -> {
            JsonNode issue = Json.MAPPER.readTree(ctx.bodyAsBytes());
            EntityChanges changes = "deleted".equals(issue.path("action").asText())
                    ? o.unregisterRaw("issue", List.of(issue)) : o.registerRaw("issue", List.of(issue));
            ctx.result(changes.upserts().size() + " upserted, " + changes.deletes().size() + " deleted");
        }));
        String issue = "{\"number\":9,\"title\":\"legacy\",\"state\":\"open\",\"labels\":[],\"repository\":{\"name\":\"r\"}}";

        assertThat(http.postJson("/integration/legacy", issue).body()).isEqualTo("1 upserted, 0 deleted");
        assertThat(ocean.localCatalog().entity("githubIssue", "r-9")).isPresent();
        assertThat(http.postJson("/integration/legacy", issue.replace("{\"number\"", "{\"action\":\"deleted\",\"number\""))
                .body()).isEqualTo("0 upserted, 1 deleted");
        assertThat(ocean.localCatalog().entities()).isEmpty();
    }

    @Test
    void anUpsertAndADeleteOfOneEntityInOneEventLeaveItUpserted() throws Exception {
        ocean = TestOceans.create(cfg -> {
            cfg.webhooks.stateDir = stateDir;
            cfg.localCatalog.file = stateDir.resolve("entities.jsonl");
            cfg.portAppConfig(OPEN_ISSUES);
        });
        ocean.addWebhookProcessor("/webhook", event -> new GithubIssueProcessor(event) {
            @Override
            public WebhookEventRawResults handleEvent(JsonNode payload, io.ocean.core.config.ResourceConfig resource) {
                JsonNode issue = super.handleEvent(payload, resource).updatedRawResults().get(0);
                return new WebhookEventRawResults(List.of(issue), List.of(issue));
            }
        });
        ocean.start();
        http = new Http(ocean.port());

        send("issues.opened.json");

        assertThat(ocean.localCatalog().entity("githubIssue", "Hello-World-1")).isPresent();
    }

    @Test
    void brokenMappingsAreReportedButDoNotFailTheEvent() throws Exception {
        ocean = TestOceans.create(cfg -> {
            cfg.webhooks.stateDir = stateDir;
            cfg.localCatalog.file = stateDir.resolve("entities.jsonl");
            cfg.portAppConfig(PortAppConfig.fromYaml("""
                    resources:
                      - kind: issue
                        port:
                          entity:
                            mappings:
                              identifier: .number | tostring
                              blueprint: '"githubIssue"'
                              properties: {broken: '.title | tonumber'}
                    """));
        });
        ocean.addWebhookProcessor("/webhook", GithubIssueProcessor::new);
        ocean.start();
        http = new Http(ocean.port());

        send("issues.opened.json");

        assertThat(ocean.deadLetters()).isEmpty();
        assertThat(ocean.localCatalog().entity("githubIssue", "1").orElseThrow().properties().get("broken").isNull())
                .isTrue();
    }

}
