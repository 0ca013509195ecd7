package io.ocean.examples.benchmarks;

import io.ocean.core.config.PortAppConfig;
import io.ocean.testkit.FakePort;
import io.ocean.testkit.Fixtures;
import io.ocean.webhook.Ocean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** What the load benchmarks share: an Ocean on FakePort, pull-request bodies, and a bounded-concurrency sender. */
final class Load {

    private Load() {
    }

    /** An Ocean writing to the FakePort, its pull-request processor failing first attempts one in {@code n}. */
    static Ocean oceanOn(FakePort port, int failFirstAttemptOneIn) throws Exception {
        return oceanOn(port, "", 0, event -> new PullRequestProcessor(event, failFirstAttemptOneIn), javalin -> { });
    }

    /**
     * The same on a given HTTP port and event store ({@code OCEAN__WEBHOOKS__STORE}: empty or {@code sqlite},
     * {@code memory}, or a {@code jdbc:postgresql:} URL, whose tables go to a fresh schema), with a given processor
     * and extra routes.
     */
    static Ocean oceanOn(FakePort port, String store, int httpPort,
                         java.util.function.Function<io.ocean.core.WebhookEvent, PullRequestProcessor> processor,
                         java.util.function.Consumer<io.javalin.config.JavalinConfig> routes) throws Exception {
        port.withPortAppConfig(PortAppConfig.fromYaml(PullRequestMapping.YAML));
        Map<String, String> env = new HashMap<>();
        // OCEAN__WEBHOOKS__* of the benchmark's own environment come through (queue limits, workers, lease...)
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("OCEAN__WEBHOOKS__")) {
                env.put(name, value);
            }
        });
        env.put("OCEAN__PORT__CLIENT_ID", port.clientId());
        env.put("OCEAN__PORT__CLIENT_SECRET", port.clientSecret());
        env.put("OCEAN__PORT__BASE_URL", port.baseUrl());
        env.put("OCEAN__INTEGRATION__IDENTIFIER", "bench");
        env.put("OCEAN__HTTP__PORT", String.valueOf(httpPort));
        env.put("OCEAN__HTTP__HOST", "127.0.0.1");
        env.put("OCEAN__WEBHOOKS__STATE_DIR", Files.createTempDirectory("ocean-bench-").toString());
        env.put("OCEAN__STARTUP__SHUTDOWN_HOOK", "false");
        env.put("OCEAN__WEBHOOKS__STORE", store.isEmpty() ? env.getOrDefault("OCEAN__WEBHOOKS__STORE", "") : store);
        if (env.get("OCEAN__WEBHOOKS__STORE").startsWith("jdbc:postgresql:")) {
            env.put("OCEAN__WEBHOOKS__STORE_USER", "postgres");
            env.put("OCEAN__WEBHOOKS__STORE_SCHEMA", "bench_e2e_" + ProcessHandle.current().pid());
        }
        Ocean ocean = Ocean.create(env, cfg -> cfg.javalin(routes));
        ocean.addWebhookProcessor("/webhook", processor);
        ocean.groupEventsBy("/webhook", event -> event.payload().path("pull_request").path("id").asText());
        return ocean.start();
    }

    /** The pull_request.opened fixture with pull_request.id = i + 1, made when asked (bodies are 28 KB each). */
    static java.util.function.IntFunction<byte[]> bodies() throws Exception {
        byte[] template = Fixtures.bytes("github/pull_request.opened.json");
        String text = new String(template, java.nio.charset.StandardCharsets.UTF_8);
        return i -> text.replaceFirst("\"id\": 279147437", "\"id\": " + (i + 1))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** One body, for a stalled flood that sends the same event again and again. */
    static byte[] body() throws Exception {
        return bodies().apply(0);
    }

    /**
     * Posts every body with at most {@code concurrency} in flight; a 503 is sent again after its Retry-After (as a
     * sender would), up to 20 times. Returns each body's final status; {@code acceptedAt} gets the nanoTime of 200s.
     */
    static int[] send(int port, int count, java.util.function.IntFunction<byte[]> bodies, int concurrency,
                      long[] acceptedAt) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/integration/webhook");
        Semaphore permits = new Semaphore(concurrency);
        AtomicIntegerArray status = new AtomicIntegerArray(count);
        CompletableFuture<?>[] sent = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            permits.acquire();
            int index = i;
            sent[i] = attempt(client, uri, bodies.apply(i), 0).whenComplete((code, error) -> {
                status.set(index, error != null ? -1 : code);
                if (code != null && code == 200 && acceptedAt != null) {
                    acceptedAt[index] = System.nanoTime();
                }
                permits.release();
            });
        }
        CompletableFuture.allOf(sent).join();
        int[] result = new int[count];
        Arrays.setAll(result, status::get);
        return result;
    }

    private static CompletableFuture<Integer> attempt(HttpClient client, URI uri, byte[] body, int tries) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-GitHub-Event", "pull_request").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose(response -> {
            if (response.statusCode() == 503 && tries < 20) {
                long wait = Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"));
                return CompletableFuture.supplyAsync(() -> null,
                                CompletableFuture.delayedExecutor(wait, java.util.concurrent.TimeUnit.SECONDS))
                        .thenCompose(ignored -> attempt(client, uri, body, tries + 1));
            }
            return CompletableFuture.completedFuture(response.statusCode());
        });
    }

    static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
