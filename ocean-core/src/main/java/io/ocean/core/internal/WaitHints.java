package io.ocean.core.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long an HTTP service asks a client to wait, and the backoff when it does not say: one reading for the Port
 * client (ocean-core) and the HTTP API client (ocean-http). {@code Retry-After} in seconds or as an HTTP-date; the
 * reset of a rate limit ({@code RateLimit-Reset} or {@code X-RateLimit-Reset}) as epoch seconds (GitHub, GitLab),
 * epoch milliseconds, or seconds from now (the IETF draft).
 */
public final class WaitHints {

    /** Values above this are epoch seconds, below it seconds from now (about 2001-09-09). */
    private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;
    private static final long EPOCH_MILLIS_FROM = 1_000_000_000_000L;

    private WaitHints() {
    }

    /** {@code Retry-After} as a wait from now (never negative), or null when missing or unreadable. */
    public static Duration retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
        if (value.isEmpty() || value.get().isEmpty()) {
            return null;
        }
        String text = value.get();
        try {
            return nonNegative(Duration.ofMillis((long) (Double.parseDouble(text) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return nonNegative(Duration.between(now, at));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** When the rate limit resets, or null when the response does not say (or not readably). */
    public static Instant reset(HttpHeaders headers, Instant now) {
        Optional<String> value = headers.firstValue("RateLimit-Reset")
                .or(() -> headers.firstValue("X-RateLimit-Reset")).map(String::trim);
        if (value.isEmpty()) {
            return null;
        }
        try {
            long number = (long) Double.parseDouble(value.get());
            if (number >= EPOCH_MILLIS_FROM) {
                return Instant.ofEpochMilli(number);
            }
            return number >= EPOCH_SECONDS_FROM ? Instant.ofEpochSecond(number) : now.plusSeconds(Math.max(0, number));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The backoff before retry {@code n} (1, 2, ...): {@code min(initial × 2^(n-1), max)}, times
     * {@code 1 ± jitter} as {@code random} (uniform in [0, 1)) falls; never negative.
     */
    public static Duration backoff(Duration initial, Duration max, int n, double jitter, double random) {
        double base = Math.min(initial.toNanos() * Math.pow(2, n - 1), max.toNanos());
        return Duration.ofNanos((long) Math.max(0, base * (1 + jitter * (2 * random - 1))));
    }

    /** Zero for a negative duration (a time already past). */
    public static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
