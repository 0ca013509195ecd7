package io.ocean.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Port entity, serialised by Jackson exactly as Port's API expects it. Top-level fields with no value
 * ({@code title}, {@code team}, {@code icon}) are absent from the JSON; a property whose value is null is kept as
 * an explicit {@code null}.
 *
 * @param identifier a string, or a search object ({@code {combinator, rules}}) that finds the entity
 * @param blueprint  the blueprint identifier
 * @param title      the title, or null
 * @param team       a team name, a list of names, or a search object; or null
 * @param icon       the icon, or null
 * @param properties property values by name, in mapping order
 * @param relations  relation targets by name, in mapping order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entity(JsonNode identifier, String blueprint, String title, JsonNode team, String icon,
                     Map<String, JsonNode> properties, Map<String, JsonNode> relations) {

    /** Requires an identifier and a blueprint; keeps the order of properties and relations. */
    @JsonCreator
    public Entity(@JsonProperty("identifier") JsonNode identifier,
                  @JsonProperty("blueprint") String blueprint,
                  @JsonProperty("title") String title,
                  @JsonProperty("team") JsonNode team,
                  @JsonProperty("icon") String icon,
                  @JsonProperty("properties") Map<String, JsonNode> properties,
                  @JsonProperty("relations") Map<String, JsonNode> relations) {
        this.identifier = Objects.requireNonNull(identifier, "identifier");
        this.blueprint = Objects.requireNonNull(blueprint, "blueprint");
        this.title = title;
        this.team = team == null || team.isNull() ? null : team;
        this.icon = icon;
        this.properties = ordered(properties);
        this.relations = ordered(relations);
    }

    /**
     * An entity with only an identifier and a blueprint.
     *
     * @deprecated the arguments are in the opposite order of every other blueprint/identifier pair
     *             ({@link EntityRef}, {@code FakePort.entity}, {@link LocalCatalog#entity}); use
     *             {@link #in(String, String)}
     */
    @Deprecated
    public static Entity of(String identifier, String blueprint) {
        return in(blueprint, identifier);
    }

    /**
     * An entity of {@code blueprint} with only an identifier: blueprint first, as in {@link EntityRef} and Port's
     * paths ({@code /v1/blueprints/{blueprint}/entities/{identifier}}).
     */
    public static Entity in(String blueprint, String identifier) {
        return new Entity(TextNode.valueOf(identifier), blueprint, null, null, null, Map.of(), Map.of());
    }

    /** This entity with another title. */
    public Entity withTitle(String newTitle) {
        return new Entity(identifier, blueprint, newTitle, team, icon, properties, relations);
    }

    /** This entity with one more property (a string, number, boolean or any JSON value Jackson can convert). */
    public Entity withProperty(String name, Object value) {
        Map<String, JsonNode> more = new LinkedHashMap<>(properties);
        more.put(name, io.ocean.core.internal.Json.MAPPER.valueToTree(value));
        return new Entity(identifier, blueprint, title, team, icon, more, relations);
    }

    /** This entity with one more relation to the entity identified by {@code target}. */
    public Entity withRelation(String name, String target) {
        Map<String, JsonNode> more = new LinkedHashMap<>(relations);
        more.put(name, TextNode.valueOf(target));
        return new Entity(identifier, blueprint, title, team, icon, properties, more);
    }

    /** The key of this entity: its blueprint and identifier text. */
    public EntityRef ref() {
        return EntityRef.of(this);
    }

    /** Whether the identifier is a search object rather than a string. */
    public boolean hasSearchIdentifier() {
        return identifier.isObject();
    }

    /** The identifier as text: the string itself, or the search object's JSON. */
    public String identifierText() {
        return identifier.isTextual() ? identifier.asText() : identifier.toString();
    }

    private static Map<String, JsonNode> ordered(Map<String, JsonNode> values) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(name, value == null ? NullNode.getInstance() : value));
        return Collections.unmodifiableMap(copy);
    }
}
