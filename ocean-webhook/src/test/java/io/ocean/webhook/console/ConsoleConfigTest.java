package io.ocean.webhook.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocean.core.OceanException;
import io.ocean.webhook.Ocean;
import io.ocean.webhook.OceanConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's settings: off by default, set by variables, and a bad value names the field, never the token. */
class ConsoleConfigTest {

    @Test
    void theConsoleIsOffByDefaultWithAThousandRecentEvents() {
        OceanConfig config = Ocean.create(Map.of(), cfg -> { }).config();

        assertThat(config.console.enabled).isFalse();
        assertThat(config.console.token).isNull();
        assertThat(config.console.recentEvents).isEqualTo(1_000);
    }

    @Test
    void variablesTurnItOnAndSetTheToken() {
        OceanConfig config = Ocean.create(Map.of("OCEAN__CONSOLE__ENABLED", "true",
                "OCEAN__CONSOLE__TOKEN", "a-long-enough-console-token", "OCEAN__CONSOLE__RECENT_EVENTS", "50"),
                cfg -> { }).config();

        assertThat(config.console.enabled).isTrue();
        assertThat(config.console.token).isEqualTo("a-long-enough-console-token");
        assertThat(config.console.recentEvents).isEqualTo(50);
    }

    @Test
    void aShortTokenFailsNamingTheFieldButNotTheToken() {
        assertThatThrownBy(() -> Ocean.create(Map.of("OCEAN__CONSOLE__TOKEN", "short-secret"), cfg -> { }))
                .isInstanceOf(OceanException.class)
                .hasMessageContaining("console.token must be at least 16 characters")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void recentEventsMustBePositive() {
        assertThatThrownBy(() -> Ocean.create(Map.of(), cfg -> cfg.console.recentEvents = 0))
                .isInstanceOf(OceanException.class).hasMessageContaining("console.recentEvents must be > 0");
    }
}
