package io.ocean.jq.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads a JSON value keeping only the parts a {@link ReadPaths.Node} names: the other fields of an object are
 * skipped by the parser without being decoded. Objects keep their fields' input order; scalars, and anything whose
 * shape is not the one the paths expect, are read whole, so errors are the same as on the full value.
 */
public final class ProjectedRead {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProjectedRead() {
    }

    /** The value at the parser's current token (read if none yet), projected; null paths read it whole. */
    public static JsonNode read(JsonParser parser, ReadPaths.Node paths) throws IOException {
        JsonToken token = parser.currentToken() == null ? parser.nextToken() : parser.currentToken();
        if (token == null) {
            throw new IOException("no JSON value to read");
        }
        return value(parser, token, paths);
    }

    private static JsonNode value(JsonParser parser, JsonToken token, ReadPaths.Node paths) throws IOException {
        if (paths == null || paths.whole()) {
            return whole(parser);
        }
        if (token == JsonToken.START_OBJECT) {
            ObjectNode out = JSON.getNodeFactory().objectNode();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                ReadPaths.Node child = paths.each() != null ? paths.each() : paths.field(name);
                JsonToken next = parser.nextToken();
                if (child == null) {
                    parser.skipChildren();
                } else {
                    out.set(name, value(parser, next, child));
                }
            }
            return out;
        }
        if (token == JsonToken.START_ARRAY && paths.each() != null) {
            ArrayNode out = JSON.getNodeFactory().arrayNode();
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                out.add(value(parser, next, paths.each()));
            }
            return out;
        }
        return whole(parser);
    }

    private static JsonNode whole(JsonParser parser) throws IOException {
        // the common scalars built as databind's JsonNodeDeserializer builds them, without a deserialisation context
        switch (parser.currentToken()) {
            case VALUE_STRING:
                return JSON.getNodeFactory().textNode(parser.getText());
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            case VALUE_NUMBER_INT:
                if (parser.getNumberType() == JsonParser.NumberType.INT) {
                    return JSON.getNodeFactory().numberNode(parser.getIntValue());
                }
                if (parser.getNumberType() == JsonParser.NumberType.LONG) {
                    return JSON.getNodeFactory().numberNode(parser.getLongValue());
                }
                break;
            default:
                break;
        }
        JsonNode node = JSON.readTree(parser);
        return node == null ? NullNode.getInstance() : node;
    }
}
