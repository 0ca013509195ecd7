package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocean.core.OceanException;
import org.junit.jupiter.api.Test;

/** Settings changed through ocean.config() after create() are checked at start(), naming the field. */
class ConfigValidatedAtStartTest {

    @Test
    void zeroWorkersSetAfterCreateFailsStartNamingTheField() {
        Ocean ocean = TestOceans.create(cfg -> { });
        ocean.config().webhooks.workers = 0;

        assertThatThrownBy(ocean::start)
                .isInstanceOf(OceanException.class)
                .hasMessage("invalid Ocean config: webhooks.workers must be > 0, got 0");
    }

    @Test
    void aFixedSettingLetsTheSameOceanStart() {
        Ocean ocean = TestOceans.create(cfg -> { });
        ocean.config().http.port = -1;
        assertThatThrownBy(ocean::start).hasMessageContaining("http.port");

        ocean.config().http.port = 0;
        try {
            ocean.start();
            assertThat(ocean.port()).isPositive();
        } finally {
            ocean.stop();
        }
    }
}
