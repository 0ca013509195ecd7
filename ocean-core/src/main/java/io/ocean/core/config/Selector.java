package io.ocean.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which items of a resource are synced: {@code query} is a jq expression that must yield a boolean, and
 * every other field (an integration's own filters, such as {@code state: open}) is kept in {@link #extra()}.
 *
 * @param query the jq filter, {@code "true"} by default
 * @param extra the selector's other fields, by name
 */
public record Selector(String query, Map<String, JsonNode> extra) {

    /** The default query: every item passes. */
    public static final String DEFAULT_QUERY = "true";

    /** Defaults a missing query and copies the extra fields. */
    public Selector {
        query = query == null || query.isBlank() ? DEFAULT_QUERY : query;
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** The selector that passes every item. */
    public static Selector all() {
        return new Selector(DEFAULT_QUERY, Map.of());
    }

    /** A selector with only a query. */
    public static Selector of(String query) {
        return new Selector(query, Map.of());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Selector fromJson(Map<String, JsonNode> fields) {
        Map<String, JsonNode> extra = new LinkedHashMap<>(fields);
        JsonNode query = extra.remove("query");
        if (query != null && !query.isNull() && !query.isTextual()) {
            throw new IllegalArgumentException("query must be a jq string, got " + query.getNodeType());
        }
        return new Selector(query == null || query.isNull() ? null : query.asText(), extra);
    }

    /** An extra field by name, or null. */
    public JsonNode extra(String name) {
        return extra.get(name);
    }

    @JsonValue
    Map<String, JsonNode> toJson() {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("query", TextNode.valueOf(query));
        fields.putAll(extra);
        return fields;
    }
}
