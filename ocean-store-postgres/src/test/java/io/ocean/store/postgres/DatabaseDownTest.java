package io.ocean.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.core.config.PortAppConfig;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.store.EventStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL unreachable for 5 s while webhooks keep arriving: the edge answers 503 with {@code Retry-After} (never a
 * 200), nothing that was answered 200 is lost, and ingest and processing resume by themselves once it is back. The
 * outage is a cut {@link TcpProxy} between this Ocean and the server, so the shared server is never touched.
 */
@ExtendWith(PostgresAvailable.class)
class DatabaseDownTest {

    private static final Pattern TRACE_ID = Pattern.compile("\"traceId\"\\s*:\\s*\"([^\"]+)\"");

    private final String schema = PostgresAvailable.newSchema();
    private Ocean ocean;

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
        PostgresAvailable.dropSchema(schema);
    }

    @Test
    void ingestAnswers503WhileTheDatabaseIsDownAndNothingAcceptedIsLost() throws Exception {
        Set<String> processed = ConcurrentHashMap.newKeySet();
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            ocean = Ocean.create(cfg -> {
                cfg.http.port = 0;
                cfg.startup.shutdownHook = false;
                // An event whose completion could not be written while the database was down runs again when its
                // lease ends; a short lease keeps the test short.
                cfg.webhooks.leaseSeconds = 5;
                cfg.webhooks.shutdownDrainSeconds = 5;
                cfg.webhooks.stateDir = tempDir();
                cfg.webhooks.store = EventStores.postgres("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test",
                        PostgresAvailable.USER, null, schema);
                cfg.portAppConfig(PortAppConfig.fromYaml("""
                        resources:
                          - kind: item
                            port:
                              entity:
                                mappings: {identifier: .key, blueprint: '"item"'}
                        """));
                cfg.resultsHandler((event, results) -> processed.add(event.traceId()));
            });
            ocean.addWebhookProcessor("/webhook", ClusterNode.RecordingProcessor::withoutRecording);
            ocean.groupEventsBy("/webhook", event -> event.payload().path("key").asText());
            ocean.start();

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            AtomicInteger unavailable = new AtomicInteger();
            AtomicInteger otherAnswers = new AtomicInteger();
            AtomicLong slowest503Millis = new AtomicLong();
            AtomicBoolean sending = new AtomicBoolean(true);
            ExecutorService senders = Executors.newFixedThreadPool(3);
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                int sender = s;
                futures.add(senders.submit(() -> {
                    for (int i = 0; sending.get(); i++) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ocean.port()
                                        + "/integration/webhook")).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"k" + sender + "-" + (i % 5)
                                        + "\",\"seq\":" + i + "}")).build();
                        long started = System.nanoTime();
                        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() == 200) {
                            Matcher trace = TRACE_ID.matcher(answer.body());
                            assertThat(trace.find()).as(answer.body()).isTrue();
                            accepted.add(trace.group(1));
                        } else if (answer.statusCode() == 503) {
                            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                            unavailable.incrementAndGet();
                            slowest503Millis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                        } else {
                            otherAnswers.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }

            awaitUntil(() -> accepted.size() >= 100, "100 events accepted before the outage");
            proxy.cut();
            long cutAt = System.nanoTime();
            awaitUntil(() -> unavailable.get() >= 5 && System.nanoTime() - cutAt >= 5_000_000_000L,
                    "503s for 5 s");
            int acceptedBeforeRestore = accepted.size();
            proxy.restore();
            awaitUntil(() -> accepted.size() >= acceptedBeforeRestore + 50, "200s again after the outage");
            sending.set(false);
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            senders.shutdown();
            awaitUntil(() -> processed.containsAll(accepted), "every accepted event processed");

            System.out.printf("database down 5 s: %d answered 200, %d answered 503 (slowest %d ms), %d processed%n",
                    accepted.size(), unavailable.get(), slowest503Millis.get(), processed.size());
            assertThat(otherAnswers.get()).isZero();
            assertThat(unavailable.get()).isGreaterThanOrEqualTo(5);
            assertThat(processed).containsAll(accepted);
        }
    }

    private static java.nio.file.Path tempDir() {
        try {
            return Files.createTempDirectory("ocean-pg-test-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
        System.out.printf("%s after %d ms%n", what, (System.nanoTime() - started) / 1_000_000);
    }
}
