package io.ocean.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocean.core.OceanException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits on slow bodies: defaults, variables, and errors that name the field. */
class HttpConfigTest {

    @Test
    void theSlowBodyLimitsHaveDefaults() {
        HttpConfig http = Ocean.create(Map.of(), cfg -> { }).config().http;

        assertThat(http.minRequestBytesPerSecond).isEqualTo(256);
        assertThat(http.bodyReadTimeoutMillis).isEqualTo(10_000);
        assertThat(http.maxConcurrentBodyReads).isEqualTo(64);
    }

    @Test
    void variablesSetTheSlowBodyLimits() {
        HttpConfig http = Ocean.create(Map.of(
                "OCEAN__HTTP__MIN_REQUEST_BYTES_PER_SECOND", "0",
                "OCEAN__HTTP__BODY_READ_TIMEOUT_MILLIS", "2500",
                "OCEAN__HTTP__MAX_CONCURRENT_BODY_READS", "8"), cfg -> { }).config().http;

        assertThat(http.minRequestBytesPerSecond).isZero();
        assertThat(http.bodyReadTimeoutMillis).isEqualTo(2_500);
        assertThat(http.maxConcurrentBodyReads).isEqualTo(8);
    }

    @Test
    void badSlowBodyLimitsFailCreateNamingTheField() {
        assertThatThrownBy(() -> Ocean.create(Map.of(), cfg -> cfg.http.minRequestBytesPerSecond = -1))
                .isInstanceOf(OceanException.class).hasMessageContaining("http.minRequestBytesPerSecond");
        assertThatThrownBy(() -> Ocean.create(Map.of(), cfg -> cfg.http.bodyReadTimeoutMillis = 0))
                .isInstanceOf(OceanException.class).hasMessageContaining("http.bodyReadTimeoutMillis");
        assertThatThrownBy(() -> Ocean.create(Map.of(), cfg -> cfg.http.maxConcurrentBodyReads = 0))
                .isInstanceOf(OceanException.class).hasMessageContaining("http.maxConcurrentBodyReads");
    }
}
