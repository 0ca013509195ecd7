package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocean.core.OceanException;
import io.ocean.webhook.internal.EnvironmentSettings;
import io.ocean.webhook.store.EventStore;
import io.ocean.webhook.store.EventStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every setting can come from OCEAN__GROUP__FIELD; code wins; bad values name their variable. */
class EnvironmentSettingsTest {

    @Test
    void variablesFillEveryKindOfSetting() {
        Map<String, String> env = Map.of(
                "OCEAN__WEBHOOKS__QUEUE_CAPACITY", "123",
                "OCEAN__WEBHOOKS__QUEUE_MAX_BYTES", "4096",
                "OCEAN__HTTP__HOST", "127.0.0.1",
                "OCEAN__STARTUP__SHUTDOWN_HOOK", "false",
                "OCEAN__WEBHOOKS__STATE_DIR", "/tmp/ocean-state",
                "OCEAN__MAPPING__ITEM_TIMEOUT", "2.5",
                "OCEAN__PORT__REQUEST_TIMEOUT", "PT15S",
                "OCEAN__PORT__CLIENT_ID", "id",
                "OCEAN__PORT__CLIENT_SECRET", "secret");

        Ocean ocean = Ocean.create(env, cfg -> { });
        OceanConfig cfg = config(ocean);

        assertThat(cfg.webhooks.queueCapacity).isEqualTo(123);
        assertThat(cfg.webhooks.queueMaxBytes).isEqualTo(4096L);
        assertThat(cfg.http.host).isEqualTo("127.0.0.1");
        assertThat(cfg.startup.shutdownHook).isFalse();
        assertThat(cfg.webhooks.stateDir).isEqualTo(Path.of("/tmp/ocean-state"));
        assertThat(cfg.mapping.itemTimeout).isEqualTo(Duration.ofMillis(2500));
        assertThat(cfg.port.requestTimeout).isEqualTo(Duration.ofSeconds(15));
        assertThat(cfg.port.enabled()).isTrue();
    }

    @Test
    void codeWinsOverVariables() {
        Ocean ocean = Ocean.create(Map.of("OCEAN__HTTP__PORT", "9999"), cfg -> cfg.http.port = 0);

        assertThat(config(ocean).http.port).isZero();
    }

    @Test
    void pythonFrameworkNamesWorkAndTheCanonicalNameWins() {
        OceanConfig aliases = config(Ocean.create(Map.of("OCEAN__EVENT_WORKERS_COUNT", "7",
                "OCEAN__MAX_EVENT_PROCESSING_SECONDS", "33", "OCEAN__BASE_URL", "https://hooks.example.test"),
                cfg -> { }));
        OceanConfig both = config(Ocean.create(Map.of("OCEAN__EVENT_WORKERS_COUNT", "7",
                "OCEAN__WEBHOOKS__WORKERS", "2"), cfg -> { }));

        assertThat(aliases.webhooks.workers).isEqualTo(7);
        assertThat(aliases.webhooks.maxEventProcessingSeconds).isEqualTo(33);
        assertThat(aliases.integration.baseUrl).isEqualTo("https://hooks.example.test");
        assertThat(both.webhooks.workers).isEqualTo(2);
    }

    @Test
    void integrationConfigKeysAreLowerCased() {
        Ocean ocean = Ocean.create(Map.of("OCEAN__INTEGRATION__CONFIG__APP_HOST", "https://x.test",
                "OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", "s"), cfg -> { });

        assertThat(ocean.integrationConfig()).containsEntry("app_host", "https://x.test").containsEntry("webhook_secret", "s");
    }

    @Test
    void aValueThatDoesNotParseNamesItsVariable() {
        assertThatThrownBy(() -> Ocean.create(Map.of("OCEAN__WEBHOOKS__QUEUE_CAPACITY", "lots"), cfg -> { }))
                .isInstanceOf(OceanException.class)
                .hasMessageContaining("OCEAN__WEBHOOKS__QUEUE_CAPACITY='lots' is not a valid int");
        assertThatThrownBy(() -> Ocean.create(Map.of("OCEAN__STARTUP__SHUTDOWN_HOOK", "yes"), cfg -> { }))
                .isInstanceOf(OceanException.class).hasMessageContaining("OCEAN__STARTUP__SHUTDOWN_HOOK");
        assertThatThrownBy(() -> Ocean.create(Map.of("OCEAN__PORT__CLIENT_ID", "only-the-id"), cfg -> { }))
                .isInstanceOf(OceanException.class).hasMessageContaining("set together");
    }

    @Test
    void everySettingHasAVariableNamedAfterItsGroupAndField() {
        assertThat(EnvironmentSettings.settings(config(Ocean.create(Map.of(), cfg -> { }))))
                .extracting(EnvironmentSettings.Setting::variable)
                .contains("OCEAN__HTTP__PORT", "OCEAN__HTTP__MAX_BODY_BYTES", "OCEAN__WEBHOOKS__QUEUE_CAPACITY",
                        "OCEAN__WEBHOOKS__MAX_EVENT_PROCESSING_SECONDS", "OCEAN__PORT__CLIENT_ID",
                        "OCEAN__PORT__CLIENT_SECRET", "OCEAN__PORT__BASE_URL", "OCEAN__INTEGRATION__IDENTIFIER",
                        "OCEAN__INTEGRATION__TYPE", "OCEAN__INTEGRATION__VERSION", "OCEAN__LOCAL_CATALOG__FILE",
                        "OCEAN__PORT__APP_CONFIG_CACHE_SECONDS", "OCEAN__PORT__BATCH_WINDOW_MILLIS");
    }

    @Test
    void theStoreComesFromAVariableAndCodeWins() {
        OceanConfig memory = config(Ocean.create(Map.of("OCEAN__WEBHOOKS__STORE", "memory"), cfg -> { }));
        OceanConfig sqlite = config(Ocean.create(Map.of("OCEAN__WEBHOOKS__STORE", " SQLite "), cfg -> { }));
        OceanConfig unset = config(Ocean.create(Map.of(), cfg -> { }));
        EventStore inCode = EventStores.memory();
        OceanConfig code = config(Ocean.create(Map.of("OCEAN__WEBHOOKS__STORE", "sqlite"),
                cfg -> cfg.webhooks.store = inCode));

        assertThat(memory.webhooks.store).isInstanceOf(EventStores.memory().getClass());
        assertThat(sqlite.webhooks.store).isInstanceOf(EventStores.sqlite().getClass());
        assertThat(unset.webhooks.store).as("null means SQLite, chosen at start").isNull();
        assertThat(code.webhooks.store).isSameAs(inCode);
    }

    @Test
    void aStoreNoEngineAcceptsFailsCreateNamingTheVariableButNotThePassword() {
        Map<String, String> env = Map.of(
                "OCEAN__WEBHOOKS__STORE", "jdbc:postgresql://db.test/ocean?password=url-secret",
                "OCEAN__WEBHOOKS__STORE_USER", "ocean",
                "OCEAN__WEBHOOKS__STORE_PASSWORD", "variable-secret");

        assertThatThrownBy(() -> Ocean.create(env, cfg -> { }))
                .isInstanceOf(OceanException.class)
                .hasMessageContaining("OCEAN__WEBHOOKS__STORE")
                .hasMessageContaining("ocean-store-postgres")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("url-secret", "variable-secret"));
        assertThatThrownBy(() -> Ocean.create(Map.of("OCEAN__WEBHOOKS__STORE", "redis://x"), cfg -> { }))
                .isInstanceOf(OceanException.class).hasMessageContaining("OCEAN__WEBHOOKS__STORE")
                .hasMessageContaining("expected sqlite, memory");
    }

    @Test
    void storeSettingsAreValidatedNamingTheField() {
        assertThatThrownBy(() -> Ocean.create(Map.of(), cfg -> cfg.webhooks.storeTimeoutMillis = 0))
                .isInstanceOf(OceanException.class).hasMessageContaining("webhooks.storeTimeoutMillis must be > 0");
        assertThatThrownBy(() -> Ocean.create(Map.of(), cfg -> cfg.webhooks.leaseSeconds = -1))
                .isInstanceOf(OceanException.class).hasMessageContaining("webhooks.leaseSeconds must be > 0");
        assertThatThrownBy(() -> Ocean.create(Map.of(), cfg -> cfg.webhooks.deadLetterMaxBytes = 0))
                .isInstanceOf(OceanException.class).hasMessageContaining("webhooks.deadLetterMaxBytes must be > 0");
        assertThatThrownBy(() -> Ocean.create(Map.of(), cfg -> cfg.webhooks.storeSchema = "ocean; drop table x"))
                .isInstanceOf(OceanException.class).hasMessageContaining("webhooks.storeSchema");
        assertThat(config(Ocean.create(Map.of("OCEAN__WEBHOOKS__STORE_SCHEMA", "tenant_7"), cfg -> { }))
                .webhooks.storeSchema).isEqualTo("tenant_7");
    }

    private static OceanConfig config(Ocean ocean) {
        return ocean.config();
    }
}
