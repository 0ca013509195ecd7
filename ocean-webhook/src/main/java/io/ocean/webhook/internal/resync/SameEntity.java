package io.ocean.webhook.internal.resync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.ocean.core.Entity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether upserting a mapped entity would change the entity Port holds. Errs towards "changed": anything it cannot
 * compare (a search object, a number written differently) is sent.
 */
final class SameEntity {

    private SameEntity() {
    }

    /** With {@code merge}, fields the mapping does not set are left alone by Port, so they do not count. */
    static boolean same(Entity mapped, JsonNode held, boolean merge) {
        if (mapped.hasSearchIdentifier() || held == null || !held.isObject()) {
            return false;
        }
        return optional(mapped.title(), held.path("title"))
                && optional(mapped.icon(), held.path("icon"))
                && team(mapped.team(), held.path("team"))
                && fields(mapped.properties(), held.path("properties"), merge)
                && fields(mapped.relations(), held.path("relations"), merge);
    }

    private static boolean optional(String mapped, JsonNode held) {
        return mapped == null || mapped.equals(held.isTextual() ? held.asText() : null);
    }

    private static boolean team(JsonNode mapped, JsonNode held) {
        if (mapped == null || mapped.isNull()) {
            return true;
        }
        if (mapped.isObject()) {
            return false;
        }
        return Objects.equals(strings(mapped), strings(held));
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (node.isTextual()) {
            values.add(node.asText());
        }
        return values;
    }

    private static boolean fields(Map<String, JsonNode> mapped, JsonNode held, boolean merge) {
        for (Map.Entry<String, JsonNode> field : mapped.entrySet()) {
            JsonNode value = field.getValue() == null ? NullNode.getInstance() : field.getValue();
            JsonNode current = held.path(field.getKey());
            if (value.isObject() && value.has("combinator")) {
                return false;
            }
            if (!(value.isNull() ? current.isNull() || current.isMissingNode() : value.equals(current))) {
                return false;
            }
        }
        if (!merge && held.isObject()) {
            // a replace clears what the mapping does not set: a value held there is a change
            for (Iterator<Map.Entry<String, JsonNode>> it = held.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!mapped.containsKey(field.getKey()) && !field.getValue().isNull()) {
                    return false;
                }
            }
        }
        return true;
    }
}
