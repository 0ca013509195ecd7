package io.ocean.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStoreException;
import io.ocean.webhook.store.EventStores;
import io.ocean.webhook.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings a person got wrong fail with a message that names them, and never echo a password. */
class OpeningTest {

    @Test
    void aPostgresSettingIsFoundThroughTheProviderOnTheClassPath() {
        EventStore store = EventStores.fromSetting("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null, null);

        assertThat(store.getClass().getName()).startsWith("io.ocean.store.postgres.");
        assertThat(store.pollInterval()).contains(Duration.ofMillis(500));
        assertThat(new PostgresEventStoreProvider().accepts("jdbc:mysql://x/y")).isFalse();
    }

    @Test
    void aSchemaThatIsNotAPlainNameIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> EventStores.postgres("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null,
                "ocean; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("webhooks.storeSchema");
    }

    @Test
    void anUnreachableDatabaseFailsToOpenNamingItWithoutThePassword() {
        EventStore store = EventStores.postgres("jdbc:postgresql://127.0.0.1:1/test?password=secret123", "ocean",
                "secret456");

        assertThatThrownBy(() -> store.open(new StoreSettings(Path.of("target", "state"), 10, 10, 10, 10,
                Duration.ofMinutes(1), Clock.systemUTC())))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("127.0.0.1:1/test")
                .hasMessageNotContaining("secret123")
                .hasMessageNotContaining("secret456");
        store.close();
    }
}
