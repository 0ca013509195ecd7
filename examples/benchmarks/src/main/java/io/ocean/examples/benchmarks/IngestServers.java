package io.ocean.examples.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.EntityMapping;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.PortResourceConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.core.config.Selector;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers of the ingest benchmark, in one JVM, measured one after the other by {@code scripts/ingest.sh}:
 * Ocean with a trivial processor and a group key at {@code POST /integration/webhook} on the SQLite store (every
 * 200 after a commit to disk), on the memory store, and on the SQLite store with its console on (every event
 * recorded for {@code /ocean/}), and a bare Javalin route that parses the JSON body and puts
 * it on a bounded queue drained by one thread, at {@code POST /bare}.
 */
public final class IngestServers {

    private static final Logger log = LoggerFactory.getLogger(IngestServers.class);

    /** Accepts every event and returns nothing to map: the cost measured is the framework's. */
    static class TrivialProcessor extends AbstractWebhookProcessor {
        TrivialProcessor(WebhookEvent event) {
            super(event);
        }

        @Override
        public boolean shouldProcessEvent(WebhookEvent event) {
            return true;
        }

        @Override
        public List<String> getMatchingKinds(WebhookEvent event) {
            return List.of("issue");
        }

        @Override
        public boolean authenticate(JsonNode payload, EventHeaders headers) {
            return true;
        }

        @Override
        public boolean validatePayload(JsonNode payload) {
            return payload.has("issue");
        }

        @Override
        public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) {
            return WebhookEventRawResults.empty();
        }
    }

    private IngestServers() {
    }

    /**
     * {@code IngestServers <oceanPort> <barePort> [<memoryPort> [<postgresPort> [<consolePort>]]]}: Ocean on the
     * default SQLite store, the bare route, (with a third port) Ocean on the memory store, (with a fourth, {@code -}
     * for none) Ocean on PostgreSQL at {@code OCEAN_BENCH_POSTGRES} (default
     * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), schema {@code bench_ingest}, and (with a fifth)
     * Ocean on SQLite with its console on.
     */
    public static void main(String[] args) throws Exception {
        int oceanPort = Integer.parseInt(args[0]);
        int barePort = Integer.parseInt(args[1]);
        Ocean ocean = startOcean(oceanPort, null, false);
        Javalin bare = startBare(barePort);
        log.info("ocean (SQLite store) on {}, bare Javalin on {}", ocean.port(), bare.port());
        if (args.length > 2) {
            Ocean memory = startOcean(Integer.parseInt(args[2]), EventStores.memory(), false);
            log.info("ocean (memory store) on {}", memory.port());
        }
        if (args.length > 3 && !args[3].equals("-")) {
            String url = System.getenv().getOrDefault("OCEAN_BENCH_POSTGRES",
                    "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            Ocean postgres = startOcean(Integer.parseInt(args[3]), EventStores.postgres(url, null, null,
                    "bench_ingest"));
            log.info("ocean (PostgreSQL store) on {}", postgres.port());
        }
        if (args.length > 4) {
            Ocean withConsole = startOcean(Integer.parseInt(args[4]), null, true);
            log.info("ocean (SQLite store) with its console on {}", withConsole.port());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(bare::stop));
    }

    static Ocean startOcean(int port, EventStore store) {
        return startOcean(port, store, false);
    }

    private static Ocean startOcean(int port, EventStore store, boolean console) {
        Ocean[] self = new Ocean[1];
        Ocean ocean = Ocean.create(cfg -> {
            cfg.http.port = port;
            cfg.http.host = "127.0.0.1";
            cfg.webhooks.stateDir = tempStateDir();
            cfg.webhooks.store = store;
            // ingest measures accepting; the queue must not fill during a round (processing is measured end to end)
            cfg.webhooks.queueCapacity = 2_000_000;
            cfg.webhooks.queueMaxBytes = 64L << 30;
            cfg.localCatalog.file = cfg.webhooks.stateDir.resolve("entities.jsonl");
            cfg.portAppConfig(PortAppConfig.of(List.of(new ResourceConfig("issue", Selector.all(),
                    PortResourceConfig.of(EntityMapping.in("\"githubIssue\"", ".issue.id | tostring"))))));
            cfg.resultsHandler((event, results) -> { });
            cfg.console.enabled = console;
            cfg.console.port = 0;
            // GET /bench/idle answers once this server has processed its backlog (204), or 503 after 120 s:
            // ingest.sh starts each round with every server idle, so that no round runs beside the processing of
            // the round before it (which once made a server that followed SQLite look slower than it is).
            cfg.javalin(j -> j.routes.get("/bench/idle", ctx -> {
                long started = System.nanoTime();
                boolean idle = self[0].awaitIdle(java.time.Duration.ofSeconds(120));
                ctx.status(idle ? 204 : 503).header("X-Drained-Millis",
                        String.valueOf((System.nanoTime() - started) / 1_000_000));
            }));
        });
        self[0] = ocean;
        ocean.addWebhookProcessor("/webhook", TrivialProcessor::new);
        ocean.groupEventsBy("/webhook", event -> event.payload().path("repository").path("full_name").asText()
                + "#" + event.payload().path("issue").path("number").asText());
        return ocean.start();
    }

    private static Javalin startBare(int port) {
        ObjectMapper mapper = new ObjectMapper();
        BlockingQueue<JsonNode> queue = new ArrayBlockingQueue<>(10_000);
        Thread drain = new Thread(() -> {
            try {
                while (true) {
                    queue.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bare-drain");
        drain.setDaemon(true);
        drain.start();
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = port;
            config.routes.post("/bare", ctx -> {
                JsonNode payload = mapper.readTree(ctx.bodyAsBytes());
                if (queue.offer(payload)) {
                    ctx.contentType("application/json").result("{\"status\":\"ok\"}");
                } else {
                    ctx.status(503).header("Retry-After", "5").result("{\"status\":\"error\"}");
                }
            });
        }).start();
    }

    private static java.nio.file.Path tempStateDir() {
        try {
            return Files.createTempDirectory("ocean-bench-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
