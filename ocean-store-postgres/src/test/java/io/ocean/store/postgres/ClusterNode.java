package io.ocean.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.config.ResourceConfig;
import io.ocean.webhook.Ocean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * One Ocean process of a cluster test, run in its own JVM by {@link ClusterProcesses}. Everything about the store
 * comes from the {@code OCEAN__WEBHOOKS__*} variables, as for the example's replicas. Each event it processes is
 * recorded in {@code <RESULTS_SCHEMA>.processed} (key, sequence number, node, trace id) in processing order; an
 * event with {@code "hold": true} stays in {@code handleEvent} until another node has processed it too.
 */
public final class ClusterNode {

    private static final String NODE = System.getenv().getOrDefault("NODE_NAME", "node");
    private static final String RESULTS = System.getenv().getOrDefault("RESULTS_SCHEMA", "results");
    private static final ThreadLocal<Connection> CONNECTION = new ThreadLocal<>();

    private ClusterNode() {
    }

    /** Starts the node and prints {@code READY <port>} once it listens. */
    public static void main(String[] args) {
        Ocean ocean = Ocean.create(System.getenv(), cfg -> {
            cfg.portAppConfig(PortAppConfig.fromYaml("""
                    resources:
                      - kind: item
                        port:
                          entity:
                            mappings: {identifier: .key, blueprint: '"item"'}
                    """));
            // The catalog is not what these tests look at; processing order and counts are.
            cfg.resultsHandler((event, results) -> { });
        });
        ocean.addWebhookProcessor("/webhook", RecordingProcessor::new);
        ocean.groupEventsBy("/webhook", event -> event.payload().path("key").asText());
        ocean.deduplicateBy("/webhook", event -> event.headers().get("X-Delivery-Id"));
        ocean.start();
        System.out.println("READY " + ocean.port());
        System.out.flush();
    }

    /** Records each event it processes. */
    static final class RecordingProcessor extends AbstractWebhookProcessor {

        private final boolean record;

        RecordingProcessor(WebhookEvent event) {
            this(event, true);
        }

        private RecordingProcessor(WebhookEvent event, boolean record) {
            super(event);
            this.record = record;
        }

        /** The same processor that records nothing itself (its test watches the results instead). */
        static RecordingProcessor withoutRecording(WebhookEvent event) {
            return new RecordingProcessor(event, false);
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
            return payload.hasNonNull("key") && payload.hasNonNull("seq");
        }

        @Override
        public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) throws Exception {
            if (!record) {
                return WebhookEventRawResults.updated(payload);
            }
            Connection connection = connection();
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO \"" + RESULTS
                    + "\".processed (key, seq, node, trace_id) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, payload.get("key").asText());
                ps.setInt(2, payload.get("seq").asInt());
                ps.setString(3, NODE);
                ps.setString(4, event().traceId());
                ps.executeUpdate();
            }
            if (payload.path("hold").asBoolean()) {
                holdUntilAnotherNodeProcessed(connection);
            }
            return WebhookEventRawResults.updated(payload);
        }

        /** Stands for a worker stuck past its lease: it returns only once the event was taken over elsewhere. */
        private void holdUntilAnotherNodeProcessed(Connection connection) throws SQLException, InterruptedException {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM \"" + RESULTS
                        + "\".processed WHERE trace_id = ? AND node <> ?")) {
                    ps.setString(1, event().traceId());
                    ps.setString(2, NODE);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            System.out.println("RELEASED " + event().traceId());
                            System.out.flush();
                            return;
                        }
                    }
                }
                Thread.sleep(50);
            }
        }

        private static Connection connection() throws SQLException {
            Connection connection = CONNECTION.get();
            if (connection == null || connection.isClosed()) {
                connection = DriverManager.getConnection(System.getenv("OCEAN__WEBHOOKS__STORE"),
                        System.getenv("OCEAN__WEBHOOKS__STORE_USER"), null);
                CONNECTION.set(connection);
            }
            return connection;
        }
    }
}
