package io.ocean.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ocean.core.Entity;
import io.ocean.core.port.PortClient;
import io.ocean.core.port.PortClientConfig;
import io.ocean.core.port.UpsertResult;
import io.ocean.testkit.FakePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FakePort's entity store over real HTTP, under concurrent writes of one entity. */
class FakePortApiTest {

    private static final int WRITERS = 64;

    private FakePort port;
    private PortClient client;

    @BeforeEach
    void start() {
        port = FakePort.start().withoutJournal();
        client = PortClient.create(PortClientConfig.custom().baseUrl(port.baseUrl()).clientId(port.clientId())
                .clientSecret(port.clientSecret()).integration("github", "1.2.3", "my-github")
                .maxConcurrentRequests(WRITERS).build());
    }

    @AfterEach
    void stop() {
        client.close();
        port.close();
    }

    @Test
    void concurrentMergesOfOneEntityKeepEveryPropertyAndCreateItOnce() throws Exception {
        List<CompletableFuture<UpsertResult>> writes = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            Entity part = new Entity(TextNode.valueOf("shared"), "thing", null, null, null,
                    Map.of("p" + i, IntNode.valueOf(i)), Map.of());
            writes.add(client.upsertEntities(List.of(part), true, true));
        }
        int created = 0;
        for (CompletableFuture<UpsertResult> write : writes) {
            UpsertResult result = write.get(60, TimeUnit.SECONDS);
            assertThat(result.failed()).isEmpty();
            created += (int) result.outcomes().stream().filter(outcome -> outcome.created()).count();
        }

        Entity stored = port.entity("thing", "shared").orElseThrow();
        assertThat(stored.properties()).as("no merge lost another's property").hasSize(WRITERS);
        assertThat(created).as("writes that reported creating the entity").isEqualTo(1);
    }
}
