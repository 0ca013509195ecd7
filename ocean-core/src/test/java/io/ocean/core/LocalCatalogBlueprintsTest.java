package io.ocean.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.internal.Json;
import io.ocean.core.internal.RefusedEntitiesException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opened with blueprints, the local catalog refuses what Port would and writes the rest. */
class LocalCatalogBlueprintsTest {

    /** Relations are checked only when Port would not create the missing targets. */
    private static final PortAppConfig NO_MISSING_TARGETS = new PortAppConfig(true, true, false, 0.9, List.of());

    private static final List<JsonNode> BLUEPRINTS = java.util.stream.StreamSupport.stream(json("""
            [
              {"identifier": "mr", "schema": {"properties": {"state": {"type": "string"}, "iid": {"type": "number"}},
                                              "required": ["state"]},
               "relations": {"project": {"target": "project", "required": false}}},
              {"identifier": "project", "schema": {"properties": {}}},
              {"identifier": "pipeline", "schema": {"properties": {}},
               "relations": {"project": {"target": "project", "required": true}}}
            ]""").spliterator(), false).toList();

    @TempDir
    Path dir;

    private static JsonNode json(String text) {
        return Json.readOrMissing(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(LocalCatalog catalog, Entity entity) {
        try {
            catalog.apply(new EntityChanges(List.of(entity), List.of()), NO_MISSING_TARGETS);
            return null;
        } catch (RefusedEntitiesException e) {
            assertThat(e.count()).isEqualTo(1);
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eachKindOfMismatchIsRefusedWithPortsTextAndNothingRefusedIsWritten() throws Exception {
        Path file = dir.resolve("entities.jsonl");
        try (LocalCatalog catalog = LocalCatalog.open(file, BLUEPRINTS)) {
            catalog.apply(new EntityChanges(List.of(Entity.in("project", "group/app")), List.of()),
                    NO_MISSING_TARGETS);

            assertThat(List.of(
                    refusal(catalog, Entity.in("mr", "no-state").withProperty("iid", 2)),
                    refusal(catalog, Entity.in("mr", "typed").withProperty("state", "x").withProperty("iid", "2")),
                    refusal(catalog, Entity.in("mr", "undeclared").withProperty("state", "x")
                            .withProperty("color", "red")),
                    refusal(catalog, Entity.in("mr", "dangling").withProperty("state", "x")
                            .withRelation("project", "group/nothing")),
                    refusal(catalog, Entity.in("pipeline", "orphan")),
                    refusal(catalog, Entity.in("issue", "unknown-blueprint")))).containsExactly(
                    "the local catalog refused 1 entity: mr/no-state: 422 Entity \"no-state\" does not match the "
                            + "schema of blueprint \"mr\": required property \"state\" is missing",
                    "the local catalog refused 1 entity: mr/typed: 422 Entity \"typed\" does not match the schema "
                            + "of blueprint \"mr\": property \"iid\" must be of type number, got string",
                    "the local catalog refused 1 entity: mr/undeclared: 422 Entity \"undeclared\" does not match "
                            + "the schema of blueprint \"mr\": property \"color\" is not defined in the blueprint",
                    "the local catalog refused 1 entity: mr/dangling: 404 Related entity with identifier "
                            + "\"group/nothing\" of relation \"project\" was not found in blueprint \"project\"",
                    "the local catalog refused 1 entity: pipeline/orphan: 422 Entity \"orphan\" does not match the "
                            + "schema of blueprint \"pipeline\": required relation \"project\" is missing",
                    "the local catalog refused 1 entity: issue/unknown-blueprint: 404 Blueprint with identifier "
                            + "\"issue\" was not found");
            assertThat(catalog.entities()).extracting(Entity::identifierText).containsExactly("group/app");
        }
        assertThat(Files.readAllLines(file)).singleElement().asString().contains("group/app");
    }

    @Test
    void theValidEntitiesOfAChangeAreWrittenAndTheRefusedOnesCounted() throws Exception {
        try (LocalCatalog catalog = LocalCatalog.open(dir.resolve("entities.jsonl"), BLUEPRINTS)) {
            Entity project = Entity.in("project", "group/app");
            Entity good = Entity.in("mr", "good").withProperty("state", "opened").withProperty("iid", 1)
                    .withRelation("project", "group/app");

            assertThatThrownBy(() -> catalog.apply(new EntityChanges(List.of(project, Entity.in("mr", "bad"), good,
                    Entity.in("nothing", "x")), List.of()), NO_MISSING_TARGETS))
                    .isInstanceOfSatisfying(RefusedEntitiesException.class, e -> assertThat(e.count()).isEqualTo(2))
                    .hasMessageStartingWith("the local catalog refused 2 entities: mr/bad: 422 ");

            assertThat(catalog.entities()).containsExactly(project, good);
        }
    }

    @Test
    void withCreateMissingRelatedEntitiesARelationToAnAbsentEntityIsAccepted() throws Exception {
        try (LocalCatalog catalog = LocalCatalog.open(dir.resolve("entities.jsonl"), BLUEPRINTS)) {
            catalog.apply(new EntityChanges(List.of(Entity.in("mr", "m").withProperty("state", "x")
                    .withRelation("project", "group/later")), List.of()), PortAppConfig.empty());

            assertThat(catalog.entity("mr", "m")).isPresent();
        }
    }

    @Test
    void withoutBlueprintsEveryEntityIsAccepted() throws Exception {
        try (LocalCatalog catalog = LocalCatalog.open(dir.resolve("entities.jsonl"))) {
            catalog.apply(new EntityChanges(List.of(Entity.in("anything", "x").withProperty("p", 1)
                    .withRelation("r", "nowhere")), List.of()), NO_MISSING_TARGETS);

            assertThat(catalog.entity("anything", "x")).isPresent();
        }
    }
}
