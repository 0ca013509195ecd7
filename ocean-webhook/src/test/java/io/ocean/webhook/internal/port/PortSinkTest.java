package io.ocean.webhook.internal.port;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ocean.core.Entity;
import io.ocean.core.EntityChanges;
import io.ocean.core.config.PortAppConfig;
import io.ocean.core.internal.Json;
import io.ocean.core.port.PortClient;
import io.ocean.core.port.PortClientConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink against a WireMock Port: the changes of one entity go to Port one after the other, never together. */
class PortSinkTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 40;

    private final WireMockServer port = new WireMockServer(wireMockConfig().dynamicPort());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService callers = Executors.newFixedThreadPool(THREADS);
    private PortClient client;

    @BeforeEach
    void start() {
        port.start();
        port.stubFor(post("/v1/auth/access_token").willReturn(okJson(
                "{\"accessToken\":\"tok\",\"expiresIn\":3600,\"tokenType\":\"Bearer\"}")));
        StringBuilder ok = new StringBuilder("{\"ok\":true,\"entities\":[");
        for (int i = 0; i < 20; i++) {
            ok.append(i > 0 ? "," : "").append("{\"index\":").append(i).append(",\"created\":true}");
        }
        port.stubFor(post(urlPathMatching("/v1/blueprints/thing/entities/bulk.*")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(ok.append("],\"errors\":[]}").toString()).withFixedDelay(5)));
        client = PortClient.create(PortClientConfig.custom().baseUrl(port.baseUrl()).clientId("client-1")
                .clientSecret("secret").integration("github", "1.2.3", "my-github").build());
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        scheduler.shutdownNow();
        client.close();
        port.stop();
    }

    @Test
    void concurrentChangesOfOneEntityNeverShareABulkRequest() throws Exception {
        PortSink sink = new PortSink(client, scheduler, 20);
        List<CompletableFuture<?>> applied = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String id = "entity-" + round;
            CyclicBarrier together = new CyclicBarrier(THREADS);
            List<java.util.concurrent.Future<CompletableFuture<Void>>> started = new ArrayList<>();
            for (int writer = 0; writer < THREADS; writer++) {
                Entity entity = new Entity(TextNode.valueOf(id), "thing", "writer " + writer, null, null,
                        Map.of(), Map.of());
                started.add(callers.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return sink.applyAsync(new EntityChanges(List.of(entity), List.of()), PortAppConfig.empty())
                            .toCompletableFuture();
                }));
            }
            for (java.util.concurrent.Future<CompletableFuture<Void>> future : started) {
                applied.add(future.get(10, TimeUnit.SECONDS));
            }
        }
        CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        List<LoggedRequest> bulks = port.findAll(postRequestedFor(urlPathMatching("/v1/blueprints/thing/.*")));
        int changes = 0;
        for (LoggedRequest bulk : bulks) {
            List<String> ids = new ArrayList<>();
            for (JsonNode entity : Json.MAPPER.readTree(bulk.getBodyAsString()).path("entities")) {
                ids.add(entity.path("identifier").asText());
            }
            changes += ids.size();
            assertThat(ids).as("one bulk request").doesNotHaveDuplicates();
        }
        assertThat(changes).isEqualTo(ROUNDS * THREADS);
    }
}
