package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.Entity;
import io.ocean.core.internal.Json;
import io.ocean.core.port.EntityOutcome;
import io.ocean.core.port.PortClient;
import io.ocean.core.port.PortClientConfig;
import io.ocean.webhook.Ocean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blueprints from .port/resources/blueprints.json are created in Port once, and FakePort refuses what Port would. */
class BlueprintsTest {

    private static final String FILE = """
            [
              {"identifier": "gitlabMergeRequest", "title": "Merge request",
               "schema": {"properties": {"state": {"type": "string"}, "iid": {"type": "number"}},
                          "required": ["state"]},
               "relations": {"project": {"target": "gitlabProject", "required": false, "many": false}}},
              {"identifier": "gitlabProject", "title": "Project", "schema": {"properties": {}}}
            ]""";

    @TempDir
    Path resources;

    private static JsonNode json(String text) {
        return Json.readOrMissing(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Starts {@code ocean} with the blueprints file as a classpath resource, as a packaged integration has it. */
    private void withBlueprintsFile(Runnable start) throws Exception {
        withBlueprintsFile(resources, FILE, start);
    }

    /**
     * Runs {@code start} with {@code blueprints} written to {@code resources}/.port/resources/blueprints.json and
     * {@code resources} on the thread's context class loader, as a packaged integration has the file.
     */
    static void withBlueprintsFile(Path resources, String blueprints, Runnable start) throws Exception {
        Path file = resources.resolve(".port/resources/blueprints.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, blueprints);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {resources.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            start.run();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void missingBlueprintsAreCreatedAtStartAndAnExistingOneIsNeverOverwritten() throws Exception {
        try (FakePort port = FakePort.start()) {
            port.withBlueprint(json("{\"identifier\": \"gitlabProject\", \"title\": \"Theirs\"}"));
            withBlueprintsFile(() -> {
                startAndStop(port);
                startAndStop(port);
            });

            assertThat(port.blueprint("gitlabProject")).hasValueSatisfying(b ->
                    assertThat(b.path("title").asText()).isEqualTo("Theirs"));
            assertThat(port.blueprint("gitlabMergeRequest")).hasValueSatisfying(b -> {
                assertThat(b.path("schema").path("required").get(0).asText()).isEqualTo("state");
                assertThat(b.path("relations").path("project").path("target").asText()).isEqualTo("gitlabProject");
            });
            assertThat(port.requests()).filteredOn(r -> r.method().equals("POST")
                    && r.path().equals("/v1/blueprints")).as("created once, the existing one left alone")
                    .singleElement().satisfies(r -> assertThat(r.body().path("identifier").asText())
                            .isEqualTo("gitlabMergeRequest"));
        }
    }

    private static void startAndStop(FakePort port) {
        Ocean ocean = Ocean.create(cfg -> cfg.resync.onStart = false);
        Path state = OceanTest.prepare(ocean.config(), port);
        try {
            ocean.start();
        } finally {
            ocean.stop();
            io.ocean.testkit.internal.StateDirs.delete(state);
        }
    }

    @Test
    void aBlueprintPortRefusesFailsTheStartNamingIt() throws Exception {
        try (FakePort port = FakePort.start()) {
            port.failRequestsTo("/v1/blueprints", 422);
            withBlueprintsFile(() -> assertThatThrownBy(() -> startAndStop(port))
                    .hasMessageContaining("blueprint gitlabMergeRequest")
                    .hasMessageContaining("blueprints.json"));
        }
    }

    @Test
    void fakePortRefusesWhatTheBlueprintsForbidAndAcceptsTheRest() throws Exception {
        try (FakePort port = FakePort.start(); PortClient client = PortClient.create(PortClientConfig.custom()
                .baseUrl(port.baseUrl()).clientId(port.clientId()).clientSecret(port.clientSecret())
                .integration("gitlab", "1.0.0", "my-gitlab").build())) {
            for (JsonNode blueprint : json(FILE)) {
                port.withBlueprint(blueprint);
            }
            port.putEntity(Entity.in("gitlabProject", "group/app"), "someone");
            Entity good = Entity.in("gitlabMergeRequest", "good").withProperty("state", "opened")
                    .withProperty("iid", 1).withRelation("project", "group/app");
            List<Entity> bad = List.of(
                    Entity.in("gitlabMergeRequest", "no-state").withProperty("iid", 2),
                    Entity.in("gitlabMergeRequest", "typed").withProperty("state", "opened").withProperty("iid", "2"),
                    Entity.in("gitlabMergeRequest", "undeclared").withProperty("state", "x").withProperty("color", "red"),
                    Entity.in("gitlabMergeRequest", "dangling").withProperty("state", "x")
                            .withRelation("project", "group/nothing"),
                    Entity.in("gitlabPipeline", "unknown-blueprint"));

            List<EntityOutcome> outcomes = new java.util.ArrayList<>(client.upsertEntities(List.of(good), false, false)
                    .get().outcomes());
            for (Entity entity : bad) {
                outcomes.addAll(client.upsertEntities(List.of(entity), false, false).get().outcomes());
            }

            assertThat(outcomes.get(0).ok()).isTrue();
            assertThat(outcomes.subList(1, outcomes.size())).allSatisfy(o -> assertThat(o.ok()).isFalse())
                    .extracting(EntityOutcome::message).containsExactly(
                            "Entity \"no-state\" does not match the schema of blueprint \"gitlabMergeRequest\": "
                                    + "required property \"state\" is missing",
                            "Entity \"typed\" does not match the schema of blueprint \"gitlabMergeRequest\": "
                                    + "property \"iid\" must be of type number, got string",
                            "Entity \"undeclared\" does not match the schema of blueprint \"gitlabMergeRequest\": "
                                    + "property \"color\" is not defined in the blueprint",
                            "Related entity with identifier \"group/nothing\" of relation \"project\" was not found in "
                                    + "blueprint \"gitlabProject\"",
                            "Blueprint with identifier \"gitlabPipeline\" was not found");
            assertThat(port.entity("gitlabMergeRequest", "good")).isPresent();
            assertThat(port.entities()).hasSize(2);
        }
    }

    @Test
    void withoutBlueprintsFakePortAcceptsAnyEntity() throws Exception {
        try (FakePort port = FakePort.start(); PortClient client = PortClient.create(PortClientConfig.custom()
                .baseUrl(port.baseUrl()).clientId(port.clientId()).clientSecret(port.clientSecret())
                .integration("gitlab", "1.0.0", "my-gitlab").build())) {
            assertThat(client.upsertEntities(List.of(Entity.in("anything", "x").withProperty("p", 1)
                    .withRelation("r", "nowhere")), false, false).get().failed()).isEmpty();
        }
    }
}
