package io.ocean.http.internal;

import io.ocean.core.internal.WaitHints;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a response says about waiting: {@code Retry-After} (seconds or an HTTP-date), the reset of a rate limit
 * ({@code RateLimit-Reset} or {@code X-RateLimit-Reset}: epoch seconds as GitHub and GitLab send, or seconds from
 * now as the IETF draft has it; read by ocean-core's {@link WaitHints}, shared with the Port client), and the
 * requests left ({@code RateLimit-Remaining}, {@code X-RateLimit-Remaining}).
 */
public final class WaitHeaders {

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
            return reset == null ? null : WaitHints.nonNegative(Duration.between(now, reset));
        }
        return null;
    }

    /** {@code Retry-After} as a wait from now, or null when missing or unreadable. */
    public static Duration retryAfter(HttpHeaders headers, Instant now) {
        return WaitHints.retryAfter(headers, now);
    }

    /** When the rate limit resets, or null. */
    public static Instant reset(HttpHeaders headers, Instant now) {
        return WaitHints.reset(headers, now);
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
}
