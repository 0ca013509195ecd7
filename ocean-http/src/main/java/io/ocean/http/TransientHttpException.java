package io.ocean.http;

import io.ocean.core.RetryableException;
import java.time.Duration;
import java.util.Optional;

/**
 * A request that may succeed later: I/O errors and 5xx after the client's own retries, a non-idempotent request that
 * met one of those (never resent by the client), or a rate limit whose wait is longer than the client may block a
 * thread ({@link HttpApiConfig#maxWait()}). A {@link RetryableException}, so the event runtime retries the event,
 * no sooner than {@link #retryAfter()} when the service said when.
 */
public class TransientHttpException extends RetryableException {

    private final int status;
    private final Duration wait;

    /**
     * Creates the failure.
     *
     * @param status     the last HTTP status, or 0 for an I/O error
     * @param retryAfter the wait the service asked for, or null
     * @param cause      may be null
     */
    public TransientHttpException(int status, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.wait = retryAfter;
    }

    /** The wait the service asked for ({@code Retry-After}, a rate limit's reset), if it said. */
    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(wait);
    }

    /** The last HTTP status, or 0 for an I/O error. */
    public int status() {
        return status;
    }
}
