package io.ocean.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.RetryableException;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.OceanConfig;
import io.ocean.webhook.store.Claim;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
import io.ocean.webhook.store.StoreSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Leases on a shared store under outages and deploys (issue 21, scenarios 4 and 6): a graceful stop hands its leases
 * back, a waiting retry does not hold the drain, and a process cut off from PostgreSQL fences itself, so that Port
 * never goes back to an older state.
 */
@ExtendWith(PostgresAvailable.class)
class LeaseHandoverTest {

    /** What a processor does with an event, per test. */
    @FunctionalInterface
    interface Handler {
        WebhookEventRawResults handle(String node, WebhookEvent event) throws Exception;
    }

    /** One applied result, as Port would have received it. */
    record Applied(String node, String key, int seq) {
    }

    private final String schema = PostgresAvailable.newSchema();
    private final List<Ocean> oceans = new ArrayList<>();
    private final List<Applied> port = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private volatile Handler handler = (node, event) -> WebhookEventRawResults.updated(event.payload());

    @AfterEach
    void stopAll() {
        ((Logger) LoggerFactory.getLogger("io.ocean")).detachAppender(logs);
        oceans.forEach(Ocean::stop);
        PostgresAvailable.dropSchema(schema);
    }

    @Test
    void aGracefulStopHandsBackItsRunningAndPrefetchedEvents() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        handler = (node, event) -> {
            entered.countDown();
            new CountDownLatch(1).await(60, TimeUnit.SECONDS);
            return WebhookEventRawResults.empty();
        };
        Ocean a = start("a", PostgresAvailable.URL, cfg -> {
            cfg.webhooks.leaseSeconds = 600; // a key left leased would stay blocked for ten minutes
            cfg.webhooks.workers = 1;
            cfg.webhooks.shutdownDrainSeconds = 0;
        });
        for (int key = 0; key < 5; key++) {
            assertThat(post(a, "k" + key, 0)).isEqualTo(200);
        }
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        awaitTrue(() -> running() == 5, "the running event and four prefetched claims");

        a.stop();

        try (EventStore other = openStore()) {
            List<Claim> claims = other.claim("/webhook", 10, Duration.ofSeconds(60));
            assertThat(claims).as("every key free at once for another process").hasSize(5);
            assertThat(claims).extracting(c -> c.event().attempts()).as("only the run that called handleEvent "
                    + "counts an attempt").containsExactlyInAnyOrder(2, 1, 1, 1, 1);
        }
    }

    @Test
    void aRunWaitingForARetryHandsItsEventBackInsteadOfHoldingTheDrain() throws Exception {
        capture();
        CountDownLatch failed = new CountDownLatch(1);
        handler = (node, event) -> {
            failed.countDown();
            throw new RetryableException("the API is down");
        };
        Ocean a = start("a", PostgresAvailable.URL, cfg -> {
            cfg.webhooks.shutdownDrainSeconds = 120;
        });
        assertThat(post(a, "k", 0)).isEqualTo(200);
        assertThat(failed.await(30, TimeUnit.SECONDS)).isTrue();
        awaitTrue(() -> state("k").equals("WAITING"), "the retry recorded");

        a.stop();

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).contains("drained every event")
                .anyMatch(m -> m.contains("handed back while draining"));
        assertThat(state("k")).isEqualTo("WAITING");
        assertThat(leaseHeld("k")).as("no lease left on the key").isFalse();
    }

    @Test
    void aProcessCutOffFromPostgresAppliesNothingOnceItsLeaseLapsed() throws Exception {
        capture();
        CountDownLatch xEntered = new CountDownLatch(1);
        CountDownLatch xReturned = new CountDownLatch(1);
        handler = (node, event) -> {
            if (node.equals("x")) {
                xEntered.countDown();
                // a slow third-party call that outlives the lease; it returns once y has moved Port on
                awaitTrue(() -> port.contains(new Applied("y", "item", 1)), "y applying the newer event");
                xReturned.countDown();
            }
            return WebhookEventRawResults.updated(event.payload());
        };
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            Consumer<OceanConfig> shortLease = cfg -> cfg.webhooks.leaseSeconds = 3;
            Ocean x = start("x", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test", shortLease);
            assertThat(post(x, "item", 0)).isEqualTo(200);
            assertThat(xEntered.await(30, TimeUnit.SECONDS)).isTrue();

            proxy.cut(); // x still reaches Port (here, the list), but no longer PostgreSQL
            Ocean y = start("y", PostgresAvailable.URL, shortLease);
            awaitTrue(() -> port.contains(new Applied("y", "item", 0)), "y taking seq 0 over after x's lease");
            assertThat(post(y, "item", 1)).isEqualTo(200);
            assertThat(xReturned.await(60, TimeUnit.SECONDS)).isTrue();
            awaitTrue(() -> port.stream().anyMatch(a -> a.node().equals("x")) || logs.list.stream()
                    .anyMatch(line -> line.getFormattedMessage().startsWith("fenced after")), "x's run ending");
            proxy.restore();

            assertThat(port).as("Port never goes back to an older state")
                    .containsExactly(new Applied("y", "item", 0), new Applied("y", "item", 1));
        }
    }

    private Ocean start(String node, String url, Consumer<OceanConfig> extra) throws Exception {
        Path stateDir = Files.createTempDirectory("ocean-pg-lease-");
        Ocean ocean = Ocean.create(cfg -> {
            cfg.http.port = 0;
            cfg.startup.shutdownHook = false;
            cfg.webhooks.stateDir = stateDir;
            cfg.webhooks.store = EventStores.postgres(url, PostgresAvailable.USER, null, schema);
            cfg.portAppConfig(PortAppConfig.fromYaml("""
                    resources:
                      - kind: item
                        port:
                          entity:
                            mappings: {identifier: .key, blueprint: '"item"'}
                    """));
            cfg.resultsHandler((event, results) -> {
                if (!results.isEmpty()) {
                    JsonNode payload = event.payload();
                    port.add(new Applied(node, payload.path("key").asText(), payload.path("seq").asInt()));
                }
            });
            extra.accept(cfg);
        });
        ocean.addWebhookProcessor("/webhook", event -> new Processor(event, node));
        ocean.groupEventsBy("/webhook", event -> event.payload().path("key").asText());
        ocean.start();
        oceans.add(ocean);
        return ocean;
    }

    private final class Processor extends AbstractWebhookProcessor {
        private final String node;

        Processor(WebhookEvent event, String node) {
            super(event);
            this.node = node;
        }

        @Override
        public boolean shouldProcessEvent(WebhookEvent event) {
            return true;
        }

        @Override
        public List<String> getMatchingKinds(WebhookEvent event) {
            return List.of("item");
        }

        @Override
        public boolean authenticate(JsonNode payload, EventHeaders headers) {
            return true;
        }

        @Override
        public boolean validatePayload(JsonNode payload) {
            return true;
        }

        @Override
        public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) throws Exception {
            return handler.handle(node, event());
        }

        @Override
        public double initialRetryDelaySeconds() {
            return 30;
        }
    }

    private int post(Ocean ocean, String key, int seq) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ocean.port()
                        + "/integration/webhook")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + key + "\",\"seq\":" + seq + "}")).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private EventStore openStore() throws Exception {
        EventStore store = EventStores.postgres(PostgresAvailable.URL, PostgresAvailable.USER, null, schema);
        store.open(new StoreSettings(Files.createTempDirectory("ocean-pg-other-"), 1_000, 1L << 26, 1_000, 1L << 26,
                Duration.ofMinutes(10), Clock.systemUTC()));
        return store;
    }

    private long running() {
        return query("SELECT count(*) FROM \"" + schema + "\".events WHERE state = 'RUNNING'");
    }

    private String state(String key) {
        try (var connection = PostgresAvailable.connect(); var rs = connection.createStatement().executeQuery(
                "SELECT state FROM \"" + schema + "\".events WHERE group_key = '" + key + "'")) {
            return rs.next() ? rs.getString(1) : "";
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean leaseHeld(String key) {
        return query("SELECT count(*) FROM \"" + schema + "\".keys WHERE group_key = '" + key
                + "' AND token IS NOT NULL AND lease_until > now()") > 0;
    }

    private long query(String sql) {
        try (var connection = PostgresAvailable.connect(); var rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void capture() {
        logs.start();
        ((Logger) LoggerFactory.getLogger("io.ocean")).addAppender(logs);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }
}
