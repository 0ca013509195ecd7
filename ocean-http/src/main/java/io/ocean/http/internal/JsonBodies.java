package io.ocean.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.ocean.http.HttpApiException;
import java.io.IOException;

/** JSON bodies in and out, with one shared mapper. */
public final class JsonBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {
    }

    /** The body as JSON, a missing node when empty; a body that is not JSON fails naming the URL. */
    public static JsonNode parse(byte[] body, String method, String url) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new HttpApiException(method, url, "the body is not JSON: " + e.getMessage(), e);
        }
    }

    /** The JSON's bytes. */
    public static byte[] bytes(JsonNode json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body cannot be written as JSON", e);
        }
    }
}
