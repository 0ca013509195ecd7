package io.ocean.core.port.internal;

import io.ocean.core.internal.WaitHints;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Which answers are retried, and how long to wait: Port's own hint first, else exponential backoff with jitter. */
final class RetryTiming {

    /** Retried statuses; 500 is not, as the issue of a 500 is rarely fixed by asking again. */
    static final Set<Integer> RETRYABLE = Set.of(408, 429, 502, 503, 504);

    private RetryTiming() {
    }

    /** Backoff before attempt {@code attempt + 1}: initial × 2^(attempt-1), capped, ± 20 %, never above max. */
    static Duration backoff(int attempt, Duration initial, Duration max) {
        Duration jittered = WaitHints.backoff(initial, max, attempt, 0.2, ThreadLocalRandom.current().nextDouble());
        return jittered.compareTo(max) > 0 ? max : jittered;
    }

    /** Port's hint: {@code Retry-After} in seconds or as an HTTP date, else the rate limit's reset. */
    static Optional<Duration> hint(HttpHeaders headers, Instant now) {
        Duration retryAfter = WaitHints.retryAfter(headers, now);
        if (retryAfter != null) {
            return Optional.of(retryAfter);
        }
        return Optional.ofNullable(WaitHints.reset(headers, now))
                .map(reset -> WaitHints.nonNegative(Duration.between(now, reset)));
    }
}
