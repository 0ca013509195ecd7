package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.webhook.store.EventStores;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worker gets the tree the edge parsed, not a second parse of the stored body (a sixth of the end-to-end CPU),
 * on the memory and the SQLite store alike; the event's bytes, headers and trace id are still the stored ones.
 */
class ParsedPayloadTest {

    private final Script script = new Script("issues");
    private final Results results = new Results();
    private Ocean ocean;

    @AfterEach
    void stop() {
        if (ocean != null) {
            ocean.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void theWorkerSeesTheTreeTheEdgeParsed(String engine) {
        List<JsonNode> routed = new CopyOnWriteArrayList<>();
        List<JsonNode> handled = new CopyOnWriteArrayList<>();
        script.matches = event -> routed.add(event.payload());
        script.handler = (payload, resource) -> {
            handled.add(payload);
            return WebhookEventRawResults.updated(payload);
        };
        ocean = TestOceans.create(cfg -> {
            if (engine.equals("memory")) {
                cfg.webhooks.store = EventStores.memory();
            }
            cfg.resultsHandler(results);
        });
        ocean.addWebhookProcessor("/webhook", ScriptedProcessor.factory(script));
        ocean.start();
        Http http = new Http(ocean.port());

        String traceId = http.postJson("/integration/webhook", "{\"id\":7,\"title\":\"x\"}").field("traceId");

        assertThat(ocean.awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(handled).hasSize(1);
        // routed: the edge's shouldProcessEvent first, then the worker's reroute
        assertThat(routed.get(0)).as("the edge's tree").isSameAs(handled.get(0));
        assertThat(script.handled.get(0).traceId()).isEqualTo(traceId);
        assertThat(new String(script.handled.get(0).rawBody(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":7,\"title\":\"x\"}");
    }
}
