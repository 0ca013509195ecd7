package io.ocean.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown from {@link AbstractWebhookProcessor#handleEvent} when a later attempt may succeed (a rate limit,
 * a flaky third-party API). The default {@link AbstractWebhookProcessor#shouldRetry} retries exactly these. One
 * that carries a {@link #retryAfter()} (a rate limit's {@code Retry-After}) makes the runtime wait at least that long
 * before the next attempt, in the store, without holding a worker.
 */
public class RetryableException extends OceanException {

    private final Duration retryAfter;

    /** Creates a retryable failure with a message. */
    public RetryableException(String message) {
        super(message);
        this.retryAfter = null;
    }

    /** Creates a retryable failure that keeps its cause. */
    public RetryableException(String message, Throwable cause) {
        super(message, cause);
        this.retryAfter = null;
    }

    /**
     * Creates a retryable failure that must not be retried before {@code retryAfter} has passed.
     *
     * @param cause may be null
     */
    public RetryableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must be >= 0, got " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    /** The least wait before the next attempt that the failing service asked for, if it asked. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
