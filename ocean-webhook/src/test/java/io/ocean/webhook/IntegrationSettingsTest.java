package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocean.core.OceanException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ocean.integrationConfig(): a read-only map whose require(name) names the variable to set. */
class IntegrationSettingsTest {

    @Test
    void requireReturnsASettingFromItsVariable() {
        Ocean ocean = Ocean.create(Map.of("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", "s3cret"), cfg -> { });

        assertThat(ocean.integrationConfig().require("webhook_secret")).isEqualTo("s3cret");
        assertThat(ocean.integrationConfig().require("WEBHOOK_SECRET")).isEqualTo("s3cret");
    }

    @Test
    void aMissingSettingNamesTheVariableToSet() {
        Ocean ocean = Ocean.create(Map.of(), cfg -> { });

        assertThatThrownBy(() -> ocean.integrationConfig().require("webhook_secret"))
                .isInstanceOf(OceanException.class)
                .hasMessage("the integration setting webhook_secret is missing: set the environment variable "
                        + "OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET (or cfg.integration.config.put(\"webhook_secret\", "
                        + "...) in code)");
    }

    @Test
    void aBlankSettingIsRefusedLikeAMissingOne() {
        Ocean ocean = Ocean.create(Map.of("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", "  "), cfg -> { });

        assertThatThrownBy(() -> ocean.integrationConfig().require("webhook_secret"))
                .hasMessageContaining("webhook_secret is blank")
                .hasMessageContaining("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET");
    }

    @Test
    void itStillReadsAsAReadOnlyMap() {
        Ocean ocean = Ocean.create(cfg -> cfg.integration.config.put("app_host", "https://example.test"));
        Map<String, String> settings = ocean.integrationConfig();

        assertThat(settings).containsExactly(Map.entry("app_host", "https://example.test"));
        assertThat(settings.getOrDefault("other", "fallback")).isEqualTo("fallback");
        assertThatThrownBy(() -> settings.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(IntegrationSettings.variable("app_host")).isEqualTo("OCEAN__INTEGRATION__CONFIG__APP_HOST");
    }
}
