package io.ocean.core.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The shared, thread-safe Jackson mappers: configured once, never per call. */
public final class Json {

    /** Plain JSON; unknown fields are ignored, as in every Port payload we read. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** YAML, for the port app config. */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    /** The JSON in {@code bytes}, or a missing node when there is none or it does not parse (an error body). */
    public static com.fasterxml.jackson.databind.JsonNode readOrMissing(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = MAPPER.readTree(bytes);
            return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }
}
