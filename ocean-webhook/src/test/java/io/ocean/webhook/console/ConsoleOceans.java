package io.ocean.webhook.console;

import io.ocean.core.config.PortAppConfig;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.OceanConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Oceans with the console on for its tests: on the main listener, a random port on the loopback, a fresh state folder, the local
 * catalog, and one {@link ConsoleProcessor} on {@code /webhook} and {@code /other}.
 */
final class ConsoleOceans {

    static final PortAppConfig ISSUES = PortAppConfig.fromYaml("""
            resources:
              - kind: issue
                port:
                  entity:
                    mappings: {identifier: .issue.id | tostring, blueprint: '"githubIssue"', title: .issue.title}
            """);

    private ConsoleOceans() {
    }

    static Ocean start(ConsoleProcessor.Behaviour behaviour, Consumer<OceanConfig> extra) {
        return start(behaviour, extra, ocean -> { });
    }

    /** As above, with {@code register} adding more (resync handlers, say) before start. */
    static Ocean start(ConsoleProcessor.Behaviour behaviour, Consumer<OceanConfig> extra, Consumer<Ocean> register) {
        Path state;
        try {
            // under target/, so that mvn clean removes it (the tests stop their Oceans but keep no handle on it)
            Path parent = Path.of("target", "console-state");
            Files.createDirectories(parent);
            state = Files.createTempDirectory(parent, "ocean-console-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Ocean ocean = Ocean.create(java.util.Map.of(), cfg -> {
            cfg.http.port = 0;
            // most tests read the console and post webhooks on one port; the own listener has its own tests
            cfg.http.host = "127.0.0.1";
            cfg.console.onMainListener = true;
            cfg.console.port = 0;
            cfg.webhooks.stateDir = state;
            cfg.webhooks.shutdownDrainSeconds = 0;
            cfg.localCatalog.file = state.resolve("entities.jsonl");
            cfg.startup.shutdownHook = false;
            cfg.portAppConfig(ISSUES);
            cfg.console.enabled = true;
            extra.accept(cfg);
        });
        ocean.addWebhookProcessor("/webhook", event -> new ConsoleProcessor(event, behaviour));
        ocean.addWebhookProcessor("/other", event -> new ConsoleProcessor(event, behaviour));
        register.accept(ocean);
        return ocean.start();
    }
}
