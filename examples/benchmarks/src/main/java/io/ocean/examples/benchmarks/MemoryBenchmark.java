package io.ocean.examples.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.ResourceConfig;
import io.ocean.webhook.Ocean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Heap and RSS while events arrive behind a stalled processor: the path holds {@code queueCapacity} events in the
 * SQLite store (on disk, not in the heap), the rest are answered 503, and nothing runs out of memory.
 * {@code MemoryBenchmark [events] [queueCapacity] [bodyBytes]}; the script runs 110 000 events against a capacity
 * of 100 000 in a 256 MiB heap.
 */
public final class MemoryBenchmark {

    private static final CountDownLatch NEVER = new CountDownLatch(1);
    private static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic.AtomicInteger();

    /** Blocks in handleEvent until the benchmark ends. */
    static final class Stalled extends IngestServers.TrivialProcessor {
        Stalled(WebhookEvent event) {
            super(event);
        }

        @Override
        public boolean validatePayload(JsonNode payload) {
            return true;
        }

        @Override
        public java.util.List<String> getMatchingKinds(WebhookEvent event) {
            return java.util.List.of("pull-request");
        }

        @Override
        public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) {
            STARTED.incrementAndGet();
            try {
                NEVER.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return WebhookEventRawResults.empty();
        }
    }

    private MemoryBenchmark() {
    }

    /** Floods, measures, prints. */
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 110_000;
        int capacity = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int bodyBytes = args.length > 2 ? Integer.parseInt(args[2]) : 2_048;
        Ocean ocean = Ocean.create(Map.of(), cfg -> {
            cfg.http.port = 0;
            cfg.http.host = "127.0.0.1";
            cfg.startup.shutdownHook = false;
            cfg.webhooks.shutdownDrainSeconds = 0;
            cfg.webhooks.queueCapacity = capacity;
            cfg.portAppConfig(io.ocean.core.config.PortAppConfig.fromYaml(PullRequestMapping.YAML));
            try {
                cfg.webhooks.stateDir = Files.createTempDirectory("ocean-memory-");
                cfg.localCatalog.file = cfg.webhooks.stateDir.resolve("entities.jsonl");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ocean.addWebhookProcessor("/webhook", Stalled::new);
        ocean.start();
        long baseline = usedHeap();
        byte[][] bodies = new byte[events][];
        byte[] body = paddedBody(bodyBytes);
        Arrays.fill(bodies, body);
        int[] status = sendOnce(ocean.port(), bodies);
        long ok = Arrays.stream(status).filter(s -> s == 200).count();
        long full = Arrays.stream(status).filter(s -> s == 503).count();
        long heap = usedHeap();
        System.out.printf("%d events of %d bytes sent; %d accepted (queueCapacity %d), %d answered 503, %d other; "
                        + "%d processing (stalled); heap used after GC %d MiB (baseline %d MiB, max %d MiB), RSS %s; "
                        + "no OutOfMemoryError%n",
                events, body.length, ok, ocean.config().webhooks.queueCapacity, full, events - ok - full,
                STARTED.get(),
                heap >> 20, baseline >> 20, Runtime.getRuntime().maxMemory() >> 20, rss());
        NEVER.countDown();
        ocean.stop();
        System.exit(0);
    }

    private static int[] sendOnce(int port, byte[][] bodies) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + port + "/integration/webhook");
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(32);
        int[] status = new int[bodies.length];
        java.util.concurrent.CompletableFuture<?>[] sent = new java.util.concurrent.CompletableFuture<?>[bodies.length];
        for (int i = 0; i < bodies.length; i++) {
            permits.acquire();
            int index = i;
            sent[i] = client.sendAsync(java.net.http.HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bodies[i])).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                        status[index] = e != null ? -1 : r.statusCode();
                        permits.release();
                    });
        }
        java.util.concurrent.CompletableFuture.allOf(sent).join();
        return status;
    }

    /** A pull request event of about {@code bytes} bytes. */
    private static byte[] paddedBody(int bytes) {
        String prefix = "{\"action\":\"opened\",\"pull_request\":{\"id\":1,\"body\":\"";
        return (prefix + "x".repeat(Math.max(0, bytes - prefix.length() - 3)) + "\"}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long usedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String rss() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .map(l -> l.replaceAll("\\s+", " ").substring(7)).findFirst().orElse("unknown");
    }
}
