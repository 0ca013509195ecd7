package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ocean.core.Entity;
import io.ocean.core.config.EntityMapping;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds one entity from one item: every mapping leaf is jq; its first output is used, no output is null, an error
 * is null plus a recorded error. No entity without a non-empty identifier and blueprint.
 */
final class EntityBuilder {

    private EntityBuilder() {
    }

    /** The entity, or null when the item has no usable identifier or blueprint (the batch is told why). */
    static Entity build(EntityMapping mapping, JsonNode item, MappingBatch batch) {
        JsonNode identifier = identifier(leafOrSearch("identifier", mapping.identifier(), item, batch));
        JsonNode blueprint = batch.eval("blueprint", mapping.blueprint(), item);
        if (identifier == null) {
            batch.skip("the identifier is empty or not a string");
            return null;
        }
        if (blueprint == null || !blueprint.isTextual() || blueprint.asText().isEmpty()) {
            batch.skip("the blueprint is empty or not a string");
            return null;
        }
        String title = text(optional("title", mapping.title(), item, batch));
        JsonNode team = mapping.team() == null ? null : leafOrSearch("team", mapping.team(), item, batch);
        String icon = text(optional("icon", mapping.icon(), item, batch));
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        mapping.properties().forEach((name, expression) -> properties.put(name,
                orNull(batch.eval("properties." + name, expression, item))));
        Map<String, JsonNode> relations = new LinkedHashMap<>();
        mapping.relations().forEach((name, value) -> relations.put(name,
                orNull(leafOrSearch("relations." + name, value, item, batch))));
        return new Entity(identifier, blueprint.asText(), title, team, icon, properties, relations);
    }

    private static JsonNode optional(String field, String expression, JsonNode item, MappingBatch batch) {
        return expression == null ? null : batch.eval(field, expression, item);
    }

    /** A jq string is evaluated; a search object is copied with each string leaf evaluated. */
    private static JsonNode leafOrSearch(String field, JsonNode mapping, JsonNode item, MappingBatch batch) {
        if (mapping.isTextual()) {
            return batch.eval(field, mapping.asText(), item);
        }
        if (mapping.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = mapping.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = fields.next();
                out.set(entry.getKey(), orNull(leafOrSearch(field + "." + entry.getKey(), entry.getValue(), item, batch)));
            }
            return out;
        }
        if (mapping.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < mapping.size(); i++) {
                out.add(orNull(leafOrSearch(field + "[" + i + "]", mapping.get(i), item, batch)));
            }
            return out;
        }
        return mapping;
    }

    /** A usable identifier: a non-empty string (a number becomes its text) or a search object. */
    private static JsonNode identifier(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return TextNode.valueOf(value.asText());
        }
        if (value.isTextual() && !value.asText().isEmpty()) {
            return value;
        }
        return value.isObject() ? value : null;
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static JsonNode orNull(JsonNode value) {
        return value == null ? NullNode.getInstance() : value;
    }
}
