package io.ocean.webhook.internal.port;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocean.core.OceanException;
import io.ocean.core.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The blueprints an integration needs, in the Python framework's format: {@code .port/resources/blueprints.json} in
 * the working directory, else the same path as a classpath resource — a JSON array of blueprint objects
 * ({@code identifier}, {@code title}, {@code schema.properties}/{@code required}, {@code relations}).
 */
public final class BlueprintsFile {

    /** Where the file lives, relative to the working directory and as a classpath resource. */
    public static final String DEFAULT_PATH = ".port/resources/blueprints.json";

    private BlueprintsFile() {
    }

    /** The blueprints of the file, or none when there is no file; a malformed file fails with what is wrong. */
    public static List<ObjectNode> load(Path workingDirectory, ClassLoader classLoader) {
        Path file = workingDirectory.resolve(DEFAULT_PATH);
        try {
            if (Files.isRegularFile(file)) {
                return parse(Files.readAllBytes(file), file.toString());
            }
            try (InputStream in = classLoader.getResourceAsStream(DEFAULT_PATH)) {
                return in == null ? List.of() : parse(in.readAllBytes(), "classpath:" + DEFAULT_PATH);
            }
        } catch (IOException e) {
            throw new OceanException("cannot read " + DEFAULT_PATH + ": " + e.getMessage(), e);
        }
    }

    /** Parses and checks the file's content; {@code source} names it in errors. */
    static List<ObjectNode> parse(byte[] bytes, String source) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new OceanException(source + " is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new OceanException(source + " must be a JSON array of blueprints, got "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        List<ObjectNode> blueprints = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode blueprint = root.get(i);
            String at = source + "[" + i + "]";
            if (!blueprint.isObject()) {
                throw new OceanException(at + " must be a blueprint object, got " + blueprint.getNodeType());
            }
            if (!blueprint.path("identifier").isTextual() || blueprint.path("identifier").asText().isBlank()) {
                throw new OceanException(at + ".identifier is required (a string)");
            }
            JsonNode schema = blueprint.path("schema");
            if (!schema.isMissingNode() && !schema.path("properties").isMissingNode()
                    && !schema.path("properties").isObject()) {
                throw new OceanException(at + ".schema.properties must be an object");
            }
            if (!blueprint.path("relations").isMissingNode() && !blueprint.path("relations").isObject()) {
                throw new OceanException(at + ".relations must be an object");
            }
            blueprints.add((ObjectNode) blueprint);
        }
        return blueprints;
    }
}
