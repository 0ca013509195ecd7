package io.ocean.testkit.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.signature.SignatureVerifier;
import io.ocean.webhook.signature.Verifiers;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The integration the crash test runs in a child JVM and kills: GitHub-signed events on {@code /webhook}, a processor
 * that writes {@code B <run> <traceId>} when {@code handleEvent} begins and {@code E <run> <traceId>} when it ends to
 * a journal (one write() each: a kill -9 cannot take back what the kernel has), optionally slower than intake.
 *
 * <p>Arguments: state directory, journal file, run number, milliseconds per event (-1: stall forever), and optionally
 * the queue capacity. {@code GET /heap} answers the heap used after a full GC, in bytes.
 */
public final class CrashIntegration {

    static final String SECRET = "crash-test-secret";
    static final String PORT_FILE = "port";
    private static final SignatureVerifier VERIFIER = Verifiers.github(SECRET);

    private CrashIntegration() {
    }

    public static void main(String[] args) throws IOException {
        Path stateDir = Path.of(args[0]);
        Journal journal = new Journal(Path.of(args[1]), args[2]);
        long millisPerEvent = Long.parseLong(args[3]);
        int capacity = args.length > 4 ? Integer.parseInt(args[4]) : 20_000;
        Ocean ocean = Ocean.create(cfg -> {
            cfg.http.port = 0;
            cfg.webhooks.stateDir = stateDir;
            cfg.webhooks.queueCapacity = capacity;
            cfg.webhooks.queueMaxBytes = Long.MAX_VALUE / 2;
            cfg.http.maxBodyBytes = 1 << 20;
            cfg.javalin(javalin -> javalin.routes.get("/heap", ctx -> ctx.result(String.valueOf(usedHeapAfterGc()))));
            cfg.webhooks.shutdownDrainSeconds = 30;
            cfg.localCatalog.file = stateDir.resolve("entities.jsonl");
            cfg.portAppConfig(PortAppConfig.fromYaml("""
                    resources:
                      - kind: issue
                        port:
                          entity:
                            mappings: {identifier: .issue.id | tostring, blueprint: '"githubIssue"'}
                    """));
            cfg.resultsHandler((event, results) -> { }); // the journal is the evidence; no catalog writes
        });
        ocean.addWebhookProcessor("/webhook", event -> new JournalingProcessor(event, journal, millisPerEvent));
        ocean.start();
        Path tmp = stateDir.resolveSibling(PORT_FILE + ".tmp");
        Files.writeString(tmp, String.valueOf(ocean.port()));
        Files.move(tmp, stateDir.resolveSibling(PORT_FILE), StandardCopyOption.ATOMIC_MOVE);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Appends lines with one write() each. */
    static final class Journal {
        private final FileOutputStream out;
        private final String run;

        Journal(Path file, String run) throws IOException {
            this.out = new FileOutputStream(file.toFile(), true);
            this.run = run;
        }

        synchronized void write(String mark, String traceId) {
            try {
                out.write((mark + " " + run + " " + traceId + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Checks the GitHub signature; journals the begin and end of each run of the event. */
    static final class JournalingProcessor extends AbstractWebhookProcessor {
        private final Journal journal;
        private final long millis;

        JournalingProcessor(WebhookEvent event, Journal journal, long millis) {
            super(event);
            this.journal = journal;
            this.millis = millis;
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
            return VERIFIER.verify(event());
        }

        @Override
        public boolean validatePayload(JsonNode payload) {
            return payload.has("issue");
        }

        @Override
        public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) throws Exception {
            journal.write("B", event().traceId());
            if (millis < 0) {
                new java.util.concurrent.CountDownLatch(1).await(); // a third-party API that never answers
            }
            if (millis > 0) {
                Thread.sleep(millis); // a third-party API slower than intake
            }
            journal.write("E", event().traceId());
            return WebhookEventRawResults.updated(payload);
        }
    }
}
