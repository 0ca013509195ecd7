package io.ocean.core.port.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Which answers are retried, and how long to wait: Port's own hint first, else exponential backoff with jitter. */
final class RetryTiming {

    /** Retried statuses; 500 is not, as the issue of a 500 is rarely fixed by asking again. */
    static final Set<Integer> RETRYABLE = Set.of(408, 429, 502, 503, 504);

    private RetryTiming() {
    }

    /** Backoff before attempt {@code attempt + 1}: initial × 2^(attempt-1), capped, ± 20 %. */
    static Duration backoff(int attempt, Duration initial, Duration max) {
        double nanos = initial.toNanos() * Math.pow(2, attempt - 1);
        double capped = Math.min(nanos, max.toNanos());
        double jittered = capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofNanos((long) Math.min(jittered, max.toNanos()));
    }

    /** Port's hint: {@code Retry-After} in seconds or as an HTTP date, else {@code x-ratelimit-reset}. */
    static Optional<Duration> hint(HttpHeaders headers, Instant now) {
        Optional<String> retryAfter = headers.firstValue("retry-after");
        if (retryAfter.isPresent()) {
            Optional<Duration> parsed = parse(retryAfter.get().trim(), now);
            if (parsed.isPresent()) {
                return parsed;
            }
        }
        return headers.firstValue("x-ratelimit-reset").flatMap(value -> {
            try {
                long number = (long) Double.parseDouble(value.trim());
                // Large values are an epoch time; small ones are seconds to wait.
                long seconds = number > 1_000_000_000L ? number - now.getEpochSecond() : number;
                return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<Duration> parse(String value, Instant now) {
        try {
            return Optional.of(Duration.ofMillis((long) (Math.max(0, Double.parseDouble(value)) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
