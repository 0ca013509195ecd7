package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.config.PortResourceConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code itemsToParse}: each raw item becomes one item per element of the array the expression yields, the element
 * under {@code itemsToParseName}, next to the parent's fields (without the array when
 * {@code itemsToParseTopLevelTransform} is true). A non-array is an error for that raw item only.
 */
final class ItemExpander {

    private ItemExpander() {
    }

    static List<JsonNode> expand(PortResourceConfig port, List<JsonNode> items, MappingBatch batch) {
        String expression = port.itemsToParse();
        if (expression == null || expression.isBlank()) {
            return items;
        }
        List<JsonNode> expanded = new ArrayList<>();
        for (JsonNode raw : items) {
            batch.startItem();
            JsonNode array = batch.evalRequired("port.itemsToParse", expression, raw, JsonNode::isArray, "an array");
            if (array == null) {
                continue;
            }
            JsonNode parent = raw;
            if (port.itemsToParseTopLevelTransform() && raw.isObject()) {
                JsonNode without = batch.eval("port.itemsToParse", "del(" + expression + ")", raw);
                parent = without != null && without.isObject() ? without : raw;
            }
            for (JsonNode element : array) {
                ObjectNode item = JsonNodeFactory.instance.objectNode();
                if (parent.isObject()) {
                    item.setAll((ObjectNode) parent);
                }
                item.set(port.itemsToParseName(), element);
                expanded.add(item);
            }
        }
        return expanded;
    }
}
