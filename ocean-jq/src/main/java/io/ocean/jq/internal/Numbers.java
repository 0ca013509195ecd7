package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** Makes numbers read as jq prints them: a whole double such as {@code 2.0} becomes the integer {@code 2}. */
final class Numbers {

    private static final double EXACT_LIMIT = 9.007199254740992E15;

    private Numbers() {
    }

    /** The value with whole doubles made integers, copying only what changes. */
    static JsonNode normalize(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isFloatingPointNumber()) {
            double d = value.asDouble();
            return d == Math.rint(d) && Math.abs(d) < EXACT_LIMIT ? LongNode.valueOf((long) d) : value;
        }
        if (value.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                JsonNode normalized = normalize(element);
                if (normalized != element && copy == null) {
                    copy = ((ArrayNode) value).deepCopy();
                }
                if (copy != null) {
                    copy.set(i, normalized);
                }
            }
            return copy == null ? value : copy;
        }
        if (value.isObject()) {
            ObjectNode copy = null;
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode normalized = normalize(field.getValue());
                if (normalized != field.getValue()) {
                    if (copy == null) {
                        copy = ((ObjectNode) value).deepCopy();
                    }
                    copy.set(field.getKey(), normalized);
                }
            }
            return copy == null ? value : copy;
        }
        return value;
    }
}
