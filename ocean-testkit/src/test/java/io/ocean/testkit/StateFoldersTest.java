package io.ocean.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The state folders of integrations under test live under target/ and are gone after each test: no /tmp litter. */
class StateFoldersTest {

    private static final Path TARGET = Path.of(System.getProperty("user.dir")).resolve("target").toAbsolutePath();

    @Test
    void oceanTestKeepsItsStateUnderTargetAndDeletesItAfterwards() {
        AtomicReference<Path> state = new AtomicReference<>();
        OceanTest.run(SignedGithubIssues.create(), (app, port, client) -> {
            state.set(app.config().webhooks.stateDir.toAbsolutePath());
            assertThat(Files.list(state.get())).as("the store writes there").isNotEmpty();
        });

        assertThat(state.get()).startsWithRaw(TARGET);
        assertThat(state.get().getFileName().toString()).startsWith("ocean-test-");
        assertThat(state.get()).doesNotExist();
    }

    @Test
    void theExtensionKeepsItsStateUnderTargetAndDeletesItAfterEachTest() {
        OceanExtension extension = OceanExtension.of(SignedGithubIssues::create);
        extension.beforeEach(null);
        Path state = extension.ocean().config().webhooks.stateDir.toAbsolutePath();
        assertThat(state).startsWith(TARGET).exists();

        extension.afterEach(null);

        assertThat(state).doesNotExist();
    }
}
