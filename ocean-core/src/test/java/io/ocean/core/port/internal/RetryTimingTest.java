package io.ocean.core.port.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryTimingTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true);
    }

    @Test
    void retryAfterInSecondsIsHonoured() {
        assertThat(RetryTiming.hint(headers("Retry-After", "7"), NOW)).hasValue(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        assertThat(RetryTiming.hint(headers("Retry-After", "Fri, 27 Nov 2026 12:00:30 GMT"), NOW))
                .hasValue(Duration.ofSeconds(30));
        assertThat(RetryTiming.hint(headers("Retry-After", "Fri, 27 Nov 2026 11:00:00 GMT"), NOW))
                .hasValue(Duration.ZERO);
    }

    @Test
    void rateLimitResetIsReadAsSecondsOrEpoch() {
        assertThat(RetryTiming.hint(headers("x-ratelimit-reset", "12"), NOW)).hasValue(Duration.ofSeconds(12));
        assertThat(RetryTiming.hint(headers("x-ratelimit-reset", String.valueOf(NOW.getEpochSecond() + 20)), NOW))
                .hasValue(Duration.ofSeconds(20));
    }

    @Test
    void noHintMeansBackoffThatGrowsAndIsCapped() {
        assertThat(RetryTiming.hint(headers("x-other", "1"), NOW)).isEmpty();
        Duration initial = Duration.ofMillis(300);
        Duration max = Duration.ofMinutes(5);

        assertThat(RetryTiming.backoff(1, initial, max)).isBetween(Duration.ofMillis(240), Duration.ofMillis(360));
        assertThat(RetryTiming.backoff(4, initial, max)).isBetween(Duration.ofMillis(1920), Duration.ofMillis(2880));
        assertThat(RetryTiming.backoff(30, initial, max)).isLessThanOrEqualTo(max);
    }

    @Test
    void fiveHundredIsNotRetriedButTheTransientStatusesAre() {
        assertThat(RetryTiming.RETRYABLE).containsExactlyInAnyOrder(408, 429, 502, 503, 504).doesNotContain(500);
    }
}
