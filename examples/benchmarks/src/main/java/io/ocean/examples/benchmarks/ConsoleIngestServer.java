package io.ocean.examples.benchmarks;

import io.ocean.core.config.EntityMapping;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.PortResourceConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.core.config.Selector;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.store.EventState;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
import io.ocean.webhook.store.StoreSettings;
import io.ocean.webhook.store.StoredEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The server of {@code scripts/console-ingest.sh}: Ocean on SQLite holding {@code letters} dead letters of
 * {@code bytes} each (written before the start), the console on, a trivial processor on {@code /webhook}.
 * Usage: {@code ConsoleIngestServer <webhook-port> <console-port> [letters] [bytes]}.
 */
public final class ConsoleIngestServer {

    private ConsoleIngestServer() {
    }

    /** Seeds the dead letters, then serves until killed. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int consolePort = Integer.parseInt(args[1]);
        int letters = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int bytes = args.length > 3 ? Integer.parseInt(args[3]) : 20 * 1024;
        Path state = Files.createTempDirectory("ocean-console-ingest-");
        seed(state, letters, bytes);
        Ocean ocean = Ocean.create(Map.of(), cfg -> {
            cfg.http.host = "127.0.0.1";
            cfg.http.port = port;
            cfg.webhooks.stateDir = state;
            cfg.webhooks.queueCapacity = 2_000_000;
            cfg.webhooks.queueMaxBytes = 64L << 30;
            cfg.webhooks.deadLetterCapacity = letters * 2;
            cfg.webhooks.deadLetterMaxBytes = 4L << 30;
            cfg.localCatalog.file = state.resolve("entities.jsonl");
            cfg.portAppConfig(PortAppConfig.of(List.of(new ResourceConfig("issue", Selector.all(),
                    PortResourceConfig.of(EntityMapping.in("\"githubIssue\"", ".issue.id | tostring"))))));
            cfg.resultsHandler((event, results) -> { });
            cfg.console.enabled = true;
            cfg.console.port = consolePort;
        });
        ocean.addWebhookProcessor("/webhook", IngestServers.TrivialProcessor::new);
        ocean.start();
        System.out.println("ready: " + ocean.deadLetters().size() + " dead letters");
    }

    private static void seed(Path state, int letters, int bytes) {
        EventStore store = EventStores.sqlite();
        store.open(new StoreSettings(state, 2_000_000, 64L << 30, letters * 2, 4L << 30, Duration.ofMinutes(10),
                Clock.systemUTC()));
        try {
            char[] filler = new char[bytes - 64];
            Arrays.fill(filler, 'x');
            Instant now = Instant.now();
            List<StoredEvent> batch = new ArrayList<>();
            for (int i = 0; i < letters; i++) {
                byte[] body = ("{\"issue\":{\"id\":" + i + "},\"pad\":\"" + new String(filler) + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                batch.add(new StoredEvent(0, UUID.randomUUID().toString(), "/webhook", "k" + i, null, now,
                        Map.of("Content-Type", List.of("application/json")), body, 4, now, EventState.DEAD,
                        "downstream refused (seeded " + (i % 5) + ")", now.plusMillis(i)));
                if (batch.size() == 500) {
                    store.restoreAll(batch);
                    batch.clear();
                }
            }
            store.restoreAll(batch);
        } finally {
            store.close();
        }
    }
}
