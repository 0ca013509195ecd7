package io.ocean.examples.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.testkit.OceanTest;
import io.ocean.testkit.OceanTestClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyRouterIntegrationTest {

    @Test
    void theRouteRegistersAndUnregistersThroughTheMapping() {
        OceanTest.run(LegacyRouterIntegration.create(Map.of()), (app, port, client) -> {
            OceanTestClient.Response opened = client.sendFixture("/webhook", "github/issues.opened.json", Map.of());

            assertThat(opened.status()).isEqualTo(200);
            assertThat(opened.json().path("upserted").asInt()).isEqualTo(1);
            assertThat(port.entity("githubIssue", "Hello-World-1"))
                    .hasValueSatisfying(e -> assertThat(e.title()).isEqualTo("Spelling error in the README file"));

            OceanTestClient.Response deleted = client.sendFixture("/webhook", "github/issues.deleted.json", Map.of());

            assertThat(deleted.json().path("deleted").asInt()).isEqualTo(1);
            assertThat(port.entities()).isEmpty();
        });
    }
}
