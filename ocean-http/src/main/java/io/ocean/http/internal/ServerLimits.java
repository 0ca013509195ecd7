package io.ocean.http.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's own rate limit per host, as its last response reported it ({@code RateLimit-Remaining} and
 * {@code -Reset}): a request is held until the reset when none remain, and a resync's request already when only the
 * live reservation remains. Counted down per request sent, so parallel resync requests do not all pass.
 */
public final class ServerLimits {

    private record Window(long remaining, Instant resetAt) {
    }

    private final Map<String, Window> hosts = new ConcurrentHashMap<>();

    /** Remembers what a response said about the limit. */
    public void observe(String host, HttpHeaders headers, Instant now) {
        Long remaining = WaitHeaders.remaining(headers);
        Instant reset = WaitHeaders.reset(headers, now);
        if (remaining != null && reset != null) {
            hosts.put(host, new Window(remaining, reset));
        }
    }

    /**
     * Zero and one request counted when it may go now, keeping {@code keep} for others; else the wait until the
     * window resets.
     */
    public Duration claim(String host, int keep, Instant now) {
        Duration[] wait = {Duration.ZERO};
        hosts.computeIfPresent(host, (h, window) -> {
            if (!now.isBefore(window.resetAt())) {
                return null;
            }
            if (window.remaining() > keep) {
                return new Window(window.remaining() - 1, window.resetAt());
            }
            wait[0] = Duration.between(now, window.resetAt());
            return window;
        });
        return wait[0];
    }
}
