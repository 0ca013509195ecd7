package io.ocean.http.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a response says about waiting: {@code Retry-After} (seconds or an HTTP-date), the reset of a rate limit
 * ({@code RateLimit-Reset} or {@code X-RateLimit-Reset}: epoch seconds as GitHub and GitLab send, or seconds from
 * now as the IETF draft has it), and the requests left ({@code RateLimit-Remaining}, {@code X-RateLimit-Remaining}).
 */
public final class WaitHeaders {

    /** Values above this are epoch seconds, below it seconds from now (about 2001-09-09). */
    private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;
    private static final long EPOCH_MILLIS_FROM = 1_000_000_000_000L;

    private WaitHeaders() {
    }

    /**
     * The wait a failed response asks for: {@code Retry-After}, else the reset of an exhausted rate limit (a 429, or
     * none remaining); null when it says nothing.
     */
    public static Duration wait(int status, HttpHeaders headers, Instant now) {
        Duration retryAfter = retryAfter(headers, now);
        if (retryAfter != null) {
            return retryAfter;
        }
        Long remaining = remaining(headers);
        if (status == 429 || remaining != null && remaining == 0) {
            Instant reset = reset(headers, now);
            return reset == null ? null : nonNegative(Duration.between(now, reset));
        }
        return null;
    }

    /** {@code Retry-After} as a wait from now, or null when missing or unreadable. */
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

    /** When the rate limit resets, or null. */
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

    /** The requests left in the current window, or null when the response does not say. */
    public static Long remaining(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("RateLimit-Remaining")
                .or(() -> headers.firstValue("X-RateLimit-Remaining")).map(String::trim);
        try {
            return value.map(Long::parseLong).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
