package io.ocean.webhook;

import java.nio.file.Path;

/** The catalog used when there are no Port credentials. */
public final class LocalCatalogConfig {

    /** The file every change is appended to, one JSON object per line, and read back at start. */
    public Path file = Path.of(".ocean", "entities.jsonl");

    void validate() {
        if (file == null) {
            throw new IllegalArgumentException("localCatalog.file must be set");
        }
    }
}
