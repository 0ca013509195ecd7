package io.ocean.core;

/**
 * Thrown from {@link AbstractWebhookProcessor#handleEvent} when a later attempt may succeed (a rate limit,
 * a flaky third-party API). The default {@link AbstractWebhookProcessor#shouldRetry} retries exactly these.
 */
public class RetryableException extends OceanException {

    /** Creates a retryable failure with a message. */
    public RetryableException(String message) {
        super(message);
    }

    /** Creates a retryable failure that keeps its cause. */
    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
