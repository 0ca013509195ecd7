package io.ocean.testkit;

import io.ocean.core.OceanException;
import io.ocean.core.config.PortAppConfig;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.OceanConfig;
import io.ocean.testkit.internal.StateDirs;
import java.nio.file.Path;

/**
 * Runs an integration in-process against a fresh {@link FakePort}, shaped like Javalin's {@code JavalinTest}:
 *
 * <pre>{@code
 * OceanTest.run(MyIntegration.create(), mapping, (app, port, client) -> {
 *     client.sendFixture("/webhook", "github/issues.opened.json", Signers.github(SECRET).sign(...));
 *     app.awaitIdle();
 *     assertThat(port.entities()).hasSize(1);
 * });
 * }</pre>
 *
 * The Ocean is pointed at the FakePort (credentials wired in), listens on a random port on 127.0.0.1, keeps its
 * state in a new folder {@code target/ocean-test-*} (the build's output folder; see {@code ocean.test.stateRoot}), and is
 * stopped afterwards, as is the FakePort; the folder is deleted.
 */
public final class OceanTest {

    /** The body of a test. */
    @FunctionalInterface
    public interface TestCase {
        /** Runs with the started integration, its FakePort and a client for it. */
        void run(Ocean app, FakePort port, OceanTestClient client) throws Exception;
    }

    private OceanTest() {
    }

    /** Runs the test with the Ocean's own port app config (code, file or resource). */
    public static void run(Ocean ocean, TestCase test) {
        run(ocean, null, test);
    }

    /** Runs the test with {@code portAppConfig} served by the FakePort as the integration's config. */
    public static void run(Ocean ocean, PortAppConfig portAppConfig, TestCase test) {
        Path state = null;
        try (FakePort port = FakePort.start()) {
            if (portAppConfig != null) {
                port.withPortAppConfig(portAppConfig);
            }
            state = prepare(ocean.config(), port);
            ocean.start();
            try {
                test.run(ocean, port, new OceanTestClient(ocean.port()));
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new OceanException("the test threw " + e, e);
            } finally {
                ocean.stop();
            }
        } finally {
            StateDirs.delete(state);
        }
    }

    /**
     * Points the config at the FakePort, a random local port and a new state folder under the build's output folder
     * ({@code target/ocean-test-*}); returns the folder, which the caller deletes after the test.
     */
    static Path prepare(OceanConfig config, FakePort port) {
        Path state = StateDirs.create();
        config.http.port = 0;
        config.http.host = "127.0.0.1";
        config.webhooks.stateDir = state;
        config.localCatalog.file = state.resolve("entities.jsonl");
        config.startup.shutdownHook = false;
        config.port.baseUrl = port.baseUrl();
        config.port.clientId = port.clientId();
        config.port.clientSecret = port.clientSecret();
        return state;
    }
}
