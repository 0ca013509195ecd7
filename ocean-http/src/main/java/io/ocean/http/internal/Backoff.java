package io.ocean.http.internal;

import io.ocean.http.HttpApiConfig;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/** The wait before retry n (n = 1, 2, ...) when the service did not say: {@code min(initial × 2^(n-1), max) ± jitter}. */
public final class Backoff {

    private Backoff() {
    }

    /**
     * The delay before retry {@code n}.
     *
     * @param random uniform values in [0, 1), for the jitter
     */
    public static Duration delay(HttpApiConfig config, int n, DoubleSupplier random) {
        double base = Math.min(config.initialBackoff().toNanos() * Math.pow(2, n - 1), config.maxBackoff().toNanos());
        double factor = 1 + config.jitter() * (2 * random.getAsDouble() - 1);
        return Duration.ofNanos((long) Math.max(0, base * factor));
    }
}
