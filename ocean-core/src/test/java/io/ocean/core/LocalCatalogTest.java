package io.ocean.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCatalogTest {

    private static final PortAppConfig MERGE = PortAppConfig.empty();
    private static final PortAppConfig REPLACE = new PortAppConfig(false, true, true, 0.9, List.of());

    @TempDir
    Path dir;

    private static Entity entity(String id, String title, Map<String, JsonNode> properties) {
        return new Entity(TextNode.valueOf(id), "issue", title, null, null, properties, Map.of());
    }

    @Test
    void upsertsAndDeletesAreHeldAndAppendedOneCompactLineEach() throws Exception {
        Path file = dir.resolve("state/entities.jsonl");
        try (LocalCatalog catalog = LocalCatalog.open(file)) {
            catalog.apply(new EntityChanges(List.of(entity("1", "first", Map.of("n", IntNode.valueOf(1)))),
                    List.of()), MERGE);
            catalog.apply(new EntityChanges(List.of(), List.of(new EntityRef("issue", "1"))), MERGE);

            assertThat(catalog.entities()).isEmpty();
        }
        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"op\":\"upsert\",\"entity\":{\"identifier\":\"1\",\"blueprint\":\"issue\",\"title\":\"first\","
                        + "\"properties\":{\"n\":1},\"relations\":{}}}",
                "{\"op\":\"delete\",\"blueprint\":\"issue\",\"identifier\":\"1\"}");
    }

    @Test
    void theCatalogFileIsReadableByItsOwnerOnlyWhenWrittenAndWhenCompacted() throws Exception {
        Path file = dir.resolve("state/entities.jsonl");
        try (LocalCatalog catalog = LocalCatalog.open(file)) {
            catalog.apply(new EntityChanges(List.of(entity("1", "first", Map.of())), List.of()), MERGE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            catalog.compact();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void mergeKeepsPropertiesTheUpdateDoesNotSet() throws Exception {
        try (LocalCatalog catalog = LocalCatalog.open(dir.resolve("e.jsonl"))) {
            catalog.apply(new EntityChanges(List.of(entity("1", "old", Map.of("a", IntNode.valueOf(1),
                    "b", IntNode.valueOf(2)))), List.of()), MERGE);
            catalog.apply(new EntityChanges(List.of(entity("1", null, Map.of("b", IntNode.valueOf(3)))), List.of()),
                    MERGE);

            Entity merged = catalog.entity("issue", "1").orElseThrow();
            assertThat(merged.title()).isEqualTo("old");
            assertThat(merged.properties()).containsEntry("a", IntNode.valueOf(1)).containsEntry("b", IntNode.valueOf(3));
        }
    }

    @Test
    void withoutMergeAnUpsertReplacesTheEntity() throws Exception {
        try (LocalCatalog catalog = LocalCatalog.open(dir.resolve("e.jsonl"))) {
            catalog.apply(new EntityChanges(List.of(entity("1", "old", Map.of("a", IntNode.valueOf(1)))), List.of()),
                    REPLACE);
            catalog.apply(new EntityChanges(List.of(entity("1", null, Map.of("b", IntNode.valueOf(3)))), List.of()),
                    REPLACE);

            Entity replaced = catalog.entity("issue", "1").orElseThrow();
            assertThat(replaced.title()).isNull();
            assertThat(replaced.properties()).containsOnlyKeys("b");
        }
    }

    @Test
    void reopeningRestoresTheEntitiesAndCompactsTheFile() throws Exception {
        Path file = dir.resolve("e.jsonl");
        try (LocalCatalog catalog = LocalCatalog.open(file)) {
            for (int i = 0; i < 3; i++) {
                catalog.apply(new EntityChanges(List.of(entity("1", "v" + i, Map.of()), entity("2", "x", Map.of())),
                        List.of()), MERGE);
            }
            catalog.apply(new EntityChanges(List.of(), List.of(new EntityRef("issue", "2"))), MERGE);
        }
        assertThat(Files.readAllLines(file)).hasSize(7);

        try (LocalCatalog reopened = LocalCatalog.open(file)) {
            assertThat(reopened.entities()).extracting(Entity::title).containsExactly("v2");
        }
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void aTornLastLineIsIgnored() throws Exception {
        Path file = dir.resolve("e.jsonl");
        try (LocalCatalog catalog = LocalCatalog.open(file)) {
            catalog.apply(new EntityChanges(List.of(entity("1", "kept", Map.of())), List.of()), MERGE);
        }
        Files.writeString(file, "{\"op\":\"upsert\",\"entity\":{\"identifier\":\"2\",\"bluep", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        try (LocalCatalog reopened = LocalCatalog.open(file)) {
            assertThat(reopened.entities()).extracting(Entity::identifierText).containsExactly("1");
        }
        assertThat(Files.readAllLines(file)).hasSize(1).allSatisfy(line -> assertThat(Json.MAPPER.readTree(line)).isNotNull());
    }

    @Test
    void entitiesIdentifiedBySearchAreSkipped() throws Exception {
        JsonNode search = Json.MAPPER.readTree("{\"combinator\":\"and\",\"rules\":[]}");
        try (LocalCatalog catalog = LocalCatalog.open(dir.resolve("e.jsonl"))) {
            catalog.apply(new EntityChanges(List.of(new Entity(search, "issue", null, null, null, Map.of(), Map.of())),
                    List.of()), MERGE);

            assertThat(catalog.entities()).isEmpty();
        }
    }
}
