package io.ocean.webhook.internal;

import io.ocean.webhook.store.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state files of versions before the event store ({@code pending.jsonl}, {@code dead-letters.jsonl}): imported
 * once into the store at start and renamed {@code *.imported}.
 */
final class LegacyState {

    private static final Logger log = LoggerFactory.getLogger(LegacyState.class);

    private LegacyState() {
    }

    static void importInto(EventStore store, Path stateDir) {
        // TODO(store branch): call its LegacyImport once merged
        if (Files.exists(stateDir.resolve("pending.jsonl")) || Files.exists(stateDir.resolve("dead-letters.jsonl"))) {
            log.warn("state files of an older version found in {}; they are not imported yet", stateDir);
        }
    }
}
