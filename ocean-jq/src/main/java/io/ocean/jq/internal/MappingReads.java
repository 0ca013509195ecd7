package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.config.EntityMapping;
import io.ocean.core.config.PortResourceConfig;
import io.ocean.core.config.ResourceConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Every jq expression a resource runs on an item, and what of the item they can observe together. */
public final class MappingReads {

    private MappingReads() {
    }

    /** The parts of an item the resource's selector and mappings can observe, or null for all of it. */
    public static ReadPaths.Node of(ResourceConfig resource) {
        PortResourceConfig port = resource.port();
        if (port.itemsToParse() != null && !port.itemsToParse().isBlank()) {
            return null;                   // the expressions run on items built from the raw one
        }
        EntityMapping mapping = port.entity().mappings();
        List<String> expressions = new ArrayList<>();
        expressions.add(resource.selector().query());
        leaves(mapping.identifier(), expressions);
        expressions.add(mapping.blueprint());
        add(mapping.title(), expressions);
        leaves(mapping.team(), expressions);
        add(mapping.icon(), expressions);
        if (mapping.properties() != null) {
            mapping.properties().values().forEach(e -> add(e, expressions));
        }
        if (mapping.relations() != null) {
            mapping.relations().values().forEach(e -> leaves(e, expressions));
        }
        return ReadPaths.of(expressions);
    }

    private static void add(String expression, List<String> into) {
        if (expression != null) {
            into.add(expression);
        }
    }

    /** The jq leaves of a string or search object, as {@code EntityBuilder} evaluates them. */
    private static void leaves(JsonNode mapping, List<String> into) {
        if (mapping == null) {
            return;
        }
        if (mapping.isTextual()) {
            into.add(mapping.asText());
        } else if (mapping.isContainerNode()) {
            for (Iterator<JsonNode> values = mapping.elements(); values.hasNext(); ) {
                leaves(values.next(), into);
            }
        }
    }
}
