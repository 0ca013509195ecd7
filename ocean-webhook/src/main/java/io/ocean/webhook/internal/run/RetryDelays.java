package io.ocean.webhook.internal.run;

import io.ocean.core.AbstractWebhookProcessor;
import io.ocean.core.RetryableException;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The wait before retry n (n = 1, 2, ...): {@code min(initial × base^n, max)}, then ± jitter, as in the Python
 * framework (so the defaults wait about 2, 4 and 8 seconds).
 */
public final class RetryDelays {

    private RetryDelays() {
    }

    /**
     * The delay before retry {@code n}.
     *
     * @param random a source of uniform values in [0, 1), for the jitter
     */
    public static Duration delay(AbstractWebhookProcessor processor, int n, DoubleSupplier random) {
        double seconds = Math.min(processor.initialRetryDelaySeconds() * Math.pow(processor.exponentialBaseSeconds(), n),
                processor.maxRetryDelaySeconds());
        double jitter = Math.max(0, processor.retryJitter());
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        double jittered = Math.max(0, seconds * factor);
        return Duration.ofNanos((long) (jittered * 1_000_000_000L));
    }

    /**
     * The delay before retry {@code n} after {@code error}: at least the error's {@link RetryableException#retryAfter()}
     * when it has one (a third-party rate limit), even beyond {@code maxRetryDelaySeconds}, since the service said
     * so and the wait is held by the store, not by a worker.
     */
    public static Duration delay(AbstractWebhookProcessor processor, int n, DoubleSupplier random, Exception error) {
        Duration backoff = delay(processor, n, random);
        if (error instanceof RetryableException retryable && retryable.retryAfter().isPresent()) {
            Duration asked = retryable.retryAfter().get();
            return asked.compareTo(backoff) > 0 ? asked : backoff;
        }
        return backoff;
    }
}
