package io.ocean.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The jq expressions that build one entity from one item. Every leaf is a jq string; {@code identifier},
 * {@code team} and relation values may instead be search objects
 * ({@code {combinator, rules: [{property, operator, value}]}}) whose leaves are jq strings.
 *
 * @param identifier jq string or search object; required
 * @param title      jq string, or null
 * @param blueprint  jq string; required
 * @param team       jq string or search object, or null
 * @param icon       jq string, or null
 * @param properties jq string per property name
 * @param relations  jq string or search object per relation name
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityMapping(JsonNode identifier,
                            String title,
                            String blueprint,
                            JsonNode team,
                            String icon,
                            Map<String, String> properties,
                            Map<String, JsonNode> relations) {

    /** Requires identifier and blueprint, checks the shape of search objects, and copies the maps in order. */
    @JsonCreator
    public EntityMapping(@JsonProperty("identifier") JsonNode identifier,
                         @JsonProperty("title") String title,
                         @JsonProperty("blueprint") String blueprint,
                         @JsonProperty("team") JsonNode team,
                         @JsonProperty("icon") String icon,
                         @JsonProperty("properties") Map<String, String> properties,
                         @JsonProperty("relations") Map<String, JsonNode> relations) {
        if (identifier == null || identifier.isNull()) {
            throw new IllegalArgumentException("identifier is required");
        }
        if (blueprint == null || blueprint.isBlank()) {
            throw new IllegalArgumentException("blueprint is required");
        }
        this.identifier = checkJqOrSearch("identifier", identifier);
        this.title = title;
        this.blueprint = blueprint;
        this.team = team == null || team.isNull() ? null : checkJqOrSearch("team", team);
        this.icon = icon;
        this.properties = properties == null ? Map.of() : orderedCopy(properties);
        Map<String, JsonNode> checked = new LinkedHashMap<>();
        if (relations != null) {
            relations.forEach((name, value) -> checked.put(name, checkJqOrSearch("relations." + name, value)));
        }
        this.relations = java.util.Collections.unmodifiableMap(checked);
    }

    /**
     * A mapping with only the required fields, given as jq strings.
     *
     * @deprecated the arguments are in the opposite order of every other blueprint/identifier pair; use
     *             {@link #in(String, String)}
     */
    @Deprecated
    public static EntityMapping of(String identifier, String blueprint) {
        return in(blueprint, identifier);
    }

    /**
     * A mapping with only the required fields, given as jq strings, blueprint first (as in
     * {@code io.ocean.core.EntityRef}): {@code EntityMapping.in("\"service\"", ".id | tostring")}.
     */
    public static EntityMapping in(String blueprint, String identifier) {
        return new EntityMapping(TextNode.valueOf(identifier), null, blueprint, null, null, Map.of(), Map.of());
    }

    /** This mapping with the given title expression. */
    public EntityMapping withTitle(String titleExpression) {
        return new EntityMapping(identifier, titleExpression, blueprint, team, icon, properties, relations);
    }

    /** This mapping with one more property expression. */
    public EntityMapping withProperty(String name, String expression) {
        Map<String, String> more = new LinkedHashMap<>(properties);
        more.put(name, expression);
        return new EntityMapping(identifier, title, blueprint, team, icon, more, relations);
    }

    /** This mapping with one more relation expression. */
    public EntityMapping withRelation(String name, String expression) {
        Map<String, JsonNode> more = new LinkedHashMap<>(relations);
        more.put(name, TextNode.valueOf(expression));
        return new EntityMapping(identifier, title, blueprint, team, icon, properties, more);
    }

    /** Whether the identifier is a search object rather than a jq string. */
    public boolean hasSearchIdentifier() {
        return identifier.isObject();
    }

    private static <V> Map<String, V> orderedCopy(Map<String, V> map) {
        map.forEach((name, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("properties." + name + " must be a jq string, got null");
            }
        });
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static JsonNode checkJqOrSearch(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(field + " must be a jq string or a search object, got null");
        }
        if (value.isTextual()) {
            return value;
        }
        if (value.isObject() && value.path("combinator").isTextual() && value.path("rules").isArray()) {
            return value.deepCopy();
        }
        throw new IllegalArgumentException(field
                + " must be a jq string or a search object {combinator, rules: [{property, operator, value}]}");
    }
}
