package io.ocean.examples.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocean.webhook.Ocean;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example's one jar runs as N replicas sharing PostgreSQL by setting variables, with no code of its own. */
class ReplicasTest {

    @Test
    void theStoreVariableSelectsThePackagedPostgresStore() {
        Ocean ocean = GithubIntegration.create(Map.of(
                "OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", "test-secret",
                "OCEAN__WEBHOOKS__STORE", "jdbc:postgresql://127.0.0.1:5432/test",
                "OCEAN__WEBHOOKS__STORE_USER", "postgres",
                "OCEAN__WEBHOOKS__STORE_SCHEMA", "github_example"));

        var store = ocean.config().webhooks.store;

        assertThat(store.getClass().getName()).startsWith("io.ocean.store.postgres.");
        assertThat(store.pollInterval()).as("a store shared by several processes").contains(Duration.ofMillis(500));
    }
}
