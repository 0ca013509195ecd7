package io.ocean.jq;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The shared webhook fixtures, read from the copy bundled with ocean-testkit. */
final class Fixtures {

    static final Path DIR = Path.of(System.getProperty("ocean.fixtures.dir",
            "../ocean-testkit/src/main/resources/io/ocean/testkit/fixtures"));

    private Fixtures() {
    }

    static JsonNode json(String name) {
        try {
            return Json.MAPPER.readTree(DIR.resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
