package io.ocean.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.internal.Json;
import io.ocean.core.internal.JsonLines;
import io.ocean.core.internal.RefusedEntitiesException;
import io.ocean.core.internal.blueprint.BlueprintRules;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog an integration writes to when it has no Port credentials: entities in memory by (blueprint,
 * identifier), every change appended to a file of one compact JSON object per line
 * ({@code {"op":"upsert","entity":{...}}} or {@code {"op":"delete","blueprint":"...","identifier":"..."}}), and the
 * file read back (and compacted) when the catalog is opened. Upserts merge into an existing entity when
 * {@code enableMergeEntity} is true, as Port does. Entities identified by a search object are logged and skipped:
 * only Port can resolve a search. Opened with blueprints (those of {@code .port/resources/blueprints.json}), it
 * refuses what Port and FakePort refuse, with the same texts: an unknown blueprint, an undeclared or mistyped
 * property, a missing required property or relation, a relation to an entity it does not hold.
 */
public final class LocalCatalog implements EntitySink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalCatalog.class);

    private final Path file;
    private final Map<EntityRef, Entity> entities = new LinkedHashMap<>();
    private final Map<String, JsonNode> blueprints = new LinkedHashMap<>();
    private BufferedWriter out;

    private LocalCatalog(Path file, List<? extends JsonNode> blueprints) {
        this.file = file;
        for (JsonNode blueprint : blueprints) {
            this.blueprints.put(blueprint.path("identifier").asText(), blueprint.deepCopy());
        }
    }

    /**
     * Opens the catalog backed by {@code file}, loading what it holds; a torn or unreadable line is skipped with a
     * warning and the file is rewritten with one upsert per entity.
     *
     * @throws OceanException when the file cannot be read or written
     */
    public static LocalCatalog open(Path file) {
        return open(file, List.of());
    }

    /**
     * Opens the catalog backed by {@code file}, as {@link #open(Path)} does, validating upserts against
     * {@code blueprints} (Port's blueprint objects: {@code identifier}, {@code schema.properties} with types,
     * {@code schema.required}, {@code relations} with {@code target} and {@code required}); with none, every entity
     * is accepted. Entities already in the file are not checked again.
     *
     * @throws OceanException when the file cannot be read or written
     */
    public static LocalCatalog open(Path file, List<? extends JsonNode> blueprints) {
        LocalCatalog catalog = new LocalCatalog(file, blueprints);
        catalog.load();
        return catalog;
    }

    /** Every entity, in the order first written. */
    public synchronized List<Entity> entities() {
        return List.copyOf(entities.values());
    }

    /** The entity with this blueprint and identifier, if the catalog holds it. */
    public synchronized Optional<Entity> entity(String blueprint, String identifier) {
        return Optional.ofNullable(entities.get(new EntityRef(blueprint, identifier)));
    }

    /** How many entities the catalog holds. */
    public synchronized int size() {
        return entities.size();
    }

    /** The file the catalog writes to. */
    public Path file() {
        return file;
    }

    /**
     * Applies the changes in order; an upsert the blueprints refuse is not written, the others are, and then the
     * call fails with an {@link OceanException} naming each refused entity and why, as a refusal by Port does.
     */
    @Override
    public synchronized void apply(EntityChanges changes, PortAppConfig config) throws IOException {
        List<String> refused = new ArrayList<>();
        for (Entity entity : changes.upserts()) {
            if (entity.hasSearchIdentifier()) {
                log.warn("skipped upsert of a {} identified by a search ({}): only Port resolves searches",
                        entity.blueprint(), entity.identifier());
                continue;
            }
            BlueprintRules.Refusal refusal = BlueprintRules.refusal(!blueprints.isEmpty(), blueprints::get,
                    entity.blueprint(), Json.MAPPER.valueToTree(entity), config.createMissingRelatedEntities(),
                    (blueprint, identifier) -> entities.containsKey(new EntityRef(blueprint, identifier)));
            if (refusal != null) {
                // logged by the event that made the change, with its trace id, from the exception's message
                refused.add(entity.blueprint() + "/" + entity.identifierText() + ": " + refusal.status() + " "
                        + refusal.message());
                continue;
            }
            EntityRef ref = EntityRef.of(entity);
            Entity merged = config.enableMergeEntity() ? merge(entities.get(ref), entity) : entity;
            entities.put(ref, merged);
            write(Json.MAPPER.createObjectNode().put("op", "upsert").set("entity", Json.MAPPER.valueToTree(merged)));
            log.info("local catalog: upserted {}/{}", ref.blueprint(), ref.identifier());
        }
        for (EntityRef ref : changes.deletes()) {
            boolean held = entities.remove(ref) != null;
            write(Json.MAPPER.createObjectNode().put("op", "delete").put("blueprint", ref.blueprint())
                    .put("identifier", ref.identifier()));
            log.info("local catalog: deleted {}/{}{}", ref.blueprint(), ref.identifier(), held ? "" : " (was absent)");
        }
        if (out != null) {
            out.flush();
        }
        if (!refused.isEmpty()) {
            throw new RefusedEntitiesException(refused.size(), "the local catalog refused " + refused.size()
                    + " entit" + (refused.size() == 1 ? "y" : "ies") + ": " + String.join("; ", refused));
        }
    }

    /**
     * Rewrites the file with one upsert per entity held, dropping the history of changes and deleted entities (a
     * resync prunes the file this way after deleting stale entities).
     *
     * @throws OceanException when the file cannot be written
     */
    public synchronized void compact() {
        close();
        JsonLines.rewrite(file, entities.values().stream()
                .map(e -> (JsonNode) Json.MAPPER.createObjectNode().put("op", "upsert")
                        .set("entity", Json.MAPPER.valueToTree(e)))
                .toList());
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                log.warn("closing {} failed", file, e);
            }
            out = null;
        }
    }

    /** Port's merge: properties and relations of the update win key by key; set top-level fields replace. */
    static Entity merge(Entity existing, Entity update) {
        if (existing == null) {
            return update;
        }
        Map<String, JsonNode> properties = new LinkedHashMap<>(existing.properties());
        properties.putAll(update.properties());
        Map<String, JsonNode> relations = new LinkedHashMap<>(existing.relations());
        relations.putAll(update.relations());
        return new Entity(update.identifier(), update.blueprint(),
                update.title() != null ? update.title() : existing.title(),
                update.team() != null ? update.team() : existing.team(),
                update.icon() != null ? update.icon() : existing.icon(), properties, relations);
    }

    private void load() {
        for (JsonNode line : JsonLines.read(file)) {
            String op = line.path("op").asText();
            try {
                if (op.equals("upsert")) {
                    Entity entity = Json.MAPPER.treeToValue(line.path("entity"), Entity.class);
                    entities.put(EntityRef.of(entity), entity);
                } else if (op.equals("delete")) {
                    entities.remove(new EntityRef(line.path("blueprint").asText(), line.path("identifier").asText()));
                } else {
                    log.warn("{}: a line with unknown op '{}' was skipped", file, op);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("{}: a line that is not an entity change was skipped: {}", file, e.getMessage());
            }
        }
        if (Files.exists(file)) {
            JsonLines.rewrite(file, entities.values().stream()
                    .map(e -> (JsonNode) Json.MAPPER.createObjectNode().put("op", "upsert")
                            .set("entity", Json.MAPPER.valueToTree(e)))
                    .toList());
        }
        if (!entities.isEmpty()) {
            log.info("local catalog: {} entities loaded from {}", entities.size(), file);
        }
    }

    private void write(ObjectNode line) throws IOException {
        if (out == null) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            JsonLines.ownerOnly(file);
        }
        out.write(Json.MAPPER.writeValueAsString(line));
        out.write('\n');
    }
}
