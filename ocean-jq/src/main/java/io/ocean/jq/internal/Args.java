package io.ocean.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/** Evaluates a function argument to its outputs. */
final class Args {

    private Args() {
    }

    static List<JsonNode> values(Expression arg, Scope scope, JsonNode in) throws JsonQueryException {
        List<JsonNode> values = new ArrayList<>(1);
        arg.apply(scope, in, values::add);
        return values;
    }

    static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL, MISSING -> "null";
            case BOOLEAN -> "boolean";
            case NUMBER -> "number";
            case STRING -> "string";
            case ARRAY -> "array";
            default -> "object";
        };
    }

    /** jq's way of naming a value in an error: {@code string ("abc")}, truncated. */
    static String describe(JsonNode node) {
        String text = node.toString();
        return typeName(node) + " (" + (text.length() > 11 ? text.substring(0, 10) + "..." : text) + ")";
    }
}
