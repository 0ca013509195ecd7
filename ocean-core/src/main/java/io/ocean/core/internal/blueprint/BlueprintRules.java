package io.ocean.core.internal.blueprint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * What Port refuses in an entity of a known blueprint: an undeclared or mistyped property, a missing required one,
 * an undeclared relation, or a relation to an entity that does not exist. The error codes and messages are modelled
 * on Port's ({@code {"ok": false, "error": ..., "message": ...}}); their exact wording in Port was not verifiable.
 * The one copy of these rules: FakePort and the local catalog both refuse through it, with the same texts.
 */
public final class BlueprintRules {

    /** A refusal: HTTP status, Port's error code and message. */
    public record Refusal(int status, String error, String message) {
    }

    private BlueprintRules() {
    }

    /**
     * Why Port would refuse {@code entity} (its JSON form) of blueprint {@code blueprint}, or null; {@code known}
     * looks a blueprint up by identifier (null when unknown). While no blueprint is known ({@code anyKnown} false)
     * nothing is refused: without blueprints Ocean accepts every entity.
     */
    public static Refusal refusal(boolean anyKnown, Function<String, ? extends JsonNode> known,
                                  String blueprint, JsonNode entity, boolean createMissing,
                                  BiPredicate<String, String> exists) {
        if (!anyKnown) {
            return null;
        }
        JsonNode schema = known.apply(blueprint);
        return schema == null ? unknownBlueprint(blueprint) : check(schema, entity, createMissing, exists);
    }

    /**
     * Why Port would refuse {@code entity} in {@code blueprint}, or null; {@code exists} tells whether an entity
     * (blueprint, identifier) exists, for relation targets, unless {@code createMissing} is set.
     */
    public static Refusal check(JsonNode blueprint, JsonNode entity, boolean createMissing,
                                BiPredicate<String, String> exists) {
        String id = entity.path("identifier").asText();
        String bp = blueprint.path("identifier").asText();
        JsonNode declared = blueprint.path("schema").path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = entity.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode schema = declared.get(property.getKey());
            if (schema == null) {
                return invalid(id, bp, "property \"" + property.getKey() + "\" is not defined in the blueprint");
            }
            String type = schema.path("type").asText("string");
            if (!property.getValue().isNull() && !hasType(property.getValue(), type)) {
                return invalid(id, bp, "property \"" + property.getKey() + "\" must be of type " + type + ", got "
                        + property.getValue().getNodeType().name().toLowerCase(Locale.ROOT));
            }
        }
        for (JsonNode required : blueprint.path("schema").path("required")) {
            JsonNode value = entity.path("properties").get(required.asText());
            if (value == null || value.isNull()) {
                return invalid(id, bp, "required property \"" + required.asText() + "\" is missing");
            }
        }
        JsonNode relations = blueprint.path("relations");
        for (Iterator<Map.Entry<String, JsonNode>> it = entity.path("relations").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> relation = it.next();
            JsonNode schema = relations.get(relation.getKey());
            if (schema == null) {
                return invalid(id, bp, "relation \"" + relation.getKey() + "\" is not defined in the blueprint");
            }
            String target = schema.path("target").asText();
            for (JsonNode targetId : relation.getValue().isArray() ? relation.getValue()
                    : List.of(relation.getValue())) {
                if (targetId.isTextual() && !createMissing && !exists.test(target, targetId.asText())) {
                    return new Refusal(404, "not_found", "Related entity with identifier \"" + targetId.asText()
                            + "\" of relation \"" + relation.getKey() + "\" was not found in blueprint \"" + target
                            + "\"");
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = relations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> relation = it.next();
            JsonNode value = entity.path("relations").get(relation.getKey());
            if (relation.getValue().path("required").asBoolean(false) && (value == null || value.isNull())) {
                return invalid(id, bp, "required relation \"" + relation.getKey() + "\" is missing");
            }
        }
        return null;
    }

    /** The refusal for an entity of a blueprint Port does not know. */
    public static Refusal unknownBlueprint(String blueprint) {
        return new Refusal(404, "not_found", "Blueprint with identifier \"" + blueprint + "\" was not found");
    }

    private static Refusal invalid(String id, String blueprint, String why) {
        return new Refusal(422, "invalid_request", "Entity \"" + id + "\" does not match the schema of blueprint \""
                + blueprint + "\": " + why);
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> value.isTextual();
        };
    }
}
