package io.ocean.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
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

    /** An entity with only an identifier and a blueprint. */
    public static Entity of(String identifier, String blueprint) {
        return new Entity(com.fasterxml.jackson.databind.node.TextNode.valueOf(identifier), blueprint, null, null,
                null, Map.of(), Map.of());
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
