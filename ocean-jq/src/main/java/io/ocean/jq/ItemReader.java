package io.ocean.jq;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.jq.internal.ProjectedRead;
import io.ocean.jq.internal.ReadPaths;
import java.io.IOException;

/**
 * Reads items for one resource's mapping keeping only what its expressions can observe (see
 * {@link JqEntityMapper#reader}): mapping the items it reads gives the same entities and errors as mapping the full
 * items, without building the parts no expression reads. Thread-safe.
 */
public final class ItemReader {

    private final ReadPaths.Node paths;

    ItemReader(ReadPaths.Node paths) {
        this.paths = paths;
    }

    /** Reads the JSON value at the parser's current token (the next one if none yet). */
    public JsonNode read(JsonParser parser) throws IOException {
        return ProjectedRead.read(parser, paths);
    }

    /** Whether this reader skips parts of items; false when an expression may observe a whole item. */
    public boolean projects() {
        return paths != null;
    }
}
