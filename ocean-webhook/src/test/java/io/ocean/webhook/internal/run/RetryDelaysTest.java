package io.ocean.webhook.internal.run;


import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.EventHeaders;
import io.ocean.core.RetryableException;
import io.ocean.core.WebhookEvent;
import io.ocean.core.WebhookEventRawResults;
import io.ocean.core.config.ResourceConfig;
import io.ocean.core.internal.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryDelaysTest {

    /** A processor with the Python framework's default retry settings. */
    private static class Defaults extends AbstractWebhookProcessor {
        Defaults() {
            super(WebhookEvent.of("/w", Json.MAPPER.createObjectNode(), EventHeaders.empty(), new byte[0]));
        }

        @Override
        public boolean shouldProcessEvent(WebhookEvent event) {
            return true;
        }

        @Override
        public List<String> getMatchingKinds(WebhookEvent event) {
            return List.of();
        }

        @Override
        public boolean authenticate(JsonNode payload, EventHeaders headers) {
            return true;
        }

        @Override
        public boolean validatePayload(JsonNode payload) {
            return true;
        }

        @Override
        public WebhookEventRawResults handleEvent(JsonNode payload, ResourceConfig resourceConfig) {
            return WebhookEventRawResults.empty();
        }
    }

    @Test
    void defaultsWaitTwoFourEightSecondsWithoutJitter() {
        Defaults processor = new Defaults();

        assertThat(RetryDelays.delay(processor, 1, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryDelays.delay(processor, 2, () -> 0.5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(RetryDelays.delay(processor, 3, () -> 0.5)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void delaysAreCappedAtTheMaximum() {
        assertThat(RetryDelays.delay(new Defaults(), 10, () -> 0.5)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterStaysWithinPlusMinusTheFraction() {
        Defaults processor = new Defaults();

        assertThat(RetryDelays.delay(processor, 1, () -> 0.0)).isEqualTo(Duration.ofMillis(1_800));
        assertThat(RetryDelays.delay(processor, 1, () -> 0.999_999_999)).isBetween(Duration.ofMillis(2_199),
                Duration.ofMillis(2_200));
    }

    @Test
    void overriddenSettingsAreUsed() {
        Defaults fast = new Defaults() {
            @Override
            public double initialRetryDelaySeconds() {
                return 0.1;
            }

            @Override
            public double exponentialBaseSeconds() {
                return 3;
            }

            @Override
            public double retryJitter() {
                return 0;
            }
        };

        assertThat(RetryDelays.delay(fast, 2, () -> 0.9)).isEqualTo(Duration.ofMillis(900));
    }

    @Test
    void aRetryAfterFromTheFailingServiceIsWaitedEvenBeyondTheMaximum() {
        RetryableException rateLimited = new RetryableException("429", Duration.ofSeconds(1_200), null);

        assertThat(RetryDelays.delay(new Defaults(), 1, () -> 0.5, rateLimited)).isEqualTo(Duration.ofSeconds(1_200));
    }

    @Test
    void aShorterRetryAfterThanTheBackoffKeepsTheBackoff() {
        RetryableException soon = new RetryableException("429", Duration.ofMillis(10), null);

        assertThat(RetryDelays.delay(new Defaults(), 2, () -> 0.5, soon)).isEqualTo(Duration.ofSeconds(4));
        assertThat(RetryDelays.delay(new Defaults(), 2, () -> 0.5, new RetryableException("flaky")))
                .isEqualTo(Duration.ofSeconds(4));
    }
}
