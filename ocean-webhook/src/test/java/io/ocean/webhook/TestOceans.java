package io.ocean.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Oceans for tests: a random port, a fresh state directory (so the default SQLite event store), the issue/pr config,
 * no JVM shutdown hook.
 */
final class TestOceans {

    private TestOceans() {
    }

    static Ocean create(Consumer<OceanConfig> extra) {
        Path stateDir = tempDir();
        return Ocean.create(cfg -> {
            cfg.http.port = 0;
            cfg.webhooks.stateDir = stateDir;
            cfg.localCatalog.file = stateDir.resolve("entities.jsonl");
            cfg.startup.shutdownHook = false;
            cfg.portAppConfig(TestConfigs.ISSUES_AND_PRS);
            extra.accept(cfg);
        });
    }

    static Path tempDir() {
        try {
            // under target/, not /tmp: mvn clean removes them
            Path parent = Files.createDirectories(Path.of("target"));
            Path dir = Files.createTempDirectory(parent, "ocean-test-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
